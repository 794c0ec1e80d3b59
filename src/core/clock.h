// Time as a seam: services read "now" from a Clock so tests can move time by hand.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tandem {

/// Milliseconds since the Unix epoch, UTC: how Tandem stores every instant.
using TimestampMs = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  /// The current instant in UTC milliseconds. Thread-safe.
  virtual TimestampMs now_ms() const = 0;
};

/// The real wall clock.
class SystemClock final : public Clock {
 public:
  TimestampMs now_ms() const override;
};

/// A clock that only moves when told to; for tests. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimestampMs start) : now_(start) {}
  TimestampMs now_ms() const override { return now_.load(); }
  void advance_ms(TimestampMs delta) { now_ += delta; }
  void set_ms(TimestampMs value) { now_ = value; }

 private:
  std::atomic<TimestampMs> now_;
};

/// Formats an instant as ISO-8601 UTC with milliseconds: "2026-11-23T09:30:00.123Z".
std::string format_iso8601(TimestampMs ms);
/// Parses "YYYY-MM-DDTHH:MM:SS[.fff]Z" (also "+00:00"); nullopt when malformed.
std::optional<TimestampMs> parse_iso8601(std::string_view text);

}  // namespace tandem
