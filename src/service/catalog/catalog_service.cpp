#include "service/catalog/catalog_service.h"

#include <nlohmann/json.hpp>

#include "core/policy.h"
#include "service/catalog/catalog_rules.h"
#include "store/event_log.h"

namespace tandem::service {

namespace {

constexpr std::size_t kMaxTypeKey = 32;
constexpr std::size_t kMaxStatusesPerType = 50;

Status require_admin(const Actor& actor) {
  if (!Policy::can(actor, Action::manage_catalog))
    return Error::make(ErrorCode::forbidden, "only admins change item types and statuses");
  return {};
}

Status require_viewer(const Actor& actor) {
  if (!Policy::can(actor, Action::view_work))
    return Error::make(ErrorCode::forbidden, "you may not see item types");
  return {};
}

bool is_state(std::string_view state) {
  return state == "not_started" || state == "in_progress" || state == "finished";
}

// Checks a status's name, color and state (reported under `prefix`, e.g. "" or "statuses.2.") and
// returns the color normalised to lowercase.
Result<std::string> checked_status_fields(const std::string& prefix, std::string_view name,
                                          std::string_view color, std::string_view state) {
  if (!is_valid_name(name)) return invalid_field(prefix + "name", "name must have 1 to 100 characters");
  if (!is_valid_color(color)) return invalid_field(prefix + "color", "color must look like #1a2b3c");
  if (!is_state(state))
    return invalid_field(prefix + "state", "state must be not_started, in_progress or finished");
  return lowercase(color);
}

Result<store::ItemTypeRow> existing_type(store::Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto type, store::find_item_type(txn, id));
  if (!type) return Error::make(ErrorCode::not_found, "no such item type");
  return *type;
}

Result<store::StatusRow> existing_status(store::Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto status, store::find_status(txn, id));
  if (!status) return Error::make(ErrorCode::not_found, "no such status");
  return *status;
}

Result<ItemType> type_with_statuses(store::Txn& txn, store::ItemTypeRow type) {
  TANDEM_ASSIGN(auto statuses, store::list_statuses(txn, type.id));
  return ItemType{std::move(type), std::move(statuses)};
}

// The statuses a new type starts with: the given ones, checked, or the three defaults.
Result<std::vector<NewStatus>> initial_statuses(const std::optional<std::vector<NewStatus>>& given) {
  if (!given)
    return std::vector<NewStatus>{{"To do", "#828282", "not_started", 1},
                                  {"In progress", "#f2994a", "in_progress", 2},
                                  {"Done", "#27ae60", "finished", 3}};
  if (given->empty() || given->size() > kMaxStatusesPerType)
    return invalid_field("statuses", "statuses must hold 1 to 50 statuses");
  std::vector<NewStatus> statuses;
  for (std::size_t i = 0; i < given->size(); ++i) {
    const NewStatus& status = (*given)[i];
    const std::string prefix = "statuses." + std::to_string(i) + ".";
    TANDEM_ASSIGN(auto color, checked_status_fields(prefix, status.name, status.color, status.state));
    for (const auto& earlier : statuses)
      if (earlier.name == status.name) return invalid_field(prefix + "name", "status names must be distinct");
    statuses.push_back({status.name, std::move(color), status.state, static_cast<double>(i + 1)});
  }
  return statuses;
}

// "1 item is" or "N items are".
std::string items_are(std::int64_t count) {
  return std::to_string(count) + (count == 1 ? " item is" : " items are");
}

nlohmann::json status_payload(const store::StatusRow& status) {
  return {{"type_id", status.type_id},
          {"name", status.name},
          {"color", status.color},
          {"state", status.state},
          {"position", status.position}};
}

}  // namespace

