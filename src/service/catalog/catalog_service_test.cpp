#include "service/catalog/catalog_service.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/temp_database.h"

namespace tandem::service {

namespace {

const Actor kAdmin = Actor::user(1, Role::admin, "Ada");
const Actor kAgent = Actor::user(2, Role::agent, "Alan");

class CatalogServiceTest : public ::testing::Test {
 protected:
  // Inserts an item of `type_id` in `status_id` with a deliberately stale state.
  void add_item(std::int64_t number, std::int64_t type_id, std::int64_t status_id) {
    ASSERT_TRUE(
        temp_.db()
            .write([&](store::Txn& txn) {
              return txn.exec(
                  "INSERT INTO items(number, type_id, status_id, state, title, created_at, updated_at) "
                  "VALUES (?, ?, ?, 'stale', 'an item', 0, 0)",
                  {number, type_id, status_id});
            })
            .ok());
  }

  std::string state_of_item(std::int64_t number) {
    std::string state;
    EXPECT_TRUE(temp_.db()
                    .read([&](store::Txn& txn) -> Status {
                      TANDEM_ASSIGN(auto row, txn.one("SELECT state FROM items WHERE number = ?", {number}));
                      state = row->text(0);
                      return {};
                    })
                    .ok());
    return state;
  }

  ItemType create_type(std::string key) {
    auto type = catalog_.create_item_type(kAdmin, {std::move(key), "Bug", std::nullopt});
    EXPECT_TRUE(type.ok()) << type.error().message;
    return type.value();
  }

  store::TempDatabase temp_{"catalog-service-test"};
  FakeClock clock_{1'795'426'200'000};
  CatalogService catalog_{temp_.db(), clock_};
};

}  // namespace

TEST_F(CatalogServiceTest, BuiltInTypesComeWithTheirStatusesInOrder) {
  auto types = catalog_.list_item_types(kAgent);
  ASSERT_TRUE(types.ok());
  ASSERT_EQ(types->size(), 2u);
  EXPECT_EQ((*types)[0].type.key, "ticket");
  EXPECT_TRUE((*types)[0].type.builtin);
  std::vector<std::string> names;
  for (const auto& status : (*types)[1].statuses) names.push_back(status.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Not started", "Planned", "In progress", "Completed"}));
}

TEST_F(CatalogServiceTest, ANewTypeGetsTheDefaultStatusesAfterTheBuiltInTypes) {
  const ItemType bug = create_type("bug");
  EXPECT_FALSE(bug.type.builtin);
  EXPECT_EQ(bug.type.position, 3);
  ASSERT_EQ(bug.statuses.size(), 3u);
  EXPECT_EQ(bug.statuses[0].name, "To do");
  EXPECT_EQ(bug.statuses[0].state, "not_started");
  EXPECT_EQ(bug.statuses[1].state, "in_progress");
  EXPECT_EQ(bug.statuses[2].name, "Done");
  EXPECT_EQ(bug.statuses[2].state, "finished");
}

TEST_F(CatalogServiceTest, GivenStatusesAreCheckedAndColorsLowercased) {
  auto type = catalog_.create_item_type(
      kAdmin, {"lead", "Lead", std::vector<NewStatus>{{"Cold", "#AABBCC", "not_started", std::nullopt}}});
  ASSERT_TRUE(type.ok()) << type.error().message;
  ASSERT_EQ(type->statuses.size(), 1u);
  EXPECT_EQ(type->statuses[0].color, "#aabbcc");

  auto duplicate =
      catalog_.create_item_type(kAdmin, {"deal", "Deal",
                                         std::vector<NewStatus>{{"A", "#000000", "not_started", std::nullopt},
                                                                {"A", "#000000", "finished", std::nullopt}}});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().details.at("field"), "statuses.1.name");
  auto bad_state = catalog_.create_item_type(
      kAdmin, {"deal", "Deal", std::vector<NewStatus>{{"A", "#000000", "done", std::nullopt}}});
  ASSERT_FALSE(bad_state.ok());
  EXPECT_EQ(bad_state.error().details.at("field"), "statuses.0.state");
  auto none = catalog_.create_item_type(kAdmin, {"deal", "Deal", std::vector<NewStatus>{}});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().details.at("field"), "statuses");
}

TEST_F(CatalogServiceTest, KeysFollowThePatternAndAreUnique) {
  for (const char* key : {"", "Bug", "1bug", "bug-fix", "b23456789012345678901234567890123"}) {
    auto type = catalog_.create_item_type(kAdmin, {key, "Bug", std::nullopt});
    ASSERT_FALSE(type.ok()) << key;
    EXPECT_EQ(type.error().details.at("field"), "key") << key;
  }
  create_type("b2345678901234567890123456789012");
  auto taken = catalog_.create_item_type(kAdmin, {"ticket", "Another ticket", std::nullopt});
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::conflict);
}

