#include "core/customer_policy.h"

#include <gtest/gtest.h>

namespace tandem {

namespace {

Actor customer_with(PortalScope scope) {
  return Actor::customer(7, 3, "Carla", scope);
}

Actor agent_with_customers_level(AppLevel level) {
  Actor agent = Actor::user(1, Role::agent, "Alan");
  agent.app_levels[static_cast<std::size_t>(App::customers)] = level;
  return agent;
}

}  // namespace

TEST(CustomerPolicy, CustomersReachOnlyThePortalsActions) {
  const Actor customer = customer_with({});
  EXPECT_TRUE(Policy::can(customer, Action::create_items));
  EXPECT_FALSE(Policy::can(customer, Action::view_work));
  EXPECT_FALSE(Policy::can(customer, Action::view_users));
  EXPECT_FALSE(Policy::can(customer, Action::subscribe_live));
  EXPECT_FALSE(Policy::can(customer, Action::read_event_feed));
  EXPECT_FALSE(Policy::can(customer, Action::view_customers));
  EXPECT_FALSE(Policy::can(customer, Action::write_internal_notes));
  EXPECT_FALSE(Policy::can_see_event(customer, "item", 1, 0));
}

TEST(CustomerPolicy, AVisitorWithASecretLinkSeesOneItemAndAddsNone) {
  PortalScope scope;
  scope.only_item_id = 42;
  const Actor visitor = customer_with(scope);
  const SqlFilter items = Policy::visible_items(visitor);
  EXPECT_EQ(items.sql, "(items.id = ?)");
  EXPECT_EQ(items.params, std::vector<std::int64_t>{42});
  EXPECT_EQ(Policy::visible_projects(visitor).sql, "0");
  EXPECT_FALSE(Policy::can(visitor, Action::create_items));
}

TEST(CustomerPolicy, EverySwitchOffShowsNothing) {
  PortalScope scope;
  scope.requested = scope.followed = scope.organization = scope.followed_projects = false;
  EXPECT_EQ(Policy::visible_items(customer_with(scope)).sql, "0");
}

TEST(CustomerPolicy, EachSwitchAddsItsConditionAndUnpublishedItemsStayHidden) {
  const SqlFilter all = Policy::visible_items(customer_with({}));
  EXPECT_NE(all.sql.find("ip.role = 'requester'"), std::string::npos);
  EXPECT_NE(all.sql.find("ip.role = 'follower'"), std::string::npos);
  EXPECT_NE(all.sql.find("c.organization_id = ?"), std::string::npos);
  EXPECT_NE(all.sql.find("project_followers"), std::string::npos);
  EXPECT_NE(all.sql.find("items.published = 1"), std::string::npos);
  EXPECT_EQ(all.params, (std::vector<std::int64_t>{7, 7, 3, 7, 3}));

  PortalScope scope;
  scope.organization = false;
  scope.unpublished = true;
  const SqlFilter some = Policy::visible_items(customer_with(scope));
  EXPECT_EQ(some.sql.find("c.organization_id"), std::string::npos);
  EXPECT_EQ(some.sql.find("published"), std::string::npos);
}

TEST(CustomerPolicy, CustomersReadOnlyPublicMessages) {
  EXPECT_EQ(Policy::visible_messages(customer_with({})).sql, "m.visibility = 'public'");
  EXPECT_EQ(Policy::visible_messages(Actor::user(1, Role::agent, "Alan")).sql, "1");
}

TEST(CustomerPolicy, TheCustomersAppLevelDecidesWhatInternalUsersMayDo) {
  const Actor full = agent_with_customers_level(AppLevel::full);
  const Actor standard = agent_with_customers_level(AppLevel::standard);
  const Actor limited = agent_with_customers_level(AppLevel::limited);
  EXPECT_TRUE(Policy::can(full, Action::delete_customers));
  EXPECT_TRUE(Policy::can(standard, Action::manage_customers));
  EXPECT_FALSE(Policy::can(standard, Action::delete_customers));
  EXPECT_FALSE(Policy::can(limited, Action::view_customers));
  EXPECT_FALSE(Policy::can(limited, Action::manage_customers));
  EXPECT_FALSE(Policy::can(full, Action::manage_portal_settings));
  EXPECT_TRUE(Policy::can(Actor::user(2, Role::admin, "Ada"), Action::manage_portal_settings));
}

}  // namespace tandem
