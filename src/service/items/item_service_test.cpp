#include "service/items/item_service.h"

#include <gtest/gtest.h>

#include "service/auth/secrets.h"
#include "service/events/event_feed.h"
#include "service/settings/module_service.h"
#include "service/users/user_service.h"
#include "store/event_log.h"
#include "store/seed/generated_work.h"
#include "store/temp_database.h"

namespace tandem::service {

namespace {

constexpr TimestampMs kStart = 1'795'426'200'000;  // 2026-11-23T09:30:00Z

class ItemServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_secrets();
    admin_ = person("admin@example.com", "admin");
    member_ = person("member@example.com", "agent");
    outsider_ = person("outsider@example.com", "agent");
    ASSERT_TRUE(temp_.db()
                    .write([&](store::Txn& txn) -> Status {
                      TANDEM_ASSIGN(project_,
                                    store::insert_generated_project(txn, "Alpha", member_.user_id, kStart));
                      return {};
                    })
                    .ok());
  }

  Actor person(const std::string& email, const std::string& role) {
    auto user = users_.create_user(Actor::system(), {email, email, role, "password 123"});
    EXPECT_TRUE(user.ok());
    return Actor::user(user.value().id, user.value().role, email);
  }

  std::int64_t create(const Actor& actor, nlohmann::json fields) {
    auto item = items_.create_item(actor, fields, "api");
    EXPECT_TRUE(item.ok()) << item.error().message;
    return item.ok() ? item.value().id : 0;
  }

  std::vector<std::int64_t> listed(const Actor& actor, const QueryParams& params = {}) {
    auto page = items_.list_items(actor, params);
    EXPECT_TRUE(page.ok()) << page.error().message;
    std::vector<std::int64_t> ids;
    if (page.ok())
      for (const auto& item : page.value().items) ids.push_back(item.id);
    return ids;
  }

  store::TempDatabase temp_{"items-test"};
  FakeClock clock_{kStart};
  AuthService auth_{temp_.db(), clock_};
  UserService users_{temp_.db(), clock_, auth_};
  ModuleService modules_{temp_.db(), clock_};
  ItemService items_{temp_.db(), clock_, modules_};
  EventFeed feed_{temp_.db()};
  Actor admin_, member_, outsider_;
  std::int64_t project_ = 0;
};

}  // namespace

TEST_F(ItemServiceTest, ProjectItemsAreHiddenFromAgentsOutsideTheProject) {
  const std::int64_t inside = create(admin_, {{"title", "Inside Alpha"}, {"project_id", project_}});
  const std::int64_t loose = create(admin_, {{"title", "Outside any project"}});

  EXPECT_TRUE(items_.get_item(member_, inside).ok());
  auto hidden = items_.get_item(outsider_, inside);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::not_found);
  EXPECT_TRUE(items_.get_item(outsider_, loose).ok());

  EXPECT_EQ(listed(outsider_), std::vector<std::int64_t>{loose});
  EXPECT_EQ(listed(member_).size(), 2u);
  EXPECT_TRUE(listed(outsider_, {{"q", "alpha"}}).empty());
  EXPECT_FALSE(items_.update_item(outsider_, inside, {{"title", "Mine now"}}, std::nullopt).ok());
  EXPECT_FALSE(items_.item_history(outsider_, inside, 0, 10).ok());
  EXPECT_FALSE(items_.convert_item(outsider_, inside, "task").ok());
}

TEST_F(ItemServiceTest, AssigningAnAgentLetsItSeeTheItem) {
  const std::int64_t id = create(admin_, {{"title", "Needs the outsider"}, {"project_id", project_}});
  ASSERT_FALSE(items_.get_item(outsider_, id).ok());
  nlohmann::json assignees = nlohmann::json::array({{{"kind", "user"}, {"id", outsider_.user_id}}});
  ASSERT_TRUE(items_.update_item(admin_, id, {{"assignees", assignees}}, std::nullopt).ok());
  EXPECT_TRUE(items_.get_item(outsider_, id).ok());
  EXPECT_EQ(listed(outsider_, {{"assignee", "me"}}), std::vector<std::int64_t>{id});
}

TEST_F(ItemServiceTest, AgentsAddItemsOnlyToProjectsTheyWorkIn) {
  auto refused = items_.create_item(outsider_, {{"title", "Sneak in"}, {"project_id", project_}}, "api");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().details.at("field"), "project_id");
  EXPECT_TRUE(items_.create_item(member_, {{"title", "Belongs here"}, {"project_id", project_}}, "api").ok());
}

