// The global changes feed and the filter that decides which events an actor may hear of, for the feed
// and for live clients alike.
#pragma once

#include <cstdint>
#include <vector>

#include "core/actor.h"
#include "core/result.h"
#include "store/database.h"
#include "store/event_log.h"

namespace tandem::service {

/// One page of the feed: the visible events and the id to continue after.
struct EventPage {
  std::vector<store::Event> events;
  std::int64_t last_scanned_id = 0;  // continue with after = this; equals `after` when nothing was new
  bool more = false;                 // true when more events were waiting beyond this page
};

class EventFeed {
 public:
  explicit EventFeed(store::Database& db) : db_(db) {}

  /// Events with id > after_id that the actor may see, oldest first; scans at most `limit` (1..1000)
  /// events. Errors: forbidden.
  Result<EventPage> page(const Actor& actor, std::int64_t after_id, int limit);
  /// Of `events`, those the actor may see: events about items, projects, folders and join requests when
  /// the Policy's SQL filters let it see the entity (an entity since deleted: admins only), others as
  /// `Policy::can_see_event` says.
  Result<std::vector<store::Event>> visible(const Actor& actor, std::vector<store::Event> events);

 private:
  store::Database& db_;
};

}  // namespace tandem::service
