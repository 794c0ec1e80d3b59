#include "service/jobs/job_runner.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

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

// "HOST:" — the start of the lease owner names of the processes of this machine.
std::string host_prefix() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return std::string(host) + ":";
}

// "HOST:PID:N": unique among the runners of every process of every machine sharing the store.
std::string process_owner() {
  static std::atomic<int> runners{0};
  return host_prefix() + std::to_string(::getpid()) + ":" + std::to_string(runners++);
}

// Whether the owner name (made by process_owner on this machine) names a process that no longer runs.
bool owner_is_gone(std::string_view owner) {
  const std::string_view rest = owner.substr(host_prefix().size());
  int pid = 0;
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
  if (error != std::errc() || end == rest.data() || pid <= 0 || pid == ::getpid()) return false;
  return ::kill(pid, 0) != 0 && errno == ESRCH;
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

Status JobRunner::take_over_dead_leases() {
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto owners, store::lease_owners(txn, host_prefix()));
    for (const auto& owner : owners)
      if (owner_is_gone(owner)) {
        spdlog::info("jobs: taking over the jobs of {}, which is gone", owner);
        TANDEM_TRY(store::expire_leases(txn, owner, clock_.now_ms()));
      }
    return {};
  });
}

void JobRunner::start(std::chrono::milliseconds poll) {
  if (Status taken = take_over_dead_leases(); !taken.ok())
    spdlog::error("jobs: cannot take over the jobs of stopped processes: {}", describe(taken.error()));
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
