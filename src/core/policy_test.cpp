#include "core/policy.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace tandem {

namespace {

Actor agent_with(App app, AppLevel level) {
  Actor actor = Actor::user(7, Role::agent, "Agent");
  actor.app_levels[static_cast<std::size_t>(app)] = level;
  return actor;
}

ItemFacts project_item(App app, std::string role, bool own) {
  return ItemFacts{app, true, std::move(role), own};
}

const Actor kAdmin = Actor::user(1, Role::admin, "Admin");
const Actor kManager = Actor::user(2, Role::manager, "Manager");
const Actor kAgent = Actor::user(3, Role::agent, "Agent");

}  // namespace

TEST(Policy, AdminsSeeEverythingOthersAreFilteredAndAnonymousSeesNothing) {
  EXPECT_EQ(Policy::visible_items(kAdmin).sql, "1");
  EXPECT_EQ(Policy::visible_projects(kAdmin).sql, "1");
  EXPECT_NE(Policy::visible_items(kManager).sql, "1");
  EXPECT_NE(Policy::visible_projects(kManager).sql, "1");
  EXPECT_EQ(Policy::visible_items(Actor::anonymous()).sql, "0");
  EXPECT_EQ(Policy::visible_projects(Actor::anonymous()).sql, "0");
  EXPECT_EQ(Policy::visible_join_requests(Actor::anonymous()).sql, "0");
}

TEST(Policy, ProjectsArePrivateOrListedAndRestrictedMembersSeeItems) {
  const SqlFilter projects = Policy::visible_projects(kAgent);
  EXPECT_NE(projects.sql.find("projects.private = 0"), std::string::npos);
  EXPECT_NE(projects.sql.find("project_teams"), std::string::npos);
  const SqlFilter items = Policy::visible_items(kAgent);
  EXPECT_EQ(items.sql.find("restricted"), std::string::npos);  // every role sees the project's items
  EXPECT_NE(items.sql.find("p.private"), std::string::npos);   // parties see nothing of private projects
  EXPECT_EQ(std::count(items.sql.begin(), items.sql.end(), '?'), static_cast<long>(items.params.size()));
}

TEST(Policy, LimitedAppsHideTheirItemTypes) {
  EXPECT_EQ(Policy::visible_items(kAgent).sql.find("item_types"), std::string::npos);
  const std::string no_tickets = Policy::visible_items(agent_with(App::tickets, AppLevel::limited)).sql;
  EXPECT_NE(no_tickets.find("items.type_id <> (SELECT id FROM item_types WHERE key = 'ticket')"),
            std::string::npos);
  const std::string no_tasks = Policy::visible_items(agent_with(App::tasks, AppLevel::limited)).sql;
  EXPECT_NE(no_tasks.find("items.type_id = (SELECT id FROM item_types WHERE key = 'ticket')"),
            std::string::npos);
  EXPECT_EQ(Policy::visible_items(agent_with(App::tasks, AppLevel::standard)).sql.find("item_types"),
            std::string::npos);
  EXPECT_EQ(item_apps_condition(true, true), "");
  EXPECT_EQ(app_of_item_type("ticket"), App::tickets);
  EXPECT_EQ(app_of_item_type("bug"), App::tasks);  // custom types count as tasks
}

TEST(Policy, CreatingItemsNeedsTheAppAndAWorkingRole) {
  EXPECT_TRUE(Policy::can_create_item_in(kAgent, App::tickets));
  EXPECT_FALSE(Policy::can_create_item_in(agent_with(App::tickets, AppLevel::limited), App::tickets));
  EXPECT_TRUE(Policy::can_create_item_in(agent_with(App::tickets, AppLevel::limited), App::tasks));
  EXPECT_TRUE(Policy::can_create_item_in(agent_with(App::tasks, AppLevel::standard), App::tasks));
  EXPECT_FALSE(Policy::can_create_item_in(Actor::anonymous(), App::tasks));
  EXPECT_TRUE(Policy::can_add_items_to_project(kAgent, "standard"));
  EXPECT_FALSE(Policy::can_add_items_to_project(kAgent, "restricted"));
  EXPECT_FALSE(Policy::can_add_items_to_project(kAgent, ""));
  EXPECT_TRUE(Policy::can_add_items_to_project(kAdmin, ""));
}

