#include "service/jobs/job_runner.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <iterator>

#include <atomic>
#include <optional>

#include <spdlog/spdlog.h>

#include "store/savepoint.h"

namespace tandem::service {

namespace {

constexpr TimestampMs kLeaseMs = 5 * 60 * 1000;

// What the log and the job's last_error say about a failure.
const std::string& describe(const Error& error) {
  return error.internal.empty() ? error.message : error.internal;
}

void log_failure(const store::Job& job, const Error& error) {
  spdlog::warn("job {} ({}) attempt {} failed: {}", job.id, job.kind, job.attempts, describe(error));
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
  batched_.erase(kind);
  handlers_[std::move(kind)] = std::move(handler);
}

void JobRunner::handle_batched(std::string kind, BatchHandler handler, int batch) {
  handlers_.erase(kind);
  batched_[std::move(kind)] = {std::move(handler), std::max(batch, 1)};
}

Result<int> JobRunner::run_one() {
  std::vector<store::Job> jobs;
  const Batched* batched = nullptr;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    const TimestampMs now = clock_.now_ms();
    TANDEM_ASSIGN(auto first, store::lease_job(txn, owner_, now, kLeaseMs));
    if (!first) return {};
    const auto found = batched_.find(first->kind);
    jobs.push_back(std::move(*first));
    if (found == batched_.end()) return {};
    batched = &found->second;
    TANDEM_ASSIGN(auto more, store::lease_jobs(txn, owner_, found->first, now, kLeaseMs, batched->batch - 1));
    std::move(more.begin(), more.end(), std::back_inserter(jobs));
    return {};
  }));
  if (batched != nullptr || jobs.empty()) {
    if (!jobs.empty()) TANDEM_TRY(run_batch(jobs, batched->handler));
    return static_cast<int>(jobs.size());
  }
  const store::Job& job = jobs.front();
  const auto handler = handlers_.find(job.kind);
  Status outcome = handler == handlers_.end()
                       ? Status(Error::make(ErrorCode::internal, "no handler for jobs of kind " + job.kind))
                       : handler->second(job);
  TANDEM_TRY(finish(job, outcome));
  return 1;
}

Status JobRunner::run_batch(const std::vector<store::Job>& jobs, const BatchHandler& handler) {
  std::vector<Result<Apply>> prepared;
  prepared.reserve(jobs.size());
  for (const auto& job : jobs) prepared.push_back(handler(job));
  return db_.write([&](store::Txn& txn) -> Status {
    const TimestampMs now = clock_.now_ms();
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      const store::Job& job = jobs[i];
      bool completing = false;
      Status outcome = !prepared[i].ok() ? Status(prepared[i].error())
                                         : store::in_savepoint(txn, [&](store::Txn& part) -> Status {
                                             TANDEM_TRY(prepared[i].value()(part));
                                             completing = true;
                                             return store::complete_job(part, job.id, owner_, now);
                                           });
      if (outcome.ok()) continue;
      if (completing && outcome.error().code == ErrorCode::conflict) {
        spdlog::warn("job {} ({}): {}", job.id, job.kind, describe(outcome.error()));
        continue;  // another worker holds the job now; this one's changes were undone
      }
      if (completing) return outcome;
      log_failure(job, outcome.error());
      TANDEM_TRY(store::fail_job(txn, job.id, owner_, describe(outcome.error()), now));
    }
    return {};
  });
}

Status JobRunner::finish(const store::Job& job, const Status& outcome) {
  if (!outcome.ok()) log_failure(job, outcome.error());
  return db_.write([&](store::Txn& txn) -> Status {
    const TimestampMs now = clock_.now_ms();
    if (outcome.ok()) return store::complete_job(txn, job.id, owner_, now);
    return store::fail_job(txn, job.id, owner_, describe(outcome.error()), now);
  });
}

Result<int> JobRunner::run_due() {
  int ran = 0;
  for (;;) {
    TANDEM_ASSIGN(const int some, run_one());
    if (some == 0) return ran;
    ran += some;
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