Result<std::vector<ItemType>> CatalogService::list_item_types(const Actor& actor) {
  TANDEM_TRY(require_viewer(actor));
  std::vector<ItemType> types;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(auto rows, store::list_item_types(txn));
    TANDEM_ASSIGN(auto statuses, store::list_statuses(txn, std::nullopt));
    for (auto& row : rows) {
      ItemType type{std::move(row), {}};
      for (const auto& status : statuses)
        if (status.type_id == type.type.id) type.statuses.push_back(status);
      types.push_back(std::move(type));
    }
    return {};
  }));
  return types;
}

Result<ItemType> CatalogService::get_item_type(const Actor& actor, std::int64_t id) {
  TANDEM_TRY(require_viewer(actor));
  std::optional<ItemType> type;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(auto row, existing_type(txn, id));
    TANDEM_ASSIGN(type, type_with_statuses(txn, std::move(row)));
    return {};
  }));
  return std::move(*type);
}

Result<ItemType> CatalogService::create_item_type(const Actor& actor, const NewItemType& input) {
  TANDEM_TRY(require_admin(actor));
  if (!is_valid_key(input.key, kMaxTypeKey))
    return invalid_field("key",
                         "key must be a lowercase letter, then up to 31 lowercase letters, digits or _");
  if (!is_valid_name(input.name)) return invalid_field("name", "name must have 1 to 100 characters");
  TANDEM_ASSIGN(const auto statuses, initial_statuses(input.statuses));

  std::optional<ItemType> created;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    store::ItemTypeRow type{0, input.key, input.name, false, 0, clock_.now_ms(), clock_.now_ms()};
    TANDEM_ASSIGN(type.position, store::next_item_type_position(txn));
    TANDEM_ASSIGN(type.id, store::insert_item_type(txn, type));
    nlohmann::json names = nlohmann::json::array();
    for (const auto& status : statuses) {
      TANDEM_TRY(
          store::insert_status(txn, {0, type.id, status.name, status.color, *status.position, status.state}));
      names.push_back(status.name);
    }
    const nlohmann::json payload = {{"key", type.key}, {"name", type.name}, {"statuses", names}};
    TANDEM_TRY(store::append_event(txn, actor, type.created_at, "item_type", type.id, "item_type.created",
                                   payload.dump()));
    TANDEM_ASSIGN(created, type_with_statuses(txn, std::move(type)));
    return {};
  }));
  return std::move(*created);
}

Result<ItemType> CatalogService::update_item_type(const Actor& actor, std::int64_t id,
                                                  const ItemTypeChanges& changes) {
  TANDEM_TRY(require_admin(actor));
  if (changes.name && !is_valid_name(*changes.name))
    return invalid_field("name", "name must have 1 to 100 characters");
  std::optional<ItemType> updated;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(auto type, existing_type(txn, id));
    nlohmann::json changed = nlohmann::json::object();
    note_change(changed, "name", type.name, changes.name.value_or(type.name));
    note_change(changed, "position", type.position, changes.position.value_or(type.position));
    if (!changed.empty()) {
      type.name = changes.name.value_or(type.name);
      type.position = changes.position.value_or(type.position);
      type.updated_at = clock_.now_ms();
      TANDEM_TRY(store::update_item_type(txn, type));
      const nlohmann::json payload = {{"changes", changed}, {"key", type.key}};
      TANDEM_TRY(store::append_event(txn, actor, type.updated_at, "item_type", type.id, "item_type.updated",
                                     payload.dump()));
    }
    TANDEM_ASSIGN(updated, type_with_statuses(txn, std::move(type)));
    return {};
  }));
  return std::move(*updated);
}

Status CatalogService::delete_item_type(const Actor& actor, std::int64_t id) {
  TANDEM_TRY(require_admin(actor));
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto type, existing_type(txn, id));
    if (type.builtin) return Error::make(ErrorCode::conflict, "built-in types cannot be deleted");
    TANDEM_ASSIGN(const auto items, store::count_items_of_type(txn, id));
    if (items > 0)
      return Error::make(ErrorCode::conflict, items_are(items) + " of this type; change their type first");
    TANDEM_TRY(store::delete_item_type(txn, id));
    const nlohmann::json payload = {{"key", type.key}, {"name", type.name}};
    return status_of(store::append_event(txn, actor, clock_.now_ms(), "item_type", id, "item_type.deleted",
                                         payload.dump()));
  });
}

