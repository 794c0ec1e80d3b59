#include <gtest/gtest.h>

#include "core/policy.h"
#include "service/hierarchy/folder_service.h"
#include "service/hierarchy/portfolio_service.h"
#include "service/hierarchy/project_service.h"
#include "service/hierarchy/team_service.h"
#include "service/hierarchy/tree_service.h"
#include "store/event_log.h"
#include "store/identity/identity_repository.h"
#include "store/temp_database.h"

namespace tandem::service {

namespace {

constexpr TimestampMs kStart = 1'795'426'200'000;  // 2026-11-23T09:30:00Z

class HierarchyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = add_user("admin@example.com", "Ada Admin", Role::admin);
    agent_ = add_user("agent@example.com", "Alan Agent", Role::agent);
    other_ = add_user("other@example.com", "Olga Other", Role::agent);
  }

  Actor add_user(const std::string& email, const std::string& name, Role role) {
    store::UserRow user{0, email, name, role, "not-a-hash", true, kStart, kStart};
    Status status = temp_.db().write([&](store::Txn& txn) -> Status {
      TANDEM_ASSIGN(user.id, store::insert_user(txn, user));
      return {};
    });
    EXPECT_TRUE(status.ok());
    return Actor::user(user.id, role, name);
  }

  std::int64_t add_project(const std::string& name, bool is_private = false) {
    auto project = projects_.create_project(admin_, {.name = name, .is_private = is_private});
    EXPECT_TRUE(project.ok()) << project.error().message;
    return project->project.id;
  }

  std::int64_t add_folder(std::int64_t project_id, const std::string& name,
                          std::optional<std::int64_t> parent_id = std::nullopt) {
    auto folder = folders_.create_folder(admin_, project_id, {.name = name, .parent_id = parent_id});
    EXPECT_TRUE(folder.ok()) << folder.error().message;
    return folder->id;
  }

  std::int64_t add_portfolio(const std::string& name, std::optional<std::int64_t> parent_id = std::nullopt) {
    auto portfolio = portfolios_.create_portfolio(admin_, {.name = name, .parent_id = parent_id});
    EXPECT_TRUE(portfolio.ok()) << portfolio.error().message;
    return portfolio->portfolio.id;
  }

  // Files an item by SQL: the items service is not part of this module.
  std::int64_t add_item(std::optional<std::int64_t> project_id,
                        std::optional<std::int64_t> folder_id = std::nullopt) {
    std::int64_t id = 0;
    Status status = temp_.db().write([&](store::Txn& txn) -> Status {
      TANDEM_ASSIGN(auto row,
                    txn.one("INSERT INTO items(number, type_id, status_id, state, title, project_id, "
                            "folder_id, created_at, updated_at) VALUES ((SELECT COALESCE(MAX(number), "
                            "1000) + 1 FROM items), 1, 1, 'not_started', 'item', ?, ?, 0, 0) RETURNING id",
                            {store::value_or_null(project_id), store::value_or_null(folder_id)}));
      id = row->int64(0);
      return {};
    });
    EXPECT_TRUE(status.ok()) << status.error().internal;
    return id;
  }

  void assign(std::int64_t item_id, const Actor& user) {
    Status status = temp_.db().write([&](store::Txn& txn) {
      return txn.exec(
          "INSERT INTO item_parties(item_id, role, party_kind, party_id) VALUES (?, 'assignee', 'user', ?)",
          {item_id, user.user_id});
    });
    EXPECT_TRUE(status.ok());
  }

  std::vector<store::Event> events() {
    std::vector<store::Event> out;
    EXPECT_TRUE(temp_.db()
                    .read([&](store::Txn& txn) -> Status {
                      TANDEM_ASSIGN(out, store::events_after(txn, 0, 1000));
                      return {};
                    })
                    .ok());
    return out;
  }

  store::TempDatabase temp_{"hierarchy-test"};
  FakeClock clock_{kStart};
  TeamService teams_{temp_.db(), clock_};
  PortfolioService portfolios_{temp_.db(), clock_};
  ProjectService projects_{temp_.db(), clock_};
  FolderService folders_{temp_.db(), clock_};
  ModuleService modules_{temp_.db(), clock_};
  TreeService tree_{temp_.db(), modules_};
  Actor admin_, agent_, other_;
};

ErrorCode code_of(const Status& status) {
  return status.ok() ? ErrorCode::internal : status.error().code;
}

template <typename T>
ErrorCode code_of(const Result<T>& result) {
  return result.ok() ? ErrorCode::internal : result.error().code;
}

}  // namespace

