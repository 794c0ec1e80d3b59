// Recently authenticated credentials, so most requests skip the store for "who is this?".
// Entries live a few seconds (and never past a session's expiry); sign-outs and revocations in this
// process clear the cache at once, other processes' changes show within the time to live. Thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace tandem::service {

template <typename Value>
class IdentityCache {
 public:
  IdentityCache(TimestampMs ttl_ms, std::size_t max_entries) : ttl_ms_(ttl_ms), max_entries_(max_entries) {}

  /// The value cached under `key`, unless it has expired at `now`.
  std::optional<Value> find(const std::string& key, TimestampMs now) const {
    std::shared_lock lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end() || it->second.expires_at <= now) return std::nullopt;
    return it->second.value;
  }

  /// Caches `value` under `key` until now + ttl, or `not_after` when that is sooner.
  void insert(const std::string& key, Value value, TimestampMs now, TimestampMs not_after) {
    std::unique_lock lock(mutex_);
    if (entries_.size() >= max_entries_)
      std::erase_if(entries_, [&](const auto& e) { return e.second.expires_at <= now; });
    if (entries_.size() >= max_entries_) entries_.clear();
    entries_.insert_or_assign(key, Entry{std::move(value), std::min(now + ttl_ms_, not_after)});
  }

  /// Forgets everything (after a sign-out, a revocation, a change of a user).
  void clear() {
    std::unique_lock lock(mutex_);
    entries_.clear();
  }

 private:
  struct Entry {
    Value value;
    TimestampMs expires_at;
  };
  const TimestampMs ttl_ms_;
  const std::size_t max_entries_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace tandem::service
