// Runs the durable jobs of store/job_queue.h: a handler per job kind, and one background thread that leases
// due jobs, runs them outside any transaction (they may talk to the network) and finishes or retries them.
// Jobs of a batched kind are leased several at a time and their changes committed together with their
// completion, in one transaction. Jobs leased by a process that died are taken over when their lease expires.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"
#include "store/job_queue.h"

namespace tandem::service {

class JobRunner {
 public:
  /// A job's work. An error is recorded and the job retried with backoff (store::fail_job).
  using Handler = std::function<Status(const store::Job& job)>;
  /// The part of a batched job's work that changes the store; runs inside the write transaction.
  using Apply = std::function<Status(store::Txn& txn)>;
  /// A batched job's work outside any transaction (reading, parsing, the disk), returning its Apply.
  using BatchHandler = std::function<Result<Apply>(const store::Job& job)>;

  /// Runs jobs of `db` under a lease owner name unique to this process.
  JobRunner(store::Database& db, const Clock& clock);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  /// Registers the handler of jobs of `kind`, replacing an earlier one. Call before start().
  void handle(std::string kind, Handler handler);
  /// Registers the handler of jobs of `kind` run in batches, replacing an earlier one: up to `batch` due jobs
  /// of the kind are leased together and prepared one after another, then every Apply runs in its own
  /// savepoint of one write transaction that also completes the job. A job whose preparation or Apply fails
  /// is rolled back alone and retried as with handle(). Call before start().
  void handle_batched(std::string kind, BatchHandler handler, int batch);
  /// Runs due jobs (one at a time, or a batch) on the calling thread until none is due; returns how many ran.
  /// Jobs of a kind without a handler fail (and are retried later). Errors: the store's.
  Result<int> run_due();
  /// Starts the background thread, which runs due jobs and then sleeps `poll` or until wake(). First takes
  /// over at once the jobs leased by processes of this machine that are gone (e.g. killed), instead of
  /// waiting for their leases to expire.
  void start(std::chrono::milliseconds poll = std::chrono::seconds(1));
  /// Makes the background thread look for due jobs now (e.g. right after one was enqueued).
  void wake();
  /// Stops the background thread after its current job. Idempotent.
  void stop();

 private:
  struct Batched {
    BatchHandler handler;
    int batch = 1;
  };
  Result<int> run_one();  // the jobs it ran: one, a batch, or none when none is due
  Status run_batch(const std::vector<store::Job>& jobs, const BatchHandler& handler);
  Status take_over_dead_leases();
  Status finish(const store::Job& job, const Status& outcome);

  store::Database& db_;
  const Clock& clock_;
  const std::string owner_;
  std::map<std::string, Handler, std::less<>> handlers_;
  std::map<std::string, Batched, std::less<>> batched_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tandem::service
