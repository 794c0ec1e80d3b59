// Work items: tickets, tasks and custom types in one model. Creation, reading, changes with history,
// conversion between types, links, finding (filters, sort, groups, cursor pages) — all through the
// Policy: an actor reads and changes only the items `Policy::visible_items` lets through.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/policy.h"
#include "core/result.h"
#include "service/settings/module_service.h"
#include "store/database.h"
#include "store/event_log.h"
#include "store/items/item_repository.h"

namespace tandem::service {

/// One page of items. `groups` is set when the query asked for group counts.
struct ItemPage {
  std::vector<store::ItemJson> items;
  std::string next_cursor;  // empty on the last page
  std::optional<nlohmann::json> groups;
};

/// Query parameters of a list, as name/value pairs (a name may repeat).
using QueryParams = std::vector<std::pair<std::string, std::string>>;

class ItemService {
 public:
  /// `modules` says whether tickets and tasks are switched on: items of a type switched off are out of
  /// every list, and reaching one answers module_disabled.
  ItemService(store::Database& db, const Clock& clock, ModuleService& modules)
      : db_(db), clock_(clock), modules_(modules) {}

  /// Creates an item from API fields (`type` key, `title` required; see docs/openapi.yaml) and records
  /// `item.created`. `default_source` applies when the body has no `source`. Errors: forbidden (also at
  /// the limited level of the type's app), module_disabled, validation_failed (details.field names the
  /// field).
  Result<store::ItemJson> create_item(const Actor& actor, const nlohmann::json& fields,
                                      std::string_view default_source);
  /// create_item inside the caller's write transaction `txn`, at instant `now` (channels that create an
  /// item together with other rows, e.g. inbound mail). Errors as create_item.
  Result<store::ItemJson> create_item(store::Txn& txn, const Actor& actor, const nlohmann::json& fields,
                                      std::string_view default_source, TimestampMs now);
  /// The item when the actor may see it. Errors: not_found, module_disabled.
  Result<store::ItemJson> get_item(const Actor& actor, std::int64_t id);
  /// Applies the fields in `changes`, records `item.updated` with old → new values, bumps the version
  /// when something changed and enqueues the status_changed mail when the status did. With
  /// `expected_versions` (from If-Match), a current version not among them fails with precondition_failed.
  /// Errors: not_found, forbidden (Policy::can_change_item), validation_failed, precondition_failed.
  Result<store::ItemJson> update_item(const Actor& actor, std::int64_t id, const nlohmann::json& changes,
                                      const std::optional<std::vector<std::int64_t>>& expected_versions);
  /// update_item inside the caller's write transaction `txn`, at instant `now` (changes that must be stored
  /// together with other rows, e.g. a timesheet's). Errors as update_item.
  Result<store::ItemJson> update_item(store::Txn& txn, const Actor& actor, std::int64_t id,
                                      const nlohmann::json& changes,
                                      const std::optional<std::vector<std::int64_t>>& expected_versions,
                                      TimestampMs now);
  /// Gives the item another type (same id, number, conversation, files, parties and history); its status
  /// becomes the first of the new type in the same state. Records `item.converted`.
  /// Errors: not_found, forbidden, module_disabled (the new type's), validation_failed (unknown type, or
  /// the type it already has).
  Result<store::ItemJson> convert_item(const Actor& actor, std::int64_t id, std::string_view type_key);
  /// Deletes the item (Policy::can_delete_item) and records `item.deleted` with its number, type, title and
  /// project: its children move up to its parent; links, parties, tags, messages, attachments and its draft,
  /// submitted or rejected timesheets go with it; uploaded files and the item's history stay. Errors:
  /// not_found, forbidden, conflict (it has approved or invoiced timesheets, which must stay).
  Status delete_item(const Actor& actor, std::int64_t id);
  /// The current web address ("/tasks/1042") of the item with this number. Errors: not_found,
  /// module_disabled.
  Result<std::string> item_url(const Actor& actor, std::int64_t number);
  /// A page of visible items matching `params` (filters, sort, group_by, limit, cursor; see
  /// docs/openapi.yaml). Errors: validation_failed for an unknown or malformed parameter.
  Result<ItemPage> list_items(const Actor& actor, const QueryParams& params);
  /// The item's history, oldest first, after event `after_id`, at most `limit`. Errors: not_found.
  Result<std::vector<store::Event>> item_history(const Actor& actor, std::int64_t id, std::int64_t after_id,
                                                 int limit);
  /// Links the item to another: `{"item_id", "kind": FS|SS|FF|SF|relates, "lag_minutes", "direction":
  /// "successor"|"predecessor"}` (default: the other item is a successor). Dependency cycles are refused.
  /// Errors: not_found, validation_failed (cycle, self link, bad kind), conflict (already linked).
  Result<store::LinkRow> add_link(const Actor& actor, std::int64_t id, const nlohmann::json& fields);
  /// The links touching the item whose other end the actor may also see. Errors: not_found.
  Result<std::vector<store::LinkRow>> list_links(const Actor& actor, std::int64_t id);
  /// Removes one of the item's links. Errors: not_found.
  Status remove_link(const Actor& actor, std::int64_t id, std::int64_t link_id);

 private:
  // Policy::visible_items narrowed to the item types whose module is on.
  Result<SqlFilter> visible_filter(const Actor& actor);
  // The item as JSON when the actor may see it and its type's module is on. Errors: not_found,
  // module_disabled.
  Result<nlohmann::json> reachable_item(store::Txn& txn, const Actor& actor, std::int64_t id);

  store::Database& db_;
  const Clock& clock_;
  ModuleService& modules_;
};

}  // namespace tandem::service
