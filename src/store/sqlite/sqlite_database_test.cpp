#include "store/temp_database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "store/event_log.h"
#include "store/job_queue.h"
#include "store/migrations.h"

namespace tandem::store {

namespace {

class StoreTest : public ::testing::Test {
 protected:
  std::int64_t count(const std::string& table) {
    std::int64_t n = -1;
    EXPECT_TRUE(db_->read([&](Txn& txn) -> Status {
                     TANDEM_ASSIGN(auto row, txn.one("SELECT COUNT(*) FROM " + table));
                     n = row->int64(0);
                     return {};
                   })
                    .ok());
    return n;
  }

  TempDatabase temp_{"store-test"};
  Database* db_ = &temp_.db();
};

}  // namespace

TEST_F(StoreTest, MigrationsRunOnceAndRecordTheirVersion) {
  auto again = migrate(*db_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), 0);
  EXPECT_EQ(schema_version(*db_).value(), all_migrations().back().version);
}

TEST_F(StoreTest, CommittedPagesReachTheDatabaseFileWhileItStaysOpen) {
  const auto db_file = temp_.dir() / "tandem.db";
  const auto size_before = std::filesystem::file_size(db_file);
  // The reader of this read stays idle below, keeping its snapshot from before every write.
  const std::int64_t events_before = count("events");
  const std::string payload = "{\"padding\":\"" + std::string(8000, 'x') + "\"}";
  for (int i = 0; i < 600; ++i)  // about 1,200 pages of WAL, past the checkpoint threshold
    ASSERT_TRUE(db_->write([&](Txn& txn) {
                     return status_of(
                         append_event(txn, Actor::system(), 1, "test", i, "test.happened", payload));
                   })
                    .ok());
  // The checkpoint runs in the background: wait for the file to take the pages.
  for (int waited_ms = 0; waited_ms < 20000 && std::filesystem::file_size(db_file) < size_before + 4'000'000;
       waited_ms += 50)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_GE(std::filesystem::file_size(db_file), size_before + 4'000'000);
  EXPECT_EQ(count("events"), events_before + 600);
}

TEST_F(StoreTest, EveryReadSeesEveryWriteThatFinishedBeforeIt) {
  for (int i = 1; i <= 200; ++i) {
    ASSERT_TRUE(db_->write([](Txn& txn) {
                     return txn.exec(
                         "INSERT INTO jobs(kind, payload, run_at, created_at) VALUES ('x', '{}', 0, 0)", {});
                   })
                    .ok());
    ASSERT_EQ(count("jobs"), i);
  }
}

