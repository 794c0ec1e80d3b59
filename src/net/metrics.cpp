#include "net/metrics.h"

#include <fmt/format.h>

namespace tandem::net {

void Metrics::observe_request(std::string_view method, std::string_view route, int status, double seconds) {
  {
    std::lock_guard lock(mutex_);
    const auto found = requests_.find(std::make_tuple(method, route, status));  // no allocation when known
    if (found != requests_.end())
      ++found->second;
    else
      requests_.emplace(std::make_tuple(std::string(method), std::string(route), status), 1);
  }
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  ++bucket_counts_[bucket];
  ++latency_count_;
  latency_sum_us_ += static_cast<std::uint64_t>(seconds * 1e6);
}

std::string Metrics::render(std::size_t write_queue_depth, std::size_t live_subscribers) const {
  std::string out;
  out += "# HELP tandem_http_requests_total HTTP requests answered, by method, route and status.\n";
  out += "# TYPE tandem_http_requests_total counter\n";
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : requests_)
      out += fmt::format("tandem_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                         std::get<0>(key), std::get<1>(key), std::get<2>(key), count);
  }
  out += "# HELP tandem_http_request_duration_seconds Time from request read to response written.\n";
  out += "# TYPE tandem_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += bucket_counts_[i].load();
    out +=
        fmt::format("tandem_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[i], cumulative);
  }
  cumulative += bucket_counts_[kBuckets.size()].load();
  out += fmt::format("tandem_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  out += fmt::format("tandem_http_request_duration_seconds_sum {:.6f}\n", latency_sum_us_.load() / 1e6);
  out += fmt::format("tandem_http_request_duration_seconds_count {}\n", latency_count_.load());
  out += "# HELP tandem_http_open_connections HTTP and WebSocket connections open now.\n";
  out += "# TYPE tandem_http_open_connections gauge\n";
  out += fmt::format("tandem_http_open_connections {}\n", open_connections_.load());
  out += "# HELP tandem_db_write_queue_depth Write transactions waiting for the store's writer.\n";
  out += "# TYPE tandem_db_write_queue_depth gauge\n";
  out += fmt::format("tandem_db_write_queue_depth {}\n", write_queue_depth);
  out += "# HELP tandem_live_subscribers Clients connected to the live event channel.\n";
  out += "# TYPE tandem_live_subscribers gauge\n";
  out += fmt::format("tandem_live_subscribers {}\n", live_subscribers);
  return out;
}

}  // namespace tandem::net
