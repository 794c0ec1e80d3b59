// The live channel's fan-out: each WebSocket client subscribes with its Actor, and every published
// message reaches only the subscribers the caller's visibility check admits. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/actor.h"

namespace tandem::net {

/// A connected client; send() is thread-safe and never blocks (messages are queued).
class LiveSink {
 public:
  virtual ~LiveSink() = default;
  virtual void send(std::string text) = 0;
};

class LiveHub {
 public:
  /// Adds a subscriber and returns its id. The hub holds the sink weakly.
  std::uint64_t subscribe(Actor actor, std::weak_ptr<LiveSink> sink);
  /// Removes a subscriber. Idempotent.
  void unsubscribe(std::uint64_t id);
  /// Sends `text` to each subscriber whose actor passes `visible_to`.
  void publish(const std::string& text, const std::function<bool(const Actor&)>& visible_to);
  /// Subscribers connected now.
  std::size_t size() const;

 private:
  struct Subscriber {
    Actor actor;
    std::weak_ptr<LiveSink> sink;
  };
  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::unordered_map<std::uint64_t, Subscriber> subscribers_;
};

}  // namespace tandem::net
