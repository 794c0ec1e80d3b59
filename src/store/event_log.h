// The append-only event log: audit history, change feed and outbox in one table. An event is appended
// inside the same write transaction as the change it records.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

struct Event {
  std::int64_t id = 0;
  TimestampMs at = 0;
  std::string actor_kind;  // "user", "system", "anonymous"
  std::int64_t actor_id = 0;
  std::string entity_type;  // "user", "api_token", ...
  std::int64_t entity_id = 0;
  std::string kind;     // "user.created", ...
  std::string payload;  // JSON object text
};

/// Appends an event in `txn` (which must be writable) and returns its id; subscribers hear of it after
/// the transaction commits. `payload` must be a JSON object's text.
Result<std::int64_t> append_event(Txn& txn, const Actor& actor, TimestampMs at, std::string_view entity_type,
                                  std::int64_t entity_id, std::string_view kind, std::string payload);

/// Events with id > after_id, oldest first, at most `limit`.
Result<std::vector<Event>> events_after(Txn& txn, std::int64_t after_id, int limit);

/// The events about one entity with id > after_id, oldest first, at most `limit`.
Result<std::vector<Event>> events_of_entity(Txn& txn, std::string_view entity_type, std::int64_t entity_id,
                                            std::int64_t after_id, int limit);

/// The events with the given ids, oldest first.
Result<std::vector<Event>> events_by_ids(Txn& txn, const std::vector<std::int64_t>& ids);

}  // namespace tandem::store
