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

TEST_F(JobRunnerTest, ABatchCommitsItsJobsTogetherAndAFailingJobIsUndoneAloneAndRetried) {
  ASSERT_TRUE(
      db.write([](store::Txn& txn) { return txn.exec_script("CREATE TABLE notes(n INTEGER)"); }).ok());
  bool broken = true;
  runner.handle_batched(
      "note",
      [&](const store::Job& job) -> Result<JobRunner::Apply> {
        const std::int64_t n = job.payload[0] - '0';
        if (n == 3 && broken) return Error::make(ErrorCode::unavailable, "disk full");
        return JobRunner::Apply([&broken, n](store::Txn& txn) -> Status {
          TANDEM_TRY(txn.exec("INSERT INTO notes(n) VALUES (?)", {n}));
          if (n == 2 && broken) return Error::make(ErrorCode::unavailable, "peer down");
          return {};
        });
      },
      10);
  for (const char* n : {"1", "2", "3", "4"}) ASSERT_TRUE(enqueue("note", n).ok());
  auto notes = [&] {
    std::vector<std::int64_t> seen;
    EXPECT_TRUE(db.read([&](store::Txn& txn) {
                    return txn.exec("SELECT n FROM notes ORDER BY n", {},
                                    [&](const store::Row& row) { seen.push_back(row.int64(0)); });
                  }).ok());
    return seen;
  };
  EXPECT_EQ(runner.run_due().value(), 4);
  EXPECT_EQ(notes(), (std::vector<std::int64_t>{1, 4}));  // job 2's insert was undone
  EXPECT_EQ(state_of_job(1), "done");
  EXPECT_EQ(state_of_job(2), "pending");
  EXPECT_EQ(state_of_job(3), "pending");
  EXPECT_EQ(state_of_job(4), "done");
  broken = false;
  clock.advance_ms(store::retry_backoff_ms(1));
  EXPECT_EQ(runner.run_due().value(), 2);
  EXPECT_EQ(notes(), (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(state_of_job(2), "done");
  EXPECT_EQ(state_of_job(3), "done");
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