TEST_F(HierarchyTest, PortfoliosCannotMoveUnderThemselvesOrTheirDescendants) {
  const auto a = add_portfolio("A");
  const auto b = add_portfolio("B", a);
  const auto c = add_portfolio("C", b);
  auto under_grandchild = portfolios_.update_portfolio(admin_, a, {.parent_id = std::optional(c)});
  EXPECT_EQ(code_of(under_grandchild), ErrorCode::validation_failed);
  EXPECT_EQ(under_grandchild.error().details.at("field"), "parent_id");
  EXPECT_EQ(code_of(portfolios_.update_portfolio(admin_, a, {.parent_id = std::optional(a)})),
            ErrorCode::validation_failed);
  EXPECT_EQ(code_of(portfolios_.update_portfolio(admin_, a, {.parent_id = std::optional<std::int64_t>(999)})),
            ErrorCode::validation_failed);

  auto to_top = portfolios_.update_portfolio(
      admin_, c, {.parent_id = std::optional<std::optional<std::int64_t>>(std::optional<std::int64_t>())});
  ASSERT_TRUE(to_top.ok());
  EXPECT_FALSE(to_top->portfolio.parent_id.has_value());
  auto a_under_c = portfolios_.update_portfolio(admin_, a, {.parent_id = std::optional(c)});
  ASSERT_TRUE(a_under_c.ok()) << a_under_c.error().message;
  EXPECT_EQ(a_under_c->portfolio.parent_id, c);
}

TEST_F(HierarchyTest, OnlyAdminsAndManagersChangePortfolios) {
  EXPECT_EQ(code_of(portfolios_.create_portfolio(agent_, {.name = "Mine"})), ErrorCode::forbidden);
  const auto id = add_portfolio("Shared");
  EXPECT_TRUE(portfolios_.get_portfolio(agent_, id).ok());
  EXPECT_EQ(code_of(portfolios_.delete_portfolio(agent_, id)), ErrorCode::forbidden);
}

TEST_F(HierarchyTest, DeletingAPortfolioTakesItsSubPortfoliosButKeepsTheProjects) {
  const auto a = add_portfolio("A");
  const auto b = add_portfolio("B", a);
  const auto project = add_project("Kept");
  ASSERT_TRUE(portfolios_.put_project(admin_, b, project, std::nullopt).ok());
  ASSERT_TRUE(portfolios_.delete_portfolio(admin_, a).ok());
  EXPECT_EQ(code_of(portfolios_.get_portfolio(admin_, b)), ErrorCode::not_found);
  auto kept = projects_.get_project(admin_, project);
  ASSERT_TRUE(kept.ok());
  EXPECT_TRUE(kept->portfolio_ids.empty());
}

TEST_F(HierarchyTest, FoldersCannotFormCyclesOrLeaveTheirProject) {
  const auto project = add_project("P");
  const auto elsewhere = add_project("Q");
  const auto top = add_folder(project, "Top");
  const auto mid = add_folder(project, "Mid", top);
  const auto low = add_folder(project, "Low", mid);
  const auto foreign = add_folder(elsewhere, "Foreign");

  EXPECT_EQ(code_of(folders_.update_folder(admin_, top, {.parent_id = std::optional(low)})),
            ErrorCode::validation_failed);
  EXPECT_EQ(code_of(folders_.update_folder(admin_, mid, {.parent_id = std::optional(mid)})),
            ErrorCode::validation_failed);
  EXPECT_EQ(code_of(folders_.update_folder(admin_, low, {.parent_id = std::optional(foreign)})),
            ErrorCode::validation_failed);
  EXPECT_EQ(code_of(folders_.create_folder(admin_, project, {.name = "X", .parent_id = foreign})),
            ErrorCode::validation_failed);

  auto moved = folders_.update_folder(admin_, low, {.parent_id = std::optional(top), .position = 0.5});
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->parent_id, top);
  EXPECT_EQ(moved->position, 0.5);
}

TEST_F(HierarchyTest, AFolderHoldingItemsAnywhereBelowCannotBeDeleted) {
  const auto project = add_project("P");
  const auto top = add_folder(project, "Top");
  const auto low = add_folder(project, "Low", top);
  const auto item = add_item(project, low);

  auto refused = folders_.delete_folder(admin_, top);
  EXPECT_EQ(code_of(refused), ErrorCode::conflict);
  EXPECT_EQ(refused.error().details.at("item_count"), "1");

  ASSERT_TRUE(temp_.db()
                  .write([&](store::Txn& txn) { return txn.exec("DELETE FROM items WHERE id = ?", {item}); })
                  .ok());
  ASSERT_TRUE(folders_.delete_folder(admin_, top).ok());
  EXPECT_EQ(code_of(folders_.get_folder(admin_, low)), ErrorCode::not_found);
}

