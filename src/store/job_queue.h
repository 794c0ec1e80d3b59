// Durable jobs: written in the same transaction as the change that needs them, leased by one worker at a
// time, retried with exponential backoff, and finished exactly once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

struct NewJob {
  std::string kind;
  std::string payload = "{}";                  // JSON object text
  TimestampMs run_at = 0;                      // not before this instant
  std::optional<std::string> idempotency_key;  // a second job with the same key is not added
  int max_attempts = 10;
};

struct Job {
  std::int64_t id = 0;
  std::string kind;
  std::string payload;
  int attempts = 0;  // including the current one
  int max_attempts = 0;
};

/// Adds a job in `txn`. Returns its id, or the existing job's id when the idempotency key is taken.
Result<std::int64_t> enqueue_job(Txn& txn, const NewJob& job, TimestampMs now);

/// Leases the oldest due job (pending, or running with an expired lease) to `owner` until now + lease_ms.
/// Returns nullopt when no job is due.
Result<std::optional<Job>> lease_job(Txn& txn, std::string_view owner, TimestampMs now, TimestampMs lease_ms);

/// Leases, as lease_job does, up to `limit` due jobs of `kind`, oldest first.
Result<std::vector<Job>> lease_jobs(Txn& txn, std::string_view owner, std::string_view kind, TimestampMs now,
                                    TimestampMs lease_ms, int limit);

/// The distinct owners of the leases of running jobs whose owner name starts with `prefix`.
Result<std::vector<std::string>> lease_owners(Txn& txn, std::string_view prefix);
/// Ends the leases `owner` holds now, so that any worker may take those jobs over at once (their owner is
/// known to be gone).
Status expire_leases(Txn& txn, std::string_view owner, TimestampMs now);

/// Marks a leased job done. Errors: `conflict` when `owner` no longer holds the lease.
Status complete_job(Txn& txn, std::int64_t job_id, std::string_view owner, TimestampMs now);

/// Records a failed attempt: the job runs again after a backoff of 2^attempts seconds (at most an hour),
/// or is marked failed after max_attempts. Errors: `conflict` when `owner` no longer holds the lease.
Status fail_job(Txn& txn, std::int64_t job_id, std::string_view owner, std::string_view error,
                TimestampMs now);

/// The backoff before retry number `attempts` (1-based): 2^attempts seconds, capped at one hour.
TimestampMs retry_backoff_ms(int attempts);

}  // namespace tandem::store
