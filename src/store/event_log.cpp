#include "store/event_log.h"

namespace tandem::store {

namespace {

constexpr std::string_view kColumns = "id, at, actor_kind, actor_id, entity_type, entity_id, kind, payload";

Event event_from_row(const Row& row) {
  return Event{row.int64(0), row.int64(1), row.text(2), row.int64(3),
               row.text(4),  row.int64(5), row.text(6), row.text(7)};
}

std::string_view actor_kind(const Actor& actor) {
  switch (actor.kind) {
    case Actor::Kind::user:
      return "user";
    case Actor::Kind::customer:
      return "customer";
    case Actor::Kind::system:
      return "system";
    case Actor::Kind::anonymous:
      return "anonymous";
  }
  return "anonymous";
}

}  // namespace

Result<std::int64_t> append_event(Txn& txn, const Actor& actor, TimestampMs at, std::string_view entity_type,
                                  std::int64_t entity_id, std::string_view kind, std::string payload) {
  auto id = txn.insert(
      "INSERT INTO events(at, actor_kind, actor_id, entity_type, entity_id, kind, payload) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {at, std::string(actor_kind(actor)),
       actor.is_user()       ? Value{actor.user_id}
       : actor.is_customer() ? Value{actor.customer_id}
                             : Value{nullptr},
       std::string(entity_type), entity_id, std::string(kind), std::move(payload)});
  if (id.ok()) txn.note_event(id.value());
  return id;
}

Result<std::vector<Event>> events_after(Txn& txn, std::int64_t after_id, int limit) {
  std::vector<Event> out;
  TANDEM_TRY(txn.exec("SELECT " + std::string(kColumns) + " FROM events WHERE id > ? ORDER BY id LIMIT ?",
                      {after_id, std::int64_t{limit}},
                      [&](const Row& row) { out.push_back(event_from_row(row)); }));
  return out;
}

Result<std::vector<Event>> events_of_entity(Txn& txn, std::string_view entity_type, std::int64_t entity_id,
                                            std::int64_t after_id, int limit) {
  std::vector<Event> out;
  TANDEM_TRY(
      txn.exec("SELECT " + std::string(kColumns) +
                   " FROM events WHERE entity_type = ? AND entity_id = ? AND id > ? ORDER BY id LIMIT ?",
               {std::string(entity_type), entity_id, after_id, std::int64_t{limit}},
               [&](const Row& row) { out.push_back(event_from_row(row)); }));
  return out;
}

Result<std::vector<Event>> events_by_ids(Txn& txn, const std::vector<std::int64_t>& ids) {
  std::vector<Event> out;
  out.reserve(ids.size());
  for (std::int64_t id : ids)
    TANDEM_TRY(txn.exec("SELECT " + std::string(kColumns) + " FROM events WHERE id = ?", {id},
                        [&](const Row& row) { out.push_back(event_from_row(row)); }));
  return out;
}

}  // namespace tandem::store
