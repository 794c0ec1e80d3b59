#include "store/items/item_repository.h"

#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store/temp_database.h"

namespace tandem::store {

namespace {

class ItemRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write(
        "INSERT INTO items(id, number, type_id, status_id, state, title, created_at, updated_at) "
        "VALUES (1, 1, 1, 1, 'not_started', 'one', 0, 0), (2, 2, 1, 1, 'not_started', 'two', 0, 0)");
  }

  void write(const std::string& sql) {
    ASSERT_TRUE(temp_.db().write([&](Txn& txn) { return txn.exec(sql, {}); }).ok()) << sql;
  }

  // The item's API JSON text, read the way every GET reads it ("" when there is none).
  std::string item_text(std::int64_t id) {
    std::optional<ItemJson> found;
    EXPECT_TRUE(temp_.db()
                    .read([&](Txn& txn) -> Status {
                      TANDEM_ASSIGN(found, find_item(txn, id, {"1", {}}));
                      return {};
                    })
                    .ok());
    return found ? found->json : "";
  }

  nlohmann::json item(std::int64_t id) {
    const std::string text = item_text(id);
    return text.empty() ? nlohmann::json() : nlohmann::json::parse(text);
  }

  // `"field":value` for each field, with the value as SQLite's own JSON functions write the column.
  std::vector<std::string> members_as_sqlite_writes_them(std::int64_t id,
                                                         const std::vector<std::string>& fields) {
    std::vector<std::string> members;
    EXPECT_TRUE(temp_.db()
                    .read([&](Txn& txn) -> Status {
                      for (const auto& field : fields) {
                        TANDEM_ASSIGN(
                            auto row,
                            txn.one("SELECT json_quote(" + field + ") FROM items WHERE id = ?", {id}));
                        members.push_back("\"" + field + "\":" + row->text(0));
                      }
                      return {};
                    })
                    .ok());
    return members;
  }

  // The parties of the item in `role` as the item_parties index holds them.
  nlohmann::json indexed(std::int64_t id, std::string_view role) {
    std::vector<Party> parties;
    EXPECT_TRUE(temp_.db()
                    .read([&](Txn& txn) -> Status {
                      TANDEM_ASSIGN(parties, item_parties(txn, id, role));
                      return {};
                    })
                    .ok());
    return parties_json(parties);
  }

  TempDatabase temp_{"item-repository-test"};
};

TEST_F(ItemRepositoryTest, ReplacedPartiesAreReadOrderedAndOnceFromTheRowAndTheIndexAlike) {
  ASSERT_TRUE(temp_.db()
                  .write([&](Txn& txn) -> Status {
                    TANDEM_TRY(replace_item_parties(txn, 1, "assignee",
                                                    {{"user", 7}, {"team", 3}, {"user", 2}, {"user", 7}}));
                    return replace_item_parties(txn, 1, "follower", {{"customer", 4}});
                  })
                  .ok());
  const auto assignees = nlohmann::json::parse(R"([{"kind":"team","id":3},{"kind":"user","id":2},
                                                   {"kind":"user","id":7}])");
  EXPECT_EQ(item(1)["assignees"], assignees);
  EXPECT_EQ(indexed(1, "assignee"), assignees);
  EXPECT_EQ(item(1)["followers"], nlohmann::json::parse(R"([{"kind":"customer","id":4}])"));
  EXPECT_EQ(item(1)["requesters"], nlohmann::json::array());
  EXPECT_EQ(item(2)["assignees"], nlohmann::json::array());

  ASSERT_TRUE(temp_.db().write([&](Txn& txn) { return replace_item_parties(txn, 1, "assignee", {}); }).ok());
  EXPECT_EQ(item(1)["assignees"], nlohmann::json::array());
  EXPECT_EQ(indexed(1, "assignee"), nlohmann::json::array());
  EXPECT_EQ(item(1)["followers"].size(), 1u);
}

TEST_F(ItemRepositoryTest, MigratingADatabaseWhosePartiesAreOnlyInTheIndexPutsThemOnTheRows) {
  // The database as it was before the parties lived on the item rows.
  write("ALTER TABLE items DROP COLUMN requesters");
  write("ALTER TABLE items DROP COLUMN followers");
  write("ALTER TABLE items DROP COLUMN assignees");
  write("DELETE FROM schema_migrations WHERE version = 14");
  write(
      "INSERT INTO item_parties(item_id, role, party_kind, party_id) VALUES (1, 'assignee', 'user', 7), "
      "(1, 'assignee', 'team', 3), (1, 'requester', 'customer', 5), (2, 'follower', 'user', 2)");

  ASSERT_EQ(migrate(temp_.db()).value(), 1);

  EXPECT_EQ(item(1)["assignees"],
            nlohmann::json::parse(R"([{"kind":"team","id":3},{"kind":"user","id":7}])"));
  EXPECT_EQ(item(1)["requesters"], nlohmann::json::parse(R"([{"kind":"customer","id":5}])"));
  EXPECT_EQ(item(1)["followers"], nlohmann::json::array());
  EXPECT_EQ(item(2)["followers"], nlohmann::json::parse(R"([{"kind":"user","id":2}])"));
  EXPECT_EQ(item(2)["assignees"], nlohmann::json::array());
}

}  // namespace

// Text with quotes, backslashes, control characters and UTF-8, and REAL numbers of every shape, come out
// exactly as SQLite's JSON functions write them, and the whole is valid JSON with the row's values.
TEST_F(ItemRepositoryTest, TextAndNumbersAreWrittenAsSqliteWritesThem) {
  const std::string title = std::string("a\x01\b\t\n\f\r\x1f\"\\/\x7f") + "\xc3\xa9 z";
  const std::vector<std::string> reals = {
      "0.1", "2.0", "1e20", "-0.0", "1e-7", "1.0/3", "123456789012345678.0", "1e15", "-2.5e-10"};
  ASSERT_TRUE(temp_.db()
                  .write([&](Txn& txn) -> Status {
                    for (std::size_t i = 0; i < reals.size(); ++i)
                      TANDEM_TRY(txn.exec(
                          "INSERT INTO items(id, number, type_id, status_id, state, title, "
                          "description, duration_days, points, position, created_at, updated_at) "
                          "VALUES (?, ?, 1, 1, 'not_started', ?, ?, " +
                              reals[i] + ", " + reals[i] + ", " + reals[i] + ", 1764547200007, 86399999)",
                          {static_cast<std::int64_t>(i + 10), static_cast<std::int64_t>(i + 10), title,
                           title + title}));
                    return {};
                  })
                  .ok());
  for (std::size_t i = 0; i < reals.size(); ++i) {
    const auto id = static_cast<std::int64_t>(i + 10);
    const std::string json = item_text(id);
    for (const auto& member :
         members_as_sqlite_writes_them(id, {"title", "description", "duration_days", "points", "position"}))
      EXPECT_NE(json.find(member), std::string::npos) << member << " in " << json;
    const auto parsed = nlohmann::json::parse(json);
    EXPECT_EQ(parsed["title"], title);
    EXPECT_EQ(parsed["created_at"], "2025-12-01T00:00:00.007Z");
    EXPECT_EQ(parsed["updated_at"], "1970-01-01T23:59:59.999Z");
    EXPECT_EQ(parsed["url"], "/tickets/" + std::to_string(id));
    EXPECT_EQ(parsed["planned_start"], nullptr);
    EXPECT_EQ(parsed["published"], true);
  }
}

}  // namespace tandem::store