TEST_F(HierarchyTest, PositionsDefaultToTheEndAndOrderLists) {
  const auto first = add_project("First");
  const auto second = add_project("Second");
  auto list = projects_.list_projects(admin_, false, std::nullopt, 50);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].project.id, first);
  EXPECT_LT((*list)[0].project.position, (*list)[1].project.position);

  ASSERT_TRUE(projects_.update_project(admin_, second, {.position = -1.0}, std::nullopt).ok());
  list = projects_.list_projects(admin_, false, std::nullopt, 1);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].project.id, second);
  auto next = projects_.list_projects(admin_, false, store::PositionCursor{-1.0, second}, 50);
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ((*next)[0].project.id, first);
}

TEST_F(HierarchyTest, AStaleVersionIsRefusedAndEveryChangeBumpsIt) {
  const auto id = add_project("Versioned");
  auto first = projects_.update_project(admin_, id, {.name = "Renamed"}, std::vector<std::int64_t>{1});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->project.version, 2);

  auto stale = projects_.update_project(admin_, id, {.name = "Again"}, std::vector<std::int64_t>{1});
  EXPECT_EQ(code_of(stale), ErrorCode::precondition_failed);
  EXPECT_EQ(projects_.get_project(admin_, id)->project.name, "Renamed");

  auto unconditional = projects_.update_project(admin_, id, {.archived = true}, std::nullopt);
  ASSERT_TRUE(unconditional.ok());
  EXPECT_EQ(unconditional->project.version, 3);

  auto unchanged = projects_.update_project(admin_, id, {.archived = true}, std::vector<std::int64_t>{3});
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->project.version, 3);
}

TEST_F(HierarchyTest, UpdatesRecordWhatChangedFromWhatToWhat) {
  const auto id = add_project("Before");
  ASSERT_TRUE(projects_
                  .update_project(admin_, id,
                                  {.name = "After", .start_date = std::optional<std::string>("2026-02-01")},
                                  std::nullopt)
                  .ok());
  const auto all = events();
  ASSERT_FALSE(all.empty());
  const auto& last = all.back();
  EXPECT_EQ(last.kind, "project.updated");
  EXPECT_EQ(last.entity_type, "project");
  EXPECT_EQ(last.entity_id, id);
  const auto payload = nlohmann::json::parse(last.payload);
  EXPECT_EQ(payload["changes"]["name"], (nlohmann::json{{"from", "Before"}, {"to", "After"}}));
  EXPECT_EQ(payload["changes"]["start_date"], (nlohmann::json{{"from", nullptr}, {"to", "2026-02-01"}}));
  EXPECT_FALSE(payload["changes"].contains("description"));
}

TEST_F(HierarchyTest, APrivateProjectIsSeenOnlyByItsMembersDirectlyOrThroughATeam) {
  const auto id = add_project("Secret", true);
  EXPECT_EQ(code_of(projects_.get_project(agent_, id)), ErrorCode::not_found);
  EXPECT_TRUE(projects_.list_projects(agent_, false, std::nullopt, 50)->empty());
  EXPECT_EQ(code_of(projects_.update_project(agent_, id, {.name = "Mine"}, std::nullopt)),
            ErrorCode::not_found);
  EXPECT_EQ(code_of(projects_.list_members(agent_, id)), ErrorCode::not_found);
  EXPECT_EQ(code_of(projects_.add_follower(agent_, id, agent_.user_id)), ErrorCode::not_found);

  ASSERT_TRUE(projects_.put_member(admin_, id, agent_.user_id, "standard").ok());
  auto seen = projects_.get_project(agent_, id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->my_role, "standard");
  EXPECT_EQ(projects_.list_projects(agent_, false, std::nullopt, 50)->size(), 1u);
  EXPECT_EQ(code_of(projects_.update_project(agent_, id, {.name = "Mine"}, std::nullopt)),
            ErrorCode::forbidden);
  EXPECT_EQ(code_of(projects_.put_member(agent_, id, other_.user_id, "standard")), ErrorCode::forbidden);

  auto team = teams_.create_team(admin_, {.name = "Crew", .member_ids = {other_.user_id}});
  ASSERT_TRUE(team.ok());
  ASSERT_TRUE(projects_.put_team(admin_, id, team->id, "lead").ok());
  auto through_team = projects_.get_project(other_, id);
  ASSERT_TRUE(through_team.ok());
  EXPECT_EQ(through_team->my_role, "lead");
  EXPECT_TRUE(projects_.update_project(other_, id, {.name = "Led by a team"}, std::nullopt).ok());
  EXPECT_EQ(code_of(projects_.put_member(other_, id, agent_.user_id, "manager")), ErrorCode::forbidden);
  ASSERT_TRUE(projects_.remove_team(admin_, id, team->id).ok());
  EXPECT_EQ(code_of(projects_.get_project(other_, id)), ErrorCode::not_found);

  ASSERT_TRUE(projects_.update_project(admin_, id, {.is_private = false}, std::nullopt).ok());
  auto open = projects_.get_project(other_, id);
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->my_role, "");
}