TEST_F(StoreTest, AWriteOfAnotherProcessIsSeenSoon) {
  EXPECT_EQ(count("jobs"), 0);  // leaves a reader with a snapshot from before the write below
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open((temp_.dir() / "tandem.db").c_str(), &other), SQLITE_OK);
  sqlite3_busy_timeout(other, 5000);
  EXPECT_EQ(
      sqlite3_exec(other, "INSERT INTO jobs(kind, payload, run_at, created_at) VALUES ('x', '{}', 0, 0)",
                   nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(other);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (count("jobs") == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_EQ(count("jobs"), 1);
}

TEST_F(StoreTest, ConcurrentWritersAllCommitInGroups) {
  constexpr int kThreads = 16, kPerThread = 200;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Status s = db_->write([&](Txn& txn) {
          return status_of(
              append_event(txn, Actor::system(), 1, "test", t * kPerThread + i, "test.happened", "{}"));
        });
        if (!s.ok()) ++failures;
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(count("events"), kThreads * kPerThread);
}

TEST_F(StoreTest, AFailedWriteRollsBackOnlyItself) {
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      Status s = db_->write([&](Txn& txn) -> Status {
        TANDEM_TRY(append_event(txn, Actor::system(), 1, "test", i, "test.happened", "{}"));
        if (i % 2) return Error::make(ErrorCode::validation_failed, "odd writes fail");
        return {};
      });
      if (!s.ok()) ++failed;
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 4);
  EXPECT_EQ(count("events"), 4);
}

TEST_F(StoreTest, AFailedWriteAloneLeavesNothingAndTheNextOneCommits) {
  EXPECT_FALSE(db_->write([](Txn& txn) -> Status {
                    TANDEM_TRY(append_event(txn, Actor::system(), 1, "test", 1, "test.dropped", "{}"));
                    return Error::make(ErrorCode::conflict, "no");
                  })
                   .ok());
  EXPECT_EQ(count("events"), 0);
  ASSERT_TRUE(db_->write([](Txn& txn) {
                   return status_of(append_event(txn, Actor::system(), 1, "test", 2, "test.kept", "{}"));
                 })
                  .ok());
  EXPECT_EQ(count("events"), 1);
}

TEST_F(StoreTest, CommitCallbackHearsOnlyCommittedEvents) {
  std::vector<std::int64_t> heard;
  std::mutex mutex;
  db_->set_on_commit([&](const std::vector<std::int64_t>& ids) {
    std::lock_guard lock(mutex);
    heard.insert(heard.end(), ids.begin(), ids.end());
  });
  std::int64_t kept = 0;
  ASSERT_TRUE(db_->write([&](Txn& txn) -> Status {
                   TANDEM_ASSIGN(kept, append_event(txn, Actor::system(), 1, "test", 1, "test.kept", "{}"));
                   return {};
                 })
                  .ok());
  EXPECT_FALSE(db_->write([&](Txn& txn) -> Status {
                    TANDEM_TRY(append_event(txn, Actor::system(), 1, "test", 2, "test.dropped", "{}"));
                    return Error::make(ErrorCode::conflict, "no");
                  })
                   .ok());
  std::lock_guard lock(mutex);
  EXPECT_EQ(heard, std::vector<std::int64_t>{kept});
}

TEST_F(StoreTest, AWriteNobodyWaitsForCommitsBeforeTheWritesQueuedAfterItAndMayFailAlone) {
  const auto event = [](std::int64_t id) {
    return [id](Txn& txn) -> Status {
      return status_of(append_event(txn, Actor::system(), 1, "test", id, "test.happened", "{}"));
    };
  };
  db_->write_later(event(1));
  db_->write_later([](Txn& txn) -> Status {
    TANDEM_TRY(append_event(txn, Actor::system(), 1, "test", 2, "test.dropped", "{}"));
    return Error::make(ErrorCode::conflict, "no");
  });
  ASSERT_TRUE(db_->write(event(3)).ok());
  std::vector<std::int64_t> ids;
  ASSERT_TRUE(db_->read([&](Txn& txn) {
                   return txn.exec("SELECT entity_id FROM events ORDER BY id", {},
                                   [&](const Row& row) { ids.push_back(row.int64(0)); });
                 })
                  .ok());
  EXPECT_EQ(ids, (std::vector<std::int64_t>{1, 3}));
}

TEST_F(StoreTest, ReadsSeeACommittedSnapshotAndCannotWrite) {
  Status s = db_->read([](Txn& txn) {
    return txn.exec("INSERT INTO jobs(kind, payload, run_at, created_at) VALUES ('x', '{}', 0, 0)", {});
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(count("jobs"), 0);
}

TEST_F(StoreTest, AnExceptionInATransactionBecomesAnInternalError) {
  Status s = db_->write([](Txn&) -> Status { throw std::runtime_error("boom"); });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::internal);
  EXPECT_TRUE(db_->ping().ok());
}

TEST_F(StoreTest, JobsLeaseRetryWithBackoffAndFinishOnce) {
  std::int64_t id = 0;
  ASSERT_TRUE(db_->write([&](Txn& txn) -> Status {
                   TANDEM_ASSIGN(id, enqueue_job(txn, {"mail.send", "{}", 0, "msg-1", 2}, 1000));
                   // The same idempotency key does not add a second job.
                   TANDEM_ASSIGN(auto again, enqueue_job(txn, {"mail.send", "{}", 0, "msg-1", 2}, 1000));
                   EXPECT_EQ(again, id);
                   return {};
                 })
                  .ok());
  auto lease = [&](const std::string& owner, TimestampMs now) {
    std::optional<Job> job;
    EXPECT_TRUE(db_->write([&](Txn& txn) -> Status {
                     TANDEM_ASSIGN(job, lease_job(txn, owner, now, 30'000));
                     return {};
                   })
                    .ok());
    return job;
  };
  auto first = lease("worker-a", 1000);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->attempts, 1);
  EXPECT_FALSE(lease("worker-b", 2000).has_value()) << "a leased job is not handed out twice";

  ASSERT_TRUE(db_->write([&](Txn& txn) { return fail_job(txn, id, "worker-a", "smtp down", 2000); }).ok());
  EXPECT_FALSE(lease("worker-b", 2000 + retry_backoff_ms(1) - 1).has_value()) << "backoff is respected";
  auto second = lease("worker-b", 2000 + retry_backoff_ms(1));
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->attempts, 2);

  // The first worker lost its lease: it cannot complete the job.
  EXPECT_EQ(db_->write([&](Txn& txn) { return complete_job(txn, id, "worker-a", 9000); }).error().code,
            ErrorCode::conflict);
  ASSERT_TRUE(db_->write([&](Txn& txn) { return complete_job(txn, id, "worker-b", 9000); }).ok());
  EXPECT_FALSE(lease("worker-c", 10'000'000).has_value()) << "a done job never runs again";
}

TEST_F(StoreTest, AnExpiredLeaseIsTakenOverAndExhaustedJobsFail) {
  std::int64_t id = 0;
  ASSERT_TRUE(db_->write([&](Txn& txn) -> Status {
                   TANDEM_ASSIGN(id, enqueue_job(txn, {"webhook", "{}", 0, std::nullopt, 1}, 0));
                   return {};
                 })
                  .ok());
  std::optional<Job> job;
  ASSERT_TRUE(db_->write([&](Txn& txn) -> Status {
                   TANDEM_ASSIGN(job, lease_job(txn, "crashed-worker", 0, 1000));
                   return {};
                 })
                  .ok());
  ASSERT_TRUE(db_->write([&](Txn& txn) -> Status {
                   TANDEM_ASSIGN(job, lease_job(txn, "rescuer", 1000, 1000));
                   EXPECT_TRUE(job.has_value());
                   return fail_job(txn, id, "rescuer", "still broken", 1000);
                 })
                  .ok());
  ASSERT_TRUE(db_->read([&](Txn& txn) -> Status {
                   TANDEM_ASSIGN(auto row, txn.one("SELECT state, last_error FROM jobs WHERE id = ?", {id}));
                   EXPECT_EQ(row->text(0), "failed");
                   EXPECT_EQ(row->text(1), "still broken");
                   return {};
                 })
                  .ok());
}

}  // namespace tandem::store