TEST_F(ItemServiceTest, TheFeedFiltersItemEventsThroughThePolicy) {
  const std::int64_t inside = create(admin_, {{"title", "Secret"}, {"project_id", project_}});
  const std::int64_t loose = create(admin_, {{"title", "Public"}});
  auto page = feed_.page(outsider_, 0, 100);
  ASSERT_TRUE(page.ok());
  std::vector<std::int64_t> seen;
  for (const auto& event : page.value().events)
    if (event.entity_type == "item") seen.push_back(event.entity_id);
  EXPECT_EQ(seen, std::vector<std::int64_t>{loose});
  EXPECT_GE(page.value().last_scanned_id, inside);
}

TEST_F(ItemServiceTest, ACreatedItemTellsItsTypeAndItsEventTheStoredFields) {
  const std::int64_t task = create(admin_, {{"title", "Plan"}, {"type", "task"}, {"project_id", project_}});
  const std::int64_t ticket = create(admin_, {{"title", "Broken printer"}});
  auto read = items_.get_item(admin_, task);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.value().type, "task");
  EXPECT_EQ(items_.get_item(admin_, ticket).value().type, "ticket");

  const auto item = nlohmann::json::parse(read.value().json);
  std::vector<store::Event> events;
  ASSERT_TRUE(temp_.db()
                  .read([&](store::Txn& txn) -> Status {
                    TANDEM_ASSIGN(events, store::events_of_entity(txn, "item", task, 0, 10));
                    return {};
                  })
                  .ok());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, "item.created");
  EXPECT_EQ(nlohmann::json::parse(events[0].payload), (nlohmann::json{{"number", item["number"]},
                                                                      {"type", "task"},
                                                                      {"title", "Plan"},
                                                                      {"project_id", project_},
                                                                      {"status_id", item["status_id"]}}));
  ASSERT_TRUE(temp_.db()
                  .read([&](store::Txn& txn) -> Status {
                    TANDEM_ASSIGN(events, store::events_of_entity(txn, "item", ticket, 0, 10));
                    return {};
                  })
                  .ok());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(nlohmann::json::parse(events[0].payload)["project_id"].is_null());
}

TEST_F(ItemServiceTest, NumbersAreNeverReusedAndConversionKeepsThem) {
  const std::int64_t first = create(admin_, {{"title", "One"}});
  const std::int64_t second = create(admin_, {{"title", "Two"}});
  auto converted = items_.convert_item(admin_, first, "task");
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted.value().id, first);
  EXPECT_EQ(converted.value().number, 1001);
  EXPECT_EQ(items_.get_item(admin_, second).value().number, 1002);
  auto url = items_.item_url(admin_, 1001);
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url.value(), "/tasks/1001");
}

TEST_F(ItemServiceTest, DependencyCyclesAreRefusedButRelatesLinksAreNot) {
  const std::int64_t a = create(admin_, {{"title", "A"}});
  const std::int64_t b = create(admin_, {{"title", "B"}});
  const std::int64_t c = create(admin_, {{"title", "C"}});
  ASSERT_TRUE(items_.add_link(admin_, a, {{"item_id", b}, {"kind", "FS"}}).ok());
  ASSERT_TRUE(items_.add_link(admin_, b, {{"item_id", c}, {"kind", "SS"}}).ok());
  auto cycle = items_.add_link(admin_, c, {{"item_id", a}, {"kind", "FF"}});
  ASSERT_FALSE(cycle.ok());
  EXPECT_EQ(cycle.error().code, ErrorCode::validation_failed);
  auto predecessor =
      items_.add_link(admin_, a, {{"item_id", c}, {"kind", "SF"}, {"direction", "predecessor"}});
  EXPECT_FALSE(predecessor.ok());
  EXPECT_TRUE(items_.add_link(admin_, c, {{"item_id", a}, {"kind", "relates"}}).ok());
  auto twice = items_.add_link(admin_, a, {{"item_id", b}, {"kind", "FS"}});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
}

TEST_F(ItemServiceTest, AStaleVersionChangesNothing) {
  const std::int64_t id = create(admin_, {{"title", "Original"}});
  ASSERT_TRUE(items_.update_item(admin_, id, {{"title", "First edit"}}, std::vector<std::int64_t>{1}).ok());
  auto stale = items_.update_item(admin_, id, {{"title", "Lost edit"}}, std::vector<std::int64_t>{1});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::precondition_failed);
  auto item = items_.get_item(admin_, id);
  EXPECT_NE(item.value().json.find("First edit"), std::string::npos);
  EXPECT_EQ(item.value().version, 2);
}

