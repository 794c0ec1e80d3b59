// Remembered answers to POST requests sent with an Idempotency-Key, so a retry gets the first answer
// instead of doing the work twice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

struct StoredResponse {
  int status = 0;
  std::string headers;  // JSON array of [name, value] pairs
  std::string body;
};

/// What claiming a key found.
struct IdempotencyClaim {
  enum class Outcome { claimed, replay, in_progress, different_request } outcome = Outcome::claimed;
  std::optional<StoredResponse> response;  // set for replay
};

/// Claims (owner, key) for a request with this fingerprint. A claim older than `stale_before` that never
/// completed is taken over. Writable transaction.
Result<IdempotencyClaim> claim_idempotency_key(Txn& txn, std::string_view owner, std::string_view key,
                                               std::string_view fingerprint, TimestampMs now,
                                               TimestampMs stale_before);
/// Stores the answer of a claimed key.
Status complete_idempotency_key(Txn& txn, std::string_view owner, std::string_view key,
                                const StoredResponse& response);
/// Forgets a claim (the request failed, so a retry may run it again).
Status release_idempotency_key(Txn& txn, std::string_view owner, std::string_view key);

}  // namespace tandem::store
