#include "net/live_hub.h"

#include <utility>
#include <vector>

namespace tandem::net {

std::uint64_t LiveHub::subscribe(Actor actor, LiveRecheck recheck, std::weak_ptr<LiveSink> sink) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  subscribers_.emplace(id, Subscriber{std::move(actor), std::move(recheck), std::move(sink)});
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

void LiveHub::recheck() {
  std::vector<std::pair<std::uint64_t, LiveRecheck>> checks;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, subscriber] : subscribers_) checks.emplace_back(id, subscriber.recheck);
  }
  std::vector<std::pair<std::uint64_t, std::optional<Actor>>> answers;
  for (const auto& [id, check] : checks) answers.emplace_back(id, check());
  std::vector<std::shared_ptr<LiveSink>> ended;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, actor] : answers) {
      const auto it = subscribers_.find(id);
      if (it == subscribers_.end()) continue;  // it left meanwhile
      if (actor) {
        it->second.actor = std::move(*actor);
        continue;
      }
      if (auto sink = it->second.sink.lock()) ended.push_back(std::move(sink));
      subscribers_.erase(it);
    }
  }
  for (auto& sink : ended) sink->disconnect();
}

std::size_t LiveHub::size() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

}  // namespace tandem::net
