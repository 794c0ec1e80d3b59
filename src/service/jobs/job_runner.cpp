#include "service/jobs/job_runner.h"

#include <unistd.h>

#include <atomic>
#include <optional>

#include <spdlog/spdlog.h>

namespace tandem::service {

namespace {

constexpr TimestampMs kLeaseMs = 5 * 60 * 1000;

// What the log and the job's last_error say about a failure.
const std::string& describe(const Error& error) {
  return error.internal.empty() ? error.message : error.internal;
}

std::string process_owner() {
  static std::atomic<int> runners{0};
  return "pid-" + std::to_string(::getpid()) + "-" + std::to_string(runners++);
}

}  // namespace

JobRunner::JobRunner(store::Database& db, const Clock& clock)
    : db_(db), clock_(clock), owner_(process_owner()) {}

JobRunner::~JobRunner() {
  stop();
}

void JobRunner::handle(std::string kind, Handler handler) {
  handlers_[std::move(kind)] = std::move(handler);
}

Result<bool> JobRunner::run_one() {
  std::optional<store::Job> job;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(job, store::lease_job(txn, owner_, clock_.now_ms(), kLeaseMs));
    return {};
  }));
  if (!job) return false;
  const auto handler = handlers_.find(job->kind);
  Status outcome = handler == handlers_.end()
                       ? Status(Error::make(ErrorCode::internal, "no handler for jobs of kind " + job->kind))
                       : handler->second(*job);
  TANDEM_TRY(finish(*job, outcome));
  return true;
}

Status JobRunner::finish(const store::Job& job, const Status& outcome) {
  if (!outcome.ok())
    spdlog::warn("job {} ({}) attempt {} failed: {}", job.id, job.kind, job.attempts,
                 describe(outcome.error()));
  return db_.write([&](store::Txn& txn) -> Status {
    const TimestampMs now = clock_.now_ms();
    if (outcome.ok()) return store::complete_job(txn, job.id, owner_, now);
    return store::fail_job(txn, job.id, owner_, describe(outcome.error()), now);
  });
}

Result<int> JobRunner::run_due() {
  int ran = 0;
  for (;;) {
    TANDEM_ASSIGN(const bool one, run_one());
    if (!one) return ran;
    ++ran;
  }
}

void JobRunner::start(std::chrono::milliseconds poll) {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, poll] {
    for (;;) {
      const auto ran = run_due();
      if (!ran.ok()) spdlog::error("jobs: {}", describe(ran.error()));
      std::unique_lock lock(mutex_);
      wakeup_.wait_for(lock, poll, [this] { return woken_ || stopping_; });
      if (stopping_) return;
      woken_ = false;
    }
  });
}

void JobRunner::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeup_.notify_one();
}

void JobRunner::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
  }
  wakeup_.notify_one();
  thread_.join();
}

}  // namespace tandem::service
