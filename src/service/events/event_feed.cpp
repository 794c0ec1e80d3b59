#include "service/events/event_feed.h"

#include <algorithm>
#include <array>
#include <map>
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

namespace {

// How to tell whether the actor sees an entity of one type: a query for its id under a Policy filter.
struct EntityCheck {
  std::string_view entity_type;
  std::string_view from;  // FROM clause naming the table the filter expects; `?` is the entity id
  SqlFilter (*filter)(const Actor&);
};

constexpr std::array<EntityCheck, 4> kEntityChecks = {{
    {"item", "items WHERE items.id = ?", &Policy::visible_items},
    {"project", "projects WHERE projects.id = ?", &Policy::visible_projects},
    {"folder", "folders JOIN projects ON projects.id = folders.project_id WHERE folders.id = ?",
     &Policy::visible_projects},
    {"join_request", "project_join_requests WHERE project_join_requests.id = ?",
     &Policy::visible_join_requests},
}};

}  // namespace

Result<std::vector<store::Event>> EventFeed::visible(const Actor& actor, std::vector<store::Event> events) {
  std::map<std::string_view, std::set<std::int64_t>> seen;  // entity type -> visible ids
  for (const EntityCheck& check : kEntityChecks) {
    const SqlFilter filter = check.filter(actor);
    std::set<std::int64_t> ids;
    for (const auto& event : events)
      if (event.entity_type == check.entity_type) ids.insert(event.entity_id);
    std::set<std::int64_t>& visible = seen[check.entity_type];
    if (filter.sql == "1") {
      visible = ids;
    } else if (filter.sql != "0" && !ids.empty()) {
      TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
        for (const std::int64_t id : ids) {
          std::vector<store::Value> params{id};
          for (const std::int64_t p : filter.params) params.emplace_back(p);
          TANDEM_ASSIGN(auto row,
                        txn.one("SELECT 1 FROM " + std::string(check.from) + " AND " + filter.sql, params));
          if (row) visible.insert(id);
        }
        return {};
      }));
    }
  }
  std::erase_if(events, [&](const store::Event& event) {
    if (const auto it = seen.find(event.entity_type); it != seen.end())
      return !it->second.contains(event.entity_id);
    return !Policy::can_see_event(actor, event.entity_type, event.entity_id, event.actor_id);
  });
  return events;
}

}  // namespace tandem::service
