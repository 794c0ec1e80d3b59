#include "service/events/event_feed.h"

#include <algorithm>
#include <set>

#include "core/policy.h"

namespace tandem::service {

Result<EventPage> EventFeed::page(const Actor& actor, std::int64_t after_id, int limit) {
  if (!Policy::can(actor, Action::read_event_feed))
    return Error::make(ErrorCode::forbidden, "you may not read the changes feed");
  limit = std::clamp(limit, 1, 1000);
  EventPage page;
  page.last_scanned_id = after_id;
  std::vector<store::Event> scanned;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(scanned, store::events_after(txn, after_id, limit + 1));
    return {};
  }));
  page.more = static_cast<int>(scanned.size()) > limit;
  if (page.more) scanned.pop_back();
  if (!scanned.empty()) page.last_scanned_id = scanned.back().id;
  TANDEM_ASSIGN(page.events, visible(actor, std::move(scanned)));
  return page;
}

Result<std::vector<store::Event>> EventFeed::visible(const Actor& actor, std::vector<store::Event> events) {
  const SqlFilter items = Policy::visible_items(actor);
  std::set<std::int64_t> item_ids;
  for (const auto& event : events)
    if (event.entity_type == "item") item_ids.insert(event.entity_id);
  std::set<std::int64_t> visible_items;
  if (items.sql == "1") {
    visible_items = item_ids;
  } else if (items.sql != "0" && !item_ids.empty()) {
    TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
      for (const std::int64_t id : item_ids) {
        std::vector<store::Value> params{id};
        for (const std::int64_t p : items.params) params.emplace_back(p);
        TANDEM_ASSIGN(auto row, txn.one("SELECT 1 FROM items WHERE items.id = ? AND " + items.sql, params));
        if (row) visible_items.insert(id);
      }
      return {};
    }));
  }
  std::erase_if(events, [&](const store::Event& event) {
    if (event.entity_type == "item") return !visible_items.contains(event.entity_id);
    return !Policy::can_see_event(actor, event.entity_type, event.entity_id, event.actor_id);
  });
  return events;
}

}  // namespace tandem::service
