// The Policy's time-tracking rules: who tracks, sees, approves and changes timesheets.
#include <gtest/gtest.h>

#include "core/policy.h"

namespace tandem {

namespace {

const Actor kAdmin = Actor::user(1, Role::admin, "Admin");
const Actor kAgent = Actor::user(3, Role::agent, "Agent");

Actor limited_agent() {
  Actor actor = Actor::user(4, Role::agent, "Limited");
  actor.app_levels[static_cast<std::size_t>(App::timesheets)] = AppLevel::limited;
  return actor;
}

const Actor kCustomer = Actor::customer(9, 2, "Customer", PortalScope{});

TEST(TimePolicy, AdminsSeeEveryTimesheetUsersTheirOwnAndTheirProjectsCustomersNone) {
  EXPECT_EQ(Policy::visible_timesheets(kAdmin).sql, "1");
  EXPECT_EQ(Policy::visible_timesheets(Actor::system()).sql, "1");
  const SqlFilter agent = Policy::visible_timesheets(kAgent);
  EXPECT_NE(agent.sql.find("timesheets.user_id = ?"), std::string::npos);
  EXPECT_NE(agent.sql.find("'manager', 'lead'"), std::string::npos);
  EXPECT_EQ(agent.params, (std::vector<std::int64_t>{3, 3, 3}));
  EXPECT_EQ(Policy::visible_timesheets(limited_agent()).sql, "0");
  EXPECT_EQ(Policy::visible_timesheets(kCustomer).sql, "0");
  EXPECT_EQ(Policy::visible_timesheets(Actor::anonymous()).sql, "0");
}

TEST(TimePolicy, TheLimitedLevelHidesTheApp) {
  EXPECT_TRUE(Policy::can(kAgent, Action::track_time));
  EXPECT_FALSE(Policy::can(limited_agent(), Action::track_time));
  EXPECT_TRUE(Policy::can(kAdmin, Action::track_time));
  EXPECT_FALSE(Policy::can(kCustomer, Action::track_time));
}

TEST(TimePolicy, ManagersAndLeadsOfTheProjectApprove) {
  EXPECT_TRUE(Policy::can_approve_timesheets(kAdmin, ""));
  EXPECT_TRUE(Policy::can_approve_timesheets(kAgent, "manager"));
  EXPECT_TRUE(Policy::can_approve_timesheets(kAgent, "lead"));
  EXPECT_FALSE(Policy::can_approve_timesheets(kAgent, "standard"));
  EXPECT_FALSE(Policy::can_approve_timesheets(kAgent, ""));
  EXPECT_FALSE(Policy::can_approve_timesheets(limited_agent(), "manager"));
  EXPECT_FALSE(Policy::can_approve_timesheets(kCustomer, "manager"));
}

TEST(TimePolicy, AuthorsAndApproversChangeTimesheets) {
  EXPECT_TRUE(Policy::can_change_timesheet(kAgent, true, ""));
  EXPECT_TRUE(Policy::can_change_timesheet(kAgent, false, "lead"));
  EXPECT_FALSE(Policy::can_change_timesheet(kAgent, false, "standard"));
  EXPECT_TRUE(Policy::can_change_timesheet(kAdmin, false, ""));
  EXPECT_FALSE(Policy::can_change_timesheet(limited_agent(), true, ""));
}

TEST(TimePolicy, OnlyAdminsManageRatesSettingsAndInvoices) {
  for (const Action action : {Action::manage_rates, Action::manage_time_settings, Action::invoice_time}) {
    EXPECT_TRUE(Policy::can(kAdmin, action));
    EXPECT_FALSE(Policy::can(kAgent, action));
    EXPECT_FALSE(Policy::can(Actor::user(2, Role::manager, "Manager"), action));
    EXPECT_FALSE(Policy::can(kCustomer, action));
  }
}

TEST(TimePolicy, CustomersSeeItemTimeOnlyWhenTheSettingsShowIt) {
  EXPECT_FALSE(Policy::can_see_item_time(kCustomer, false));
  EXPECT_TRUE(Policy::can_see_item_time(kCustomer, true));
  EXPECT_TRUE(Policy::can_see_item_time(kAgent, false));
  EXPECT_FALSE(Policy::can_see_item_time(limited_agent(), true));
  EXPECT_FALSE(Policy::can_see_item_time(Actor::anonymous(), true));
}

}  // namespace

}  // namespace tandem
