// Request metrics in Prometheus text format: requests by route and status, a latency histogram,
// open connections. Thread-safe; cheap enough for every request.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace tandem::net {

class Metrics {
 public:
  /// Records one answered request. `route` is the matched pattern ("unmatched" when none).
  void observe_request(std::string_view method, std::string_view route, int status, double seconds);
  void connection_opened() { ++open_connections_; }
  void connection_closed() { --open_connections_; }
  std::int64_t open_connections() const { return open_connections_.load(); }
  /// The Prometheus exposition text, with `write_queue_depth` as the store's queue gauge.
  std::string render(std::size_t write_queue_depth, std::size_t live_subscribers) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t, std::less<>> requests_;
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> bucket_counts_{};
  std::atomic<std::uint64_t> latency_count_{0};
  std::atomic<std::uint64_t> latency_sum_us_{0};
  std::atomic<std::int64_t> open_connections_{0};
};

}  // namespace tandem::net