TEST_F(HierarchyTest, TheEffectiveRoleIsTheStrongestOfOwnAndTeamRoles) {
  const auto id = add_project("Shared");
  auto team = teams_.create_team(admin_, {.name = "Leads", .member_ids = {agent_.user_id}});
  ASSERT_TRUE(team.ok());
  ASSERT_TRUE(projects_.put_member(admin_, id, agent_.user_id, "restricted").ok());
  EXPECT_EQ(projects_.get_project(agent_, id)->my_role, "restricted");
  ASSERT_TRUE(projects_.put_team(admin_, id, team->id, "lead").ok());
  EXPECT_EQ(projects_.get_project(agent_, id)->my_role, "lead");
  ASSERT_TRUE(projects_.put_member(admin_, id, agent_.user_id, "manager").ok());
  EXPECT_EQ(projects_.get_project(agent_, id)->my_role, "manager");
  EXPECT_EQ(code_of(projects_.put_team(admin_, id, team->id, "boss")), ErrorCode::validation_failed);
  EXPECT_EQ(code_of(projects_.put_team(admin_, id, 999, "lead")), ErrorCode::not_found);
}

TEST_F(HierarchyTest, AProjectManagerMemberMayChangeTheProject) {
  const auto id = add_project("Delegated");
  ASSERT_TRUE(projects_.put_member(admin_, id, agent_.user_id, "manager").ok());
  EXPECT_TRUE(projects_.update_project(agent_, id, {.name = "Led by an agent"}, std::nullopt).ok());
  EXPECT_TRUE(projects_.put_member(agent_, id, other_.user_id, "lead").ok());
  EXPECT_TRUE(folders_.create_folder(agent_, id, {.name = "Plans"}).ok());
}

TEST_F(HierarchyTest, TheCreatorBecomesManagerAndAgentsMayNotCreate) {
  auto created = projects_.create_project(admin_, {.name = "Mine", .member_ids = {agent_.user_id}});
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->my_role, "manager");
  auto members = projects_.list_members(admin_, created->project.id);
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ((*members)[0].name, "Ada Admin");
  EXPECT_EQ((*members)[0].role, "manager");
  EXPECT_EQ((*members)[1].role, "standard");
  EXPECT_EQ(code_of(projects_.create_project(agent_, {.name = "Nope"})), ErrorCode::forbidden);
  EXPECT_EQ(code_of(projects_.create_project(admin_, {.name = "Bad", .member_ids = {999}})),
            ErrorCode::validation_failed);
  EXPECT_EQ(code_of(projects_.create_project(admin_, {.name = "Bad", .start_date = "2026-02-30"})),
            ErrorCode::validation_failed);
  EXPECT_EQ(code_of(projects_.create_project(admin_, {.name = "  "})), ErrorCode::validation_failed);
}

TEST_F(HierarchyTest, TeamsNeedAnAdminAndAUniqueName) {
  EXPECT_EQ(code_of(teams_.create_team(agent_, {.name = "Support"})), ErrorCode::forbidden);
  auto team = teams_.create_team(admin_, {.name = "Support", .member_ids = {agent_.user_id}});
  ASSERT_TRUE(team.ok()) << team.error().message;
  ASSERT_EQ(team->members.size(), 1u);
  EXPECT_EQ(team->members[0].name, "Alan Agent");
  EXPECT_EQ(code_of(teams_.create_team(admin_, {.name = "support"})), ErrorCode::conflict);

  auto joined = teams_.add_member(admin_, team->id, other_.user_id);
  ASSERT_TRUE(joined.ok());
  EXPECT_EQ(joined->members.size(), 2u);
  EXPECT_EQ(code_of(teams_.add_member(admin_, team->id, 999)), ErrorCode::not_found);
  EXPECT_TRUE(teams_.remove_member(admin_, team->id, agent_.user_id).ok());
  EXPECT_EQ(code_of(teams_.remove_member(admin_, team->id, agent_.user_id)), ErrorCode::not_found);
  EXPECT_EQ(teams_.get_team(agent_, team->id)->members.size(), 1u);
}

