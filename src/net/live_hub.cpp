#include "net/live_hub.h"

#include <vector>

namespace tandem::net {

std::uint64_t LiveHub::subscribe(Actor actor, std::weak_ptr<LiveSink> sink) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  subscribers_.emplace(id, Subscriber{std::move(actor), std::move(sink)});
  return id;
}

void LiveHub::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  subscribers_.erase(id);
}

void LiveHub::publish(const std::string& text, const std::function<bool(const Actor&)>& visible_to) {
  std::vector<std::shared_ptr<LiveSink>> recipients;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, subscriber] : subscribers_)
      if (visible_to(subscriber.actor))
        if (auto sink = subscriber.sink.lock()) recipients.push_back(std::move(sink));
  }
  for (auto& sink : recipients) sink->send(text);
}

std::size_t LiveHub::size() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

}  // namespace tandem::net
