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

  // The item's API JSON, read the way every GET reads it.
  nlohmann::json item(std::int64_t id) {
    std::optional<ItemJson> found;
    EXPECT_TRUE(temp_.db()
                    .read([&](Txn& txn) -> Status {
                      TANDEM_ASSIGN(found, find_item(txn, id, {"1", {}}));
                      return {};
                    })
                    .ok());
    return found ? nlohmann::json::parse(found->json) : nlohmann::json();
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

}  // namespace tandem::store
