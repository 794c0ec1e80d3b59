#include "service/time/timer_service.h"

#include <gtest/gtest.h>

#include "service/auth/secrets.h"
#include "service/settings/module_service.h"
#include "service/time/rate_service.h"
#include "service/time/time_settings.h"
#include "service/users/user_service.h"
#include "store/seed/generated_work.h"
#include "store/temp_database.h"

namespace tandem::service {

namespace {

constexpr TimestampMs kStart = 1'795'426'200'000;  // 2026-11-23T09:30:00Z
constexpr TimestampMs kMinute = 60'000;

class TimerServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_secrets();
    admin_ = person("admin@example.com", "admin");
    member_ = person("member@example.com", "agent");
    ASSERT_TRUE(temp_.db()
                    .write([&](store::Txn& txn) -> Status {
                      TANDEM_ASSIGN(project_,
                                    store::insert_generated_project(txn, "Alpha", member_.user_id, kStart));
                      return {};
                    })
                    .ok());
    task_ = create({{"type", "task"}, {"title", "Bridge"}, {"project_id", project_}});
    task2_ = create({{"type", "task"}, {"title", "Road"}, {"project_id", project_}});
  }

  Actor person(const std::string& email, const std::string& role) {
    auto user = users_.create_user(Actor::system(), {email, email, role, "password 123"});
    EXPECT_TRUE(user.ok());
    return Actor::user(user.value().id, user.value().role, email);
  }

  std::int64_t create(const nlohmann::json& fields) {
    auto item = items_.create_item(admin_, fields, "api");
    EXPECT_TRUE(item.ok()) << item.error().message;
    return item.ok() ? item.value().id : 0;
  }

  void set(const nlohmann::json& settings) { ASSERT_TRUE(settings_.put(admin_, settings).ok()); }

  store::TempDatabase temp_{"timers-test"};
  FakeClock clock_{kStart};
  AuthService auth_{temp_.db(), clock_};
  UserService users_{temp_.db(), clock_, auth_};
  ModuleService modules_{temp_.db(), clock_};
  ItemService items_{temp_.db(), clock_, modules_};
  TimeSettingsService settings_{temp_.db(), clock_};
  RateService rates_{temp_.db(), clock_};
  TimesheetService timesheets_{temp_.db(), clock_, items_};
  TimerService timers_{temp_.db(), clock_, items_, timesheets_};
  Actor admin_, member_;
  std::int64_t project_ = 0, task_ = 0, task2_ = 0;
};

