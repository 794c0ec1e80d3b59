#include "store/idempotency.h"

namespace tandem::store {

Result<IdempotencyClaim> claim_idempotency_key(Txn& txn, std::string_view owner, std::string_view key,
                                               std::string_view fingerprint, TimestampMs now,
                                               TimestampMs stale_before) {
  TANDEM_ASSIGN(auto row, txn.one("SELECT request, status, headers, body, created_at FROM idempotency_keys "
                                  "WHERE owner = ? AND key = ?",
                                  {std::string(owner), std::string(key)}));
  IdempotencyClaim claim;
  if (row && !(row->int64(1) == 0 && row->int64(4) < stale_before)) {
    if (row->text(0) != fingerprint)
      claim.outcome = IdempotencyClaim::Outcome::different_request;
    else if (row->int64(1) == 0)
      claim.outcome = IdempotencyClaim::Outcome::in_progress;
    else {
      claim.outcome = IdempotencyClaim::Outcome::replay;
      claim.response = StoredResponse{static_cast<int>(row->int64(1)), row->text(2), row->text(3)};
    }
    return claim;
  }
  TANDEM_TRY(txn.exec(
      "INSERT OR REPLACE INTO idempotency_keys(owner, key, request, status, headers, body, created_at) "
      "VALUES (?, ?, ?, 0, '[]', '', ?)",
      {std::string(owner), std::string(key), std::string(fingerprint), now}));
  return claim;
}

Status complete_idempotency_key(Txn& txn, std::string_view owner, std::string_view key,
                                const StoredResponse& response) {
  return txn.exec(
      "UPDATE idempotency_keys SET status = ?, headers = ?, body = ? WHERE owner = ? AND key = ?",
      {std::int64_t{response.status}, response.headers, response.body, std::string(owner), std::string(key)});
}

Status release_idempotency_key(Txn& txn, std::string_view owner, std::string_view key) {
  return txn.exec("DELETE FROM idempotency_keys WHERE owner = ? AND key = ?",
                  {std::string(owner), std::string(key)});
}

}  // namespace tandem::store