TEST_F(ItemServiceTest, CursorPagesCoverEveryItemOnceForEverySort) {
  for (int i = 0; i < 7; ++i)
    create(admin_,
           {{"title", "Item " + std::to_string(i)},
            {"priority", i % 3},
            {"due_date", i % 2 ? nlohmann::json("2026-12-0" + std::to_string(i)) : nlohmann::json()}});
  for (const std::string sort : {"priority", "-priority", "title", "-due_date", "due_date", "number"}) {
    std::vector<std::int64_t> seen;
    std::string cursor;
    do {
      QueryParams params{{"sort", sort}, {"limit", "3"}};
      if (!cursor.empty()) params.emplace_back("cursor", cursor);
      auto page = items_.list_items(admin_, params);
      ASSERT_TRUE(page.ok()) << page.error().message;
      for (const auto& item : page.value().items) seen.push_back(item.id);
      cursor = page.value().next_cursor;
    } while (!cursor.empty());
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(seen.size(), 7u) << sort;
    EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end()) << sort;
  }
}

TEST_F(ItemServiceTest, DeletingAnItemMovesItsChildrenUpAndRecordsTheDeletion) {
  const std::int64_t parent = create(admin_, {{"title", "Parent"}, {"project_id", project_}});
  const std::int64_t child =
      create(admin_, {{"title", "Child"}, {"project_id", project_}, {"parent_id", parent}});
  EXPECT_EQ(items_.delete_item(member_, parent).error().code, ErrorCode::forbidden);  // a standard member
  EXPECT_EQ(items_.delete_item(outsider_, parent).error().code, ErrorCode::not_found);
  ASSERT_TRUE(items_.delete_item(admin_, parent).ok());
  EXPECT_EQ(items_.get_item(admin_, parent).error().code, ErrorCode::not_found);
  auto moved = items_.get_item(admin_, child);
  ASSERT_TRUE(moved.ok());
  EXPECT_TRUE(nlohmann::json::parse(moved.value().json)["parent_id"].is_null());
  auto feed = feed_.page(admin_, 0, 1000);
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ(feed.value().events.back().kind, "item.deleted");
  EXPECT_EQ(feed.value().events.back().entity_id, parent);
}

TEST_F(ItemServiceTest, ASwitchedOffModuleTakesItsItemsOutOfReach) {
  const std::int64_t ticket = create(admin_, {{"title", "A ticket"}});
  const std::int64_t task = create(admin_, {{"type", "task"}, {"title", "A task"}});
  ASSERT_TRUE(modules_.put(admin_, {{"tickets", false}}).ok());
  EXPECT_EQ(items_.get_item(admin_, ticket).error().code, ErrorCode::module_disabled);
  EXPECT_EQ(listed(admin_), std::vector<std::int64_t>{task});
  EXPECT_EQ(items_.create_item(admin_, {{"title", "Another"}}, "api").error().code,
            ErrorCode::module_disabled);
  EXPECT_EQ(items_.convert_item(admin_, task, "ticket").error().code, ErrorCode::module_disabled);
  EXPECT_EQ(modules_.put(member_, {{"tickets", true}}).error().code, ErrorCode::forbidden);
  ASSERT_TRUE(modules_.put(admin_, {{"tickets", true}}).ok());
  EXPECT_TRUE(items_.get_item(admin_, ticket).ok());
}

TEST_F(ItemServiceTest, AnItemStartsInItsTypesFirstStatusInTheWantedStateAndATypeWithoutStatusesIsRefused) {
  ASSERT_TRUE(temp_.db()
                  .write([&](store::Txn& txn) -> Status {
                    TANDEM_TRY(
                        txn.exec("INSERT INTO item_types(id, key, name, position, created_at, updated_at) "
                                 "VALUES (50, 'bug', 'Bug', 9, 0, 0), (51, 'idea', 'Idea', 10, 0, 0)",
                                 {}));
                    return txn.exec(
                        "INSERT INTO statuses(id, type_id, name, color, position, state) VALUES "
                        "(60, 50, 'Fixing', '#000000', 1, 'in_progress'), "
                        "(61, 50, 'Triage', '#000000', 3, 'not_started'), "
                        "(62, 50, 'Reported', '#000000', 2, 'not_started'), "
                        "(63, 50, 'Verifying', '#000000', 2, 'in_progress')",
                        {});
                  })
                  .ok());
  auto bug = items_.create_item(admin_, {{"title", "Crash"}, {"type", "bug"}}, "api");
  ASSERT_TRUE(bug.ok()) << bug.error().message;
  EXPECT_EQ(nlohmann::json::parse(bug.value().json)["status_id"], 62);  // not_started, lowest position

  const std::int64_t task = create(admin_, {{"title", "Underway"}, {"type", "task"}, {"status_id", 9}});
  auto converted = items_.convert_item(admin_, task, "bug");
  ASSERT_TRUE(converted.ok()) << converted.error().message;
  EXPECT_EQ(nlohmann::json::parse(converted.value().json)["status_id"], 60);  // in_progress, as the task was

  auto idea = items_.create_item(admin_, {{"title", "Dark mode"}, {"type", "idea"}}, "api");
  ASSERT_FALSE(idea.ok());
  EXPECT_EQ(idea.error().code, ErrorCode::validation_failed);
}

}  // namespace tandem::service
