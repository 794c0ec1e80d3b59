#include "service/jobs/job_runner.h"

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "store/temp_database.h"

namespace tandem::service {
namespace {

class JobRunnerTest : public ::testing::Test {
 protected:
  Status enqueue(std::string kind, std::string payload) {
    return db.write([&](store::Txn& txn) -> Status {
      store::NewJob job;
      job.kind = std::move(kind);
      job.payload = std::move(payload);
      return status_of(store::enqueue_job(txn, job, clock.now_ms()));
    });
  }
  std::string state_of_job(std::int64_t id) {
    std::string state;
    EXPECT_TRUE(db.read([&](store::Txn& txn) -> Status {
                    TANDEM_ASSIGN(auto row, txn.one("SELECT state FROM jobs WHERE id = ?", {id}));
                    state = row ? row->text(0) : "";
                    return {};
                  }).ok());
    return state;
  }

  FakeClock clock{1'000'000};
  store::TempDatabase temp{"job-runner-test"};
  store::Database& db = temp.db();
  JobRunner runner{db, clock};
};

TEST_F(JobRunnerTest, RunsEachDueJobOnceWithItsHandler) {
  std::vector<std::string> seen;
  runner.handle("note", [&](const store::Job& job) {
    seen.push_back(job.payload);
    return Status{};
  });
  ASSERT_TRUE(enqueue("note", R"({"n":1})").ok());
  ASSERT_TRUE(enqueue("note", R"({"n":2})").ok());
  EXPECT_EQ(runner.run_due().value(), 2);
  EXPECT_EQ(runner.run_due().value(), 0);
  EXPECT_EQ(seen, (std::vector<std::string>{R"({"n":1})", R"({"n":2})"}));
  EXPECT_EQ(state_of_job(1), "done");
}

TEST_F(JobRunnerTest, AFailedJobRunsAgainAfterItsBackoff) {
  int attempts = 0;
  runner.handle("flaky", [&](const store::Job&) {
    return ++attempts == 1 ? Status(Error::make(ErrorCode::unavailable, "peer down")) : Status{};
  });
  ASSERT_TRUE(enqueue("flaky", "{}").ok());
  EXPECT_EQ(runner.run_due().value(), 1);
  EXPECT_EQ(runner.run_due().value(), 0);  // not due before the backoff
  clock.advance_ms(store::retry_backoff_ms(1));
  EXPECT_EQ(runner.run_due().value(), 1);
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(state_of_job(1), "done");
}

TEST_F(JobRunnerTest, AJobWithoutAHandlerIsNotLostButRetried) {
  ASSERT_TRUE(enqueue("unknown", "{}").ok());
  EXPECT_EQ(runner.run_due().value(), 1);
  EXPECT_EQ(state_of_job(1), "pending");
}

TEST_F(JobRunnerTest, StartingTakesOverTheJobsOfAProcessOfThisMachineThatIsGone) {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  ::waitpid(child, nullptr, 0);
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  const std::string gone_owner = std::string(host) + ":" + std::to_string(child) + ":0";
  ASSERT_TRUE(enqueue("note", "{}").ok());
  ASSERT_TRUE(db.write([&](store::Txn& txn) -> Status {
                  return status_of(store::lease_job(txn, gone_owner, clock.now_ms(), 5 * 60 * 1000));
                }).ok());
  int ran = 0;
  runner.handle("note", [&](const store::Job&) {
    ++ran;
    return Status{};
  });
  runner.start();  // runs due jobs once before it first waits
  runner.stop();
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(state_of_job(1), "done");
}

}  // namespace
}  // namespace tandem::service