Result<std::vector<store::StatusRow>> CatalogService::list_statuses(const Actor& actor,
                                                                    std::optional<std::int64_t> type_id) {
  TANDEM_TRY(require_viewer(actor));
  std::vector<store::StatusRow> statuses;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(statuses, store::list_statuses(txn, type_id));
    return {};
  }));
  return statuses;
}

Result<store::StatusRow> CatalogService::create_status(const Actor& actor, std::int64_t type_id,
                                                       const NewStatus& input) {
  TANDEM_TRY(require_admin(actor));
  TANDEM_ASSIGN(const auto color, checked_status_fields("", input.name, input.color, input.state));
  store::StatusRow status{0, type_id, input.name, color, 0, input.state};
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto type, store::find_item_type(txn, type_id));
    if (!type) return invalid_field("type_id", "type_id must be the id of an item type");
    TANDEM_ASSIGN(const auto count, store::count_statuses_of_type(txn, type_id));
    if (count >= static_cast<std::int64_t>(kMaxStatusesPerType))
      return Error::make(ErrorCode::conflict, "an item type has at most 50 statuses");
    if (input.position) {
      status.position = *input.position;
    } else {
      TANDEM_ASSIGN(status.position, store::next_status_position(txn, type_id));
    }
    TANDEM_ASSIGN(status.id, store::insert_status(txn, status));
    return status_of(store::append_event(txn, actor, clock_.now_ms(), "status", status.id, "status.created",
                                         status_payload(status).dump()));
  }));
  return status;
}

Result<store::StatusRow> CatalogService::update_status(const Actor& actor, std::int64_t id,
                                                       const StatusChanges& changes) {
  TANDEM_TRY(require_admin(actor));
  std::optional<store::StatusRow> updated;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(auto status, existing_status(txn, id));
    store::StatusRow next = status;
    next.name = changes.name.value_or(status.name);
    next.state = changes.state.value_or(status.state);
    next.position = changes.position.value_or(status.position);
    TANDEM_ASSIGN(next.color,
                  checked_status_fields("", next.name, changes.color.value_or(status.color), next.state));
    nlohmann::json changed = nlohmann::json::object();
    note_change(changed, "name", status.name, next.name);
    note_change(changed, "color", status.color, next.color);
    note_change(changed, "state", status.state, next.state);
    note_change(changed, "position", status.position, next.position);
    if (!changed.empty()) {
      nlohmann::json payload = {{"changes", changed}, {"type_id", status.type_id}};
      TANDEM_TRY(store::update_status(txn, next));
      if (next.state != status.state) {
        TANDEM_ASSIGN(const auto moved, store::set_state_of_items_in_status(txn, id, next.state));
        payload["items_updated"] = moved;
      }
      TANDEM_TRY(
          store::append_event(txn, actor, clock_.now_ms(), "status", id, "status.updated", payload.dump()));
    }
    updated = std::move(next);
    return {};
  }));
  return std::move(*updated);
}

Status CatalogService::delete_status(const Actor& actor, std::int64_t id) {
  TANDEM_TRY(require_admin(actor));
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto status, existing_status(txn, id));
    TANDEM_ASSIGN(const auto items, store::count_items_in_status(txn, id));
    if (items > 0)
      return Error::make(ErrorCode::conflict,
                         items_are(items) + " in this status; move them to another status first");
    TANDEM_ASSIGN(const auto siblings, store::count_statuses_of_type(txn, status.type_id));
    if (siblings <= 1) return Error::make(ErrorCode::conflict, "an item type keeps at least one status");
    TANDEM_TRY(store::delete_status(txn, id));
    return status_of(store::append_event(txn, actor, clock_.now_ms(), "status", id, "status.deleted",
                                         status_payload(status).dump()));
  });
}

}  // namespace tandem::service
