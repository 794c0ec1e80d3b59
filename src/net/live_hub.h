// The live channel's fan-out: each WebSocket client subscribes with its Actor, and every published
// message reaches only the subscribers the caller's visibility check admits. recheck() asks again who each
// client is, so that a changed role applies and an ended session or token disconnects. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/actor.h"

namespace tandem::net {

/// A connected client; send() is thread-safe and never blocks (messages are queued).
class LiveSink {
 public:
  virtual ~LiveSink() = default;
  virtual void send(std::string text) = 0;
  /// Ends the connection; thread-safe.
  virtual void disconnect() = 0;
};

/// Who a client is now: its actor, or nullopt once its credentials no longer admit it to the live channel
/// (signed out, token revoked, user deactivated) or cannot be checked. May read and write the store; never
/// called under the hub's lock.
using LiveRecheck = std::function<std::optional<Actor>()>;

/// A client admitted to the live channel: who it is, and how to ask again.
struct LiveAdmission {
  Actor actor;
  LiveRecheck recheck;
};

class LiveHub {
 public:
  /// Adds a subscriber and returns its id. The hub holds the sink weakly; `recheck` serves recheck().
  std::uint64_t subscribe(Actor actor, LiveRecheck recheck, std::weak_ptr<LiveSink> sink);
  /// Removes a subscriber. Idempotent.
  void unsubscribe(std::uint64_t id);
  /// Sends `text` to each subscriber whose actor passes `visible_to`.
  void publish(const std::string& text, const std::function<bool(const Actor&)>& visible_to);
  /// Asks each subscriber's recheck who it is now: keeps the new actor, or disconnects and drops it.
  void recheck();
  /// Subscribers connected now.
  std::size_t size() const;

 private:
  struct Subscriber {
    Actor actor;
    LiveRecheck recheck;
    std::weak_ptr<LiveSink> sink;
  };
  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::unordered_map<std::uint64_t, Subscriber> subscribers_;
};

}  // namespace tandem::net