TEST_F(CatalogServiceTest, AgentsReadButDoNotChangeTheCatalog) {
  EXPECT_TRUE(catalog_.list_statuses(kAgent, 1).ok());
  EXPECT_EQ(catalog_.create_item_type(kAgent, {"bug", "Bug", std::nullopt}).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(catalog_.update_status(kAgent, 1, {"Renamed", {}, {}, {}}).error().code, ErrorCode::forbidden);
  EXPECT_EQ(catalog_.delete_item_type(kAgent, 1).error().code, ErrorCode::forbidden);
  EXPECT_EQ(catalog_.list_item_types(Actor::anonymous()).error().code, ErrorCode::forbidden);
}

TEST_F(CatalogServiceTest, ChangingAStatusStateMovesTheStateOfItsItems) {
  const ItemType bug = create_type("bug");
  const auto todo = bug.statuses[0].id;
  add_item(1, bug.type.id, todo);
  add_item(2, bug.type.id, bug.statuses[1].id);
  auto changed =
      catalog_.update_status(kAdmin, todo, {std::nullopt, std::nullopt, "in_progress", std::nullopt});
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed->state, "in_progress");
  EXPECT_EQ(state_of_item(1), "in_progress");
  EXPECT_EQ(state_of_item(2), "stale");  // another status: untouched
}

TEST_F(CatalogServiceTest, StatusNamesAreUniquePerType) {
  auto taken = catalog_.create_status(kAdmin, 1, {"Open", "#123456", "in_progress", std::nullopt});
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::conflict);
  auto elsewhere = catalog_.create_status(kAdmin, 2, {"Open", "#123456", "in_progress", std::nullopt});
  ASSERT_TRUE(elsewhere.ok()) << elsewhere.error().message;
  EXPECT_EQ(elsewhere->position, 5);
  auto rename = catalog_.update_status(kAdmin, elsewhere->id, {"Planned", {}, {}, {}});
  ASSERT_FALSE(rename.ok());
  EXPECT_EQ(rename.error().code, ErrorCode::conflict);
  auto no_type = catalog_.create_status(kAdmin, 99, {"X", "#123456", "in_progress", std::nullopt});
  ASSERT_FALSE(no_type.ok());
  EXPECT_EQ(no_type.error().details.at("field"), "type_id");
}

TEST_F(CatalogServiceTest, AStatusInUseOrTheLastOfItsTypeStays) {
  auto type = catalog_.create_item_type(
      kAdmin, {"lead", "Lead",
               std::vector<NewStatus>{{"Cold", "#000000", "not_started", std::nullopt},
                                      {"Won", "#000000", "finished", std::nullopt}}});
  ASSERT_TRUE(type.ok());
  const auto cold = type->statuses[0].id, won = type->statuses[1].id;
  add_item(1, type->type.id, cold);
  add_item(2, type->type.id, cold);
  auto used = catalog_.delete_status(kAdmin, cold);
  ASSERT_FALSE(used.ok());
  EXPECT_EQ(used.error().code, ErrorCode::conflict);
  EXPECT_NE(used.error().message.find("2 items"), std::string::npos) << used.error().message;
  ASSERT_TRUE(catalog_.delete_status(kAdmin, won).ok());
  EXPECT_EQ(catalog_.delete_status(kAdmin, won).error().code, ErrorCode::not_found);

  auto alone = create_type("alone");
  ASSERT_TRUE(catalog_.delete_status(kAdmin, alone.statuses[0].id).ok());
  ASSERT_TRUE(catalog_.delete_status(kAdmin, alone.statuses[1].id).ok());
  auto last = catalog_.delete_status(kAdmin, alone.statuses[2].id);
  ASSERT_FALSE(last.ok());
  EXPECT_EQ(last.error().code, ErrorCode::conflict);
}

TEST_F(CatalogServiceTest, OnlyUnusedCustomTypesAreDeleted) {
  auto builtin = catalog_.delete_item_type(kAdmin, 1);
  ASSERT_FALSE(builtin.ok());
  EXPECT_EQ(builtin.error().code, ErrorCode::conflict);
  EXPECT_EQ(builtin.error().message, "built-in types cannot be deleted");

  const ItemType used = create_type("used");
  add_item(1, used.type.id, used.statuses[0].id);
  EXPECT_EQ(catalog_.delete_item_type(kAdmin, used.type.id).error().code, ErrorCode::conflict);

  const ItemType unused = create_type("unused");
  ASSERT_TRUE(catalog_.delete_item_type(kAdmin, unused.type.id).ok());
  EXPECT_EQ(catalog_.get_item_type(kAdmin, unused.type.id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(catalog_.list_statuses(kAdmin, unused.type.id)->empty());
}

TEST_F(CatalogServiceTest, UpdatesRecordOldAndNewValues) {
  auto renamed = catalog_.update_item_type(kAdmin, 2, {"Work", 7.5});
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->type.name, "Work");
  EXPECT_EQ(renamed->type.position, 7.5);
  EXPECT_EQ(renamed->statuses.size(), 4u);
  std::string payload;
  ASSERT_TRUE(temp_.db()
                  .read([&](store::Txn& txn) -> Status {
                    TANDEM_ASSIGN(auto row,
                                  txn.one("SELECT payload FROM events WHERE kind = 'item_type.updated'"));
                    payload = row->text(0);
                    return {};
                  })
                  .ok());
  EXPECT_EQ(nlohmann::json::parse(payload),
            nlohmann::json::parse(
                R"({"changes":{"name":{"from":"Task","to":"Work"},"position":{"from":2.0,"to":7.5}},)"
                R"("key":"task"})"));
  EXPECT_EQ(catalog_.update_item_type(kAdmin, 2, {"", std::nullopt}).error().code,
            ErrorCode::validation_failed);
  EXPECT_EQ(catalog_.update_item_type(kAdmin, 42, {"X", std::nullopt}).error().code, ErrorCode::not_found);
}

}  // namespace tandem::service
