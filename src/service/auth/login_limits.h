// Rate limits on password sign-in, shared by internal users and portal customers: failed attempts are rows
// in `login_failures` (so the limit holds across nodes), counted per account and per address in a window.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace tandem::service {

class LoginLimits {
 public:
  LoginLimits(int max_failures, TimestampMs window_ms) : max_failures_(max_failures), window_ms_(window_ms) {}

  /// The failure keys of an attempt: the account (`account_kind` + ":" + email) first, then the address.
  static std::vector<std::string> keys(std::string_view account_kind, std::string_view email,
                                       std::string_view remote_address);
  /// Errors: rate_limited (details["retry_after"] in seconds) when a key has too many recent failures.
  Status check(store::Txn& txn, const std::vector<std::string>& keys, TimestampMs now) const;
  /// Records a failed attempt under every key, in its own write transaction.
  Status record_failure(store::Database& db, const std::vector<std::string>& keys, TimestampMs now) const;
  /// Forgets the account's failures (keys.front()) and every failure older than the window.
  Status clear(store::Txn& txn, const std::vector<std::string>& keys, TimestampMs now) const;

 private:
  int max_failures_;
  TimestampMs window_ms_;
};

}  // namespace tandem::service