TEST(Policy, ProjectRolesDecideWhoChangesItems) {
  EXPECT_TRUE(Policy::can_change_item(kAgent, project_item(App::tasks, "manager", false)));
  EXPECT_TRUE(Policy::can_change_item(kAgent, project_item(App::tasks, "lead", false)));
  EXPECT_TRUE(Policy::can_change_item(kAgent, project_item(App::tasks, "standard", true)));
  EXPECT_FALSE(Policy::can_change_item(kAgent, project_item(App::tasks, "standard", false)));
  EXPECT_FALSE(Policy::can_change_item(kAgent, project_item(App::tasks, "restricted", true)));
  EXPECT_FALSE(Policy::can_change_item(kAgent, project_item(App::tasks, "", true)));
  EXPECT_TRUE(Policy::can_change_item(kAdmin, project_item(App::tasks, "", false)));
  EXPECT_TRUE(Policy::can_change_item(kAgent, ItemFacts{App::tickets, false, "", false}));
  EXPECT_FALSE(Policy::can_change_item(agent_with(App::tickets, AppLevel::limited),
                                       project_item(App::tickets, "manager", true)));
}

TEST(Policy, DeletingItemsNeedsTheFullLevelAndALeadingRole) {
  EXPECT_TRUE(Policy::can_delete_item(kAdmin, ItemFacts{App::tickets, false, "", false}));
  EXPECT_TRUE(Policy::can_delete_item(kAgent, project_item(App::tickets, "manager", false)));
  EXPECT_TRUE(Policy::can_delete_item(kAgent, project_item(App::tasks, "lead", false)));
  EXPECT_FALSE(Policy::can_delete_item(kAgent, project_item(App::tasks, "standard", true)));
  EXPECT_FALSE(Policy::can_delete_item(agent_with(App::tasks, AppLevel::standard),
                                       project_item(App::tasks, "manager", true)));
  EXPECT_TRUE(Policy::can_delete_item(agent_with(App::tasks, AppLevel::standard),
                                      project_item(App::tickets, "manager", true)));
  EXPECT_FALSE(Policy::can_delete_item(kAgent, ItemFacts{App::tickets, false, "", true}));
}

TEST(Policy, ManagersRunProjectsLeadsChangeThemAndTheProjectsLevelLimits) {
  EXPECT_TRUE(Policy::can_manage_project(kAgent, "manager"));
  EXPECT_TRUE(Policy::can_manage_project(kAgent, "lead"));
  EXPECT_FALSE(Policy::can_manage_project(kAgent, "standard"));
  EXPECT_FALSE(Policy::can_manage_project(kManager, ""));  // the company role gives no project rights
  EXPECT_TRUE(Policy::can_manage_project(kAdmin, ""));
  EXPECT_FALSE(Policy::can_manage_project(agent_with(App::projects, AppLevel::limited), "manager"));
  EXPECT_TRUE(Policy::can_archive_project(kAgent, "lead"));
  EXPECT_FALSE(Policy::can_archive_project(agent_with(App::projects, AppLevel::standard), "manager"));
  EXPECT_TRUE(Policy::can_manage_project_people(kAgent, "manager"));
  EXPECT_FALSE(Policy::can_manage_project_people(kAgent, "lead"));
  EXPECT_TRUE(Policy::can_manage_project_people(kAdmin, ""));
}

TEST(Policy, CompanyRoles) {
  EXPECT_TRUE(Policy::can(kManager, Action::create_projects));
  EXPECT_FALSE(Policy::can(kAgent, Action::create_projects));
  Actor limited_manager = kManager;
  limited_manager.app_levels[static_cast<std::size_t>(App::projects)] = AppLevel::limited;
  EXPECT_FALSE(Policy::can(limited_manager, Action::create_projects));
  EXPECT_TRUE(Policy::can(kManager, Action::manage_portfolios));
  EXPECT_FALSE(Policy::can(kManager, Action::manage_all_projects));
  EXPECT_FALSE(Policy::can(kManager, Action::manage_settings));
  EXPECT_TRUE(Policy::can(kAdmin, Action::manage_settings));
  EXPECT_TRUE(Policy::can(kAgent, Action::request_to_join));
  EXPECT_FALSE(Policy::can(Actor::anonymous(), Action::request_to_join));
}

}  // namespace tandem