TEST_F(TimerServiceTest, OnlyRunningTimeIsMeasured) {
  const auto timer = timers_.start(member_, task_);
  ASSERT_TRUE(timer.ok()) << timer.error().message;
  clock_.advance_ms(10 * kMinute);
  ASSERT_TRUE(timers_.pause(member_, timer->id).ok());
  clock_.advance_ms(50 * kMinute);  // paused: not counted
  ASSERT_TRUE(timers_.resume(member_, timer->id).ok());
  clock_.advance_ms(20 * kMinute + 20'000);
  const auto timesheet = timers_.stop(member_, timer->id, nlohmann::json::object());
  ASSERT_TRUE(timesheet.ok()) << timesheet.error().message;
  EXPECT_EQ(timesheet->minutes, 30);
  EXPECT_EQ(timesheet->started_at, kStart);
  EXPECT_EQ(timesheet->status, "draft");
  EXPECT_EQ(timesheet->user_id, member_.user_id);
  EXPECT_TRUE(timers_.list(member_).value().empty());
}

TEST_F(TimerServiceTest, TimersSurviveARestart) {
  ASSERT_TRUE(timers_.start(member_, task_).ok());
  clock_.advance_ms(7 * kMinute);
  TimesheetService timesheets{temp_.db(), clock_, items_};
  TimerService restarted{temp_.db(), clock_, items_, timesheets};
  const auto timers = restarted.list(member_);
  ASSERT_EQ(timers.value().size(), 1u);
  EXPECT_EQ(restarted.stop(member_, timers.value()[0].id, nlohmann::json::object())->minutes, 7);
}

TEST_F(TimerServiceTest, OneRunningManyPausedPausesTheRunningTimer) {
  const auto first = timers_.start(member_, task_);
  clock_.advance_ms(5 * kMinute);
  const auto second = timers_.start(member_, task2_);
  ASSERT_TRUE(second.ok());
  auto timers = timers_.list(member_).value();
  ASSERT_EQ(timers.size(), 2u);
  EXPECT_EQ(timers[0].state, "paused");
  EXPECT_EQ(timers[0].elapsed_ms, 5 * kMinute);
  EXPECT_EQ(timers[1].state, "running");
  ASSERT_TRUE(timers_.resume(member_, first->id).ok());
  timers = timers_.list(member_).value();
  EXPECT_EQ(timers[0].state, "running");
  EXPECT_EQ(timers[1].state, "paused");
  EXPECT_EQ(timers_.pause(member_, second->id).error().code, ErrorCode::conflict);
}

TEST_F(TimerServiceTest, SeveralRunningKeepsEveryTimerRunning) {
  set({{"timer_concurrency", "several_running"}});
  ASSERT_TRUE(timers_.start(member_, task_).ok());
  ASSERT_TRUE(timers_.start(member_, task2_).ok());
  const auto timers = timers_.list(member_);
  ASSERT_EQ(timers->size(), 2u);
  for (const auto& timer : *timers) EXPECT_EQ(timer.state, "running");
}

TEST_F(TimerServiceTest, SingleRefusesASecondTimer) {
  set({{"timer_concurrency", "single"}});
  ASSERT_TRUE(timers_.start(member_, task_).ok());
  EXPECT_EQ(timers_.start(member_, task2_).error().code, ErrorCode::conflict);
  EXPECT_EQ(timers_.list(member_).value().size(), 1u);
}

TEST_F(TimerServiceTest, WithoutReviewStoppingSubmits) {
  set({{"review_before_submit", false}, {"billable_by_default", false}});
  const auto timer = timers_.start(member_, task_);
  const auto timesheet = timers_.stop(member_, timer->id, {{"note", "done"}});
  ASSERT_TRUE(timesheet.ok());
  EXPECT_EQ(timesheet->status, "submitted");
  EXPECT_FALSE(timesheet->billable);
  EXPECT_EQ(timesheet->note, "done");
}

TEST_F(TimerServiceTest, StartingCanAssignTheUser) {
  set({{"assign_on_start", true}});
  ASSERT_TRUE(timers_.start(admin_, task_).ok());
  const auto item = nlohmann::json::parse(items_.get_item(admin_, task_)->json);
  ASSERT_EQ(item["assignees"].size(), 1u);
  EXPECT_EQ(item["assignees"][0]["id"], admin_.user_id);
}

TEST_F(TimerServiceTest, TheMostSpecificRateWins) {
  ASSERT_TRUE(rates_.put(admin_, {{"hourly_rate", 10}}).ok());
  ASSERT_TRUE(rates_.put(admin_, {{"user_id", member_.user_id}, {"hourly_rate", 20}}).ok());
  const nlohmann::json body = {{"item_id", task_}, {"started_at", "2026-11-02T09:00:00Z"}, {"minutes", 60}};
  EXPECT_EQ(timesheets_.create(member_, body)->rate_cents, 2000);
  EXPECT_EQ(timesheets_.create(admin_, body)->rate_cents, 1000);
  ASSERT_TRUE(rates_.put(admin_, {{"project_id", project_}, {"hourly_rate", 30}}).ok());
  EXPECT_EQ(timesheets_.create(member_, body)->rate_cents, 3000);
  ASSERT_TRUE(
      rates_.put(admin_, {{"project_id", project_}, {"user_id", member_.user_id}, {"hourly_rate", 40}}).ok());
  const auto timesheet = timesheets_.create(member_, body);
  EXPECT_EQ(timesheet->rate_cents, 4000);
  EXPECT_EQ(timesheet->amount_cents, 4000);
  EXPECT_EQ(timesheets_.create(admin_, body)->rate_cents, 3000);
}

TEST_F(TimerServiceTest, ApprovalNeedsALeadAndLocks) {
  const nlohmann::json body = {{"item_id", task_}, {"started_at", "2026-11-02T09:00:00Z"}, {"minutes", 15}};
  const auto timesheet = timesheets_.create(member_, body);
  ASSERT_TRUE(timesheet.ok());
  EXPECT_EQ(timesheets_.decide(admin_, {timesheet->id}, true, "").error().code, ErrorCode::conflict);
  ASSERT_TRUE(timesheets_.submit(member_, {timesheet->id}).ok());
  EXPECT_EQ(timesheets_.decide(member_, {timesheet->id}, true, "").error().code, ErrorCode::forbidden);
  ASSERT_TRUE(timesheets_.decide(admin_, {timesheet->id}, true, "").ok());
  EXPECT_EQ(timesheets_.update(member_, timesheet->id, {{"minutes", 20}}).error().code, ErrorCode::conflict);
  EXPECT_EQ(timesheets_.remove(admin_, timesheet->id).error().code, ErrorCode::conflict);
  ASSERT_TRUE(timesheets_.invoice(admin_, {timesheet->id}, "INV-1").ok());
  EXPECT_EQ(timesheets_.invoice(admin_, {timesheet->id}, "INV-2").error().code, ErrorCode::conflict);
}

}  // namespace

}  // namespace tandem::service
