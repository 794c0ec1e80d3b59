#include "service/auth/login_limits.h"

#include <algorithm>

#include "store/identity/identity_repository.h"

namespace tandem::service {

std::vector<std::string> LoginLimits::keys(std::string_view account_kind, std::string_view email,
                                           std::string_view remote_address) {
  return {std::string(account_kind) + ":" + std::string(email), "address:" + std::string(remote_address)};
}

Status LoginLimits::check(store::Txn& txn, const std::vector<std::string>& keys, TimestampMs now) const {
  const TimestampMs since = now - window_ms_;
  for (const auto& key : keys) {
    TANDEM_ASSIGN(const auto counted, store::count_login_failures(txn, key, since));
    const auto [failures, oldest] = counted;
    if (failures < max_failures_) continue;
    const TimestampMs wait_ms = std::max<TimestampMs>(oldest + window_ms_ - now, 1000);
    return Error::make(ErrorCode::rate_limited, "too many failed sign-in attempts; try again later")
        .with("retry_after", std::to_string((wait_ms + 999) / 1000));
  }
  return {};
}

Status LoginLimits::record_failure(store::Database& db, const std::vector<std::string>& keys,
                                   TimestampMs now) const {
  return db.write([&](store::Txn& txn) -> Status {
    for (const auto& key : keys) TANDEM_TRY(store::insert_login_failure(txn, key, now));
    return {};
  });
}

Status LoginLimits::clear(store::Txn& txn, const std::vector<std::string>& keys, TimestampMs now) const {
  return store::clear_login_failures(txn, keys.front(), now - window_ms_);
}

}  // namespace tandem::service
