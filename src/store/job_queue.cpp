#include "store/job_queue.h"

#include <algorithm>

namespace tandem::store {

namespace {

Status require_lease_held(Txn& txn, std::string_view action, std::int64_t job_id) {
  if (txn.changes() == 1) return {};
  return Error{ErrorCode::conflict,
               "the job lease was lost",
               std::string(action) + " of job " + std::to_string(job_id) + " without its lease",
               {}};
}

// Leasing a job: the statement up to the id of the job, then the columns it returns (see job_of).
constexpr std::string_view kLease =
    "UPDATE jobs SET state = 'running', lease_owner = ?, lease_until = ?, attempts = attempts + 1 "
    "WHERE id = ";
constexpr const char* kLeased = "RETURNING id, kind, payload, attempts, max_attempts";
// A due job: pending and due (run_at <= ?), or running with an expired lease (lease_until <= ?).
constexpr const char* kDue =
    "(state = 'pending' AND run_at <= ?) OR (state = 'running' AND lease_until <= ?)";

Job job_of(const Row& r) {
  return Job{r.int64(0), r.text(1), r.text(2), static_cast<int>(r.int64(3)), static_cast<int>(r.int64(4))};
}

}  // namespace

TimestampMs retry_backoff_ms(int attempts) {
  const int exponent = std::clamp(attempts, 0, 12);
  return std::min<TimestampMs>(TimestampMs{1000} << exponent, 3'600'000);
}

Result<std::int64_t> enqueue_job(Txn& txn, const NewJob& job, TimestampMs now) {
  const Value key = job.idempotency_key ? Value{*job.idempotency_key} : Value{nullptr};
  auto row = txn.one(
      "INSERT INTO jobs(kind, payload, idempotency_key, run_at, max_attempts, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(idempotency_key) DO NOTHING RETURNING id",
      {job.kind, job.payload, key, std::max(job.run_at, now), std::int64_t{job.max_attempts}, now});
  if (!row.ok()) return std::move(row).error();
  if (row.value()) return row.value()->int64(0);
  auto existing = txn.one("SELECT id FROM jobs WHERE idempotency_key = ?", {key});
  if (!existing.ok()) return std::move(existing).error();
  if (!existing.value()) return Error::internal_error("job insert ignored without an existing key");
  return existing.value()->int64(0);
}

Result<std::vector<std::string>> lease_owners(Txn& txn, std::string_view prefix) {
  std::vector<std::string> owners;
  TANDEM_TRY(txn.exec(
      "SELECT DISTINCT lease_owner FROM jobs WHERE state = 'running' AND substr(lease_owner, 1, ?) = ?",
      {static_cast<std::int64_t>(prefix.size()), std::string(prefix)},
      [&](const Row& row) { owners.push_back(row.text(0)); }));
  return owners;
}

Status expire_leases(Txn& txn, std::string_view owner, TimestampMs now) {
  return txn.exec("UPDATE jobs SET lease_until = ? WHERE state = 'running' AND lease_owner = ?",
                  {now, std::string(owner)});
}

Result<std::optional<Job>> lease_job(Txn& txn, std::string_view owner, TimestampMs now,
                                     TimestampMs lease_ms) {
  auto row = txn.one(
      std::string(kLease) + "(SELECT id FROM jobs WHERE " + kDue + " ORDER BY run_at, id LIMIT 1) " + kLeased,
      {std::string(owner), now + lease_ms, now, now});
  if (!row.ok()) return std::move(row).error();
  if (!row.value()) return std::optional<Job>{};
  return std::optional<Job>(job_of(*row.value()));
}

Result<std::vector<Job>> lease_jobs(Txn& txn, std::string_view owner, std::string_view kind, TimestampMs now,
                                    TimestampMs lease_ms, int limit) {
  TANDEM_ASSIGN(const auto ids, txn.all(std::string("SELECT id FROM jobs WHERE (") + kDue +
                                            ") AND kind = ? ORDER BY run_at, id LIMIT ?",
                                        {now, now, std::string(kind), std::int64_t{limit}}));
  std::vector<Job> jobs;
  for (const auto& id : ids) {
    TANDEM_ASSIGN(const auto row, txn.one(std::string(kLease) + "? " + kLeased,
                                          {std::string(owner), now + lease_ms, id.int64(0)}));
    if (row) jobs.push_back(job_of(*row));
  }
  return jobs;
}

Status complete_job(Txn& txn, std::int64_t job_id, std::string_view owner, TimestampMs now) {
  TANDEM_TRY(
      txn.exec("UPDATE jobs SET state = 'done', finished_at = ?, lease_owner = NULL, lease_until = NULL "
               "WHERE id = ? AND state = 'running' AND lease_owner = ?",
               {now, job_id, std::string(owner)}));
  return require_lease_held(txn, "completion", job_id);
}

Status fail_job(Txn& txn, std::int64_t job_id, std::string_view owner, std::string_view error,
                TimestampMs now) {
  auto row = txn.one(
      "SELECT attempts, max_attempts FROM jobs WHERE id = ? AND state = 'running' AND lease_owner = ?",
      {job_id, std::string(owner)});
  if (!row.ok()) return std::move(row).error();
  if (!row.value())
    return Error{ErrorCode::conflict, "the job lease was lost", "failure of job without its lease", {}};
  const int attempts = static_cast<int>(row.value()->int64(0));
  const bool exhausted = attempts >= static_cast<int>(row.value()->int64(1));
  TANDEM_TRY(txn.exec(
      "UPDATE jobs SET state = ?, run_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL, "
      "finished_at = ? WHERE id = ?",
      {std::string(exhausted ? "failed" : "pending"), now + retry_backoff_ms(attempts), std::string(error),
       exhausted ? Value{now} : Value{nullptr}, job_id}));
  return require_lease_held(txn, "failure", job_id);
}

}  // namespace tandem::store