TEST_F(HierarchyTest, TheTreeShowsOnlyWhatTheActorMaySeeAndCountsOnlyVisibleItems) {
  const auto portfolio = add_portfolio("Clients");
  const auto sub = add_portfolio("Big clients", portfolio);
  const auto mine = add_project("Mine");
  const auto theirs = add_project("Theirs", true);
  const auto loose = add_project("Loose");
  const auto archived = add_project("Old");
  ASSERT_TRUE(projects_.update_project(admin_, archived, {.archived = true}, std::nullopt).ok());
  ASSERT_TRUE(portfolios_.put_project(admin_, sub, mine, std::nullopt).ok());
  ASSERT_TRUE(portfolios_.put_project(admin_, sub, theirs, std::nullopt).ok());
  ASSERT_TRUE(portfolios_.put_project(admin_, portfolio, mine, std::nullopt).ok());
  ASSERT_TRUE(projects_.put_member(admin_, mine, agent_.user_id, "standard").ok());
  ASSERT_TRUE(projects_.put_member(admin_, loose, agent_.user_id, "restricted").ok());

  const auto top = add_folder(mine, "Top");
  const auto low = add_folder(mine, "Low", top);
  add_item(mine);
  add_item(mine, top);
  add_item(mine, low);
  add_item(mine, low);
  add_item(theirs);
  add_item(loose);
  assign(add_item(loose), agent_);  // restricted members see every item of the project all the same
  add_item(std::nullopt);
  add_item(archived);

  auto agent_tree = tree_.tree(agent_, false);
  ASSERT_TRUE(agent_tree.ok());
  EXPECT_EQ(agent_tree->items_outside_projects, 1);
  ASSERT_EQ(agent_tree->portfolios.size(), 1u);
  const auto& clients = agent_tree->portfolios[0];
  ASSERT_EQ(clients.projects.size(), 1u);
  EXPECT_EQ(clients.projects[0].id, mine);
  ASSERT_EQ(clients.portfolios.size(), 1u);
  ASSERT_EQ(clients.portfolios[0].projects.size(), 1u);  // "Theirs" is not shown
  const auto& mine_node = clients.portfolios[0].projects[0];
  EXPECT_EQ(mine_node.item_count, 4);
  ASSERT_EQ(mine_node.folders.size(), 1u);
  EXPECT_EQ(mine_node.folders[0].item_count, 1);
  EXPECT_EQ(mine_node.folders[0].item_count_total, 3);
  ASSERT_EQ(mine_node.folders[0].folders.size(), 1u);
  EXPECT_EQ(mine_node.folders[0].folders[0].item_count, 2);
  ASSERT_EQ(agent_tree->projects.size(), 1u);
  EXPECT_EQ(agent_tree->projects[0].id, loose);
  EXPECT_EQ(agent_tree->projects[0].item_count, 2);

  auto admin_tree = tree_.tree(admin_, false);
  ASSERT_TRUE(admin_tree.ok());
  EXPECT_EQ(admin_tree->portfolios[0].portfolios[0].projects.size(), 2u);
  ASSERT_EQ(admin_tree->projects.size(), 1u);  // the archived one is left out
  EXPECT_EQ(admin_tree->projects[0].item_count, 2);
  auto with_archived = tree_.tree(admin_, true);
  ASSERT_TRUE(with_archived.ok());
  ASSERT_EQ(with_archived->projects.size(), 2u);
  EXPECT_EQ(with_archived->projects[1].id, archived);
  EXPECT_EQ(with_archived->projects[1].item_count, 1);
}

TEST(HierarchyPolicy, EventsOfTeamsAndPortfoliosReachEveryUserAndOfProjectsAreLookedUp) {
  const Actor agent = Actor::user(7, Role::agent, "Agent");
  const Actor manager = Actor::user(8, Role::manager, "Manager");
  EXPECT_TRUE(Policy::can_see_event(agent, "team", 1, 2));
  EXPECT_TRUE(Policy::can_see_event(agent, "portfolio", 1, 2));
  // Project and folder events are decided by the feed's lookup through Policy::visible_projects; the pure
  // check alone lets only admins through.
  EXPECT_FALSE(Policy::can_see_event(agent, "project", 1, 2));
  EXPECT_FALSE(Policy::can_see_event(agent, "folder", 1, 2));
  EXPECT_FALSE(Policy::can_see_event(manager, "project", 1, 2));
  EXPECT_TRUE(Policy::can_see_event(Actor::user(9, Role::admin, "Admin"), "folder", 1, 2));
  EXPECT_FALSE(Policy::can_see_event(Actor::anonymous(), "team", 1, 2));
}

}  // namespace tandem::service
