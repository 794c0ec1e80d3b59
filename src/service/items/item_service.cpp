#include "service/items/item_service.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "core/policy.h"
#include "service/catalog/custom_field_values.h"
#include "service/email_out/mail_outbox.h"
#include "service/items/item_change_right.h"
#include "service/items/item_fields.h"
#include "store/hierarchy/project_repository.h"
#include "store/time/timesheet_repository.h"

namespace tandem::service {

namespace {

using store::ColumnValue;
using store::Party;
using store::Txn;
using store::Value;

constexpr std::array<std::string_view, 3> kPartyRoles = {"requester", "follower", "assignee"};

Error invalid(std::string field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::move(field));
}

Error no_such_item() {
  return Error::make(ErrorCode::not_found, "no such item");
}

nlohmann::json json_of(const Value& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
  if (const auto* d = std::get_if<double>(&value)) return *d;
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  return nullptr;
}

Value value_of_id(const nlohmann::json& id) {
  return id.is_null() ? Value{nullptr} : Value{id.get<std::int64_t>()};
}

bool is_id_or_null(const nlohmann::json& value) {
  return value.is_null() ||
         ((value.is_number_integer() || value.is_number_unsigned()) && value.get<std::int64_t>() > 0);
}

// What a body asks to change, checked against the store; applied by `save`.
struct Draft {
  std::vector<ColumnValue> columns;
  nlohmann::json changes = nlohmann::json::object();  // field -> {"from", "to"}
  std::map<std::string, std::vector<Party>> parties;  // role -> new parties
  std::optional<std::vector<std::string>> tags;

  void set(const std::string& field, Value value, const nlohmann::json& before) {
    const nlohmann::json after = json_of(value);
    if (after == before) return;
    changes[field] = {{"from", before}, {"to", after}};
    columns.emplace_back(field, std::move(value));
  }
};

// The parties listed under `field` ("requesters", …), ordered as they are stored: users; for assignees also
// teams, for requesters and followers also customers.
Result<std::vector<Party>> checked_parties(Txn& txn, const std::string& field, const nlohmann::json& value) {
  if (!value.is_array() || value.size() > 100)
    return invalid(field, field + " must be an array of at most 100 {\"kind\",\"id\"} objects");
  std::vector<Party> parties;
  for (const auto& entry : value) {
    if (!entry.is_object() || !entry.contains("kind") || !entry["kind"].is_string() ||
        !entry.contains("id") || !is_id_or_null(entry["id"]) || entry["id"].is_null())
      return invalid(field, field + " entries must look like {\"kind\":\"user\",\"id\":3}");
    Party party{entry["kind"].get<std::string>(), entry["id"].get<std::int64_t>()};
    const bool team_allowed = field == "assignees";
    if (party.kind != "user" && !(team_allowed && party.kind == "team") &&
        !(!team_allowed && party.kind == "customer"))
      return invalid(field, field + (team_allowed ? " are users or teams" : " are users or customers"));
    const std::string_view table = party.kind == "user"   ? "users"
                                   : party.kind == "team" ? "teams"
                                                          : "customers";
    TANDEM_ASSIGN(const bool exists, store::row_exists(txn, table, party.id));
    if (!exists) return invalid(field, "there is no " + party.kind + " " + std::to_string(party.id));
    parties.push_back(std::move(party));
  }
  return store::ordered_parties(std::move(parties));
}

Result<std::vector<std::string>> checked_tags(const nlohmann::json& value) {
  if (!value.is_array() || value.size() > 50)
    return invalid("tags", "tags must be an array of at most 50 strings");
  std::vector<std::string> tags;
  for (const auto& entry : value) {
    if (!entry.is_string()) return invalid("tags", "tags must be strings");
    std::string tag = entry.get<std::string>();
    const auto first = tag.find_first_not_of(' ');
    if (first == std::string::npos || tag.size() > 50) return invalid("tags", "a tag has 1 to 50 characters");
    tag = tag.substr(first, tag.find_last_not_of(' ') - first + 1);
    const auto same = [&](const std::string& t) {
      return std::equal(t.begin(), t.end(), tag.begin(), tag.end(),
                        [](char a, char b) { return std::tolower(a) == std::tolower(b); });
    };
    if (std::none_of(tags.begin(), tags.end(), same)) tags.push_back(std::move(tag));
  }
  return tags;
}

// The status of `type_id` with this id, as (id, state); nullopt when it belongs to another type.
Result<std::optional<std::pair<std::int64_t, std::string>>> status_of_type(Txn& txn, std::int64_t status_id,
                                                                           std::int64_t type_id) {
  TANDEM_ASSIGN(auto row,
                txn.one("SELECT id, state FROM statuses WHERE id = ? AND type_id = ?", {status_id, type_id}));
  if (!row) return std::optional<std::pair<std::int64_t, std::string>>();
  return std::optional<std::pair<std::int64_t, std::string>>(std::pair{row->int64(0), row->text(1)});
}

// An item type with the status an item of it starts in: the first (by position, then id) in the wanted state,
// or its first status when none is in that state.
struct TypeStart {
  std::int64_t type_id = 0;
  std::optional<std::pair<std::int64_t, std::string>> status;  // id and state; none when the type has none
};

// The type whose key is `type_key` and its starting status for `state`; nullopt when there is no such type.
// (One statement for both. The status is chosen here rather than by ORDER BY: a type has a handful of
// statuses, and SQLite's sorter costs more than reading them all.)
Result<std::optional<TypeStart>> find_type_start(Txn& txn, std::string_view type_key,
                                                 std::string_view state) {
  std::optional<TypeStart> type;
  std::optional<std::tuple<bool, double, std::int64_t, std::string>> first;  // not in `state`, position, id
  TANDEM_TRY(
      txn.exec("SELECT t.id, s.id, s.state, s.position FROM item_types t "
               "LEFT JOIN statuses s ON s.type_id = t.id WHERE t.key = ?",
               {std::string(type_key)}, [&](const store::Row& row) {
                 type = TypeStart{row.int64(0), std::nullopt};
                 if (row.is_null(1)) return;
                 std::tuple status{row.text(2) != state, row.real(3), row.int64(1), row.text(2)};
                 if (!first || status < *first) first = std::move(status);
               }));
  if (type && first) type->status = std::pair{std::get<2>(*first), std::get<3>(*first)};
  return type;
}

// Checks every field of `body` against `current` (the item as JSON, or defaults when creating).
Status draft_changes(Txn& txn, const Actor& actor, std::int64_t item_id, const nlohmann::json& current,
                     const nlohmann::json& body, bool creating, Draft& draft) {
  // The stored value of a field (null when `current` lacks it, as the defaults of a new item may).
  const auto before = [&current](const std::string& field) { return current.value(field, nlohmann::json()); };
  nlohmann::json project_id = before("project_id"), folder_id = before("folder_id");
  bool folder_given = false;
  for (const auto& [key, value] : body.items()) {
    if (key == "type") {
      if (!creating && value != before("type"))
        return invalid("type", "change an item's type with POST /api/v1/items/{id}/convert");
    } else if (is_read_only_item_field(key)) {
      continue;
    } else if (is_plain_item_field(key)) {
      TANDEM_ASSIGN(Value stored, plain_item_value(key, value));
      draft.set(key, std::move(stored), before(key));
    } else if (key == "status_id") {
      if (!is_id_or_null(value) || value.is_null()) return invalid(key, "status_id must be a status id");
      TANDEM_ASSIGN(auto status,
                    status_of_type(txn, value.get<std::int64_t>(), before("type_id").get<std::int64_t>()));
      if (!status) return invalid(key, "status_id must be a status of the item's type");
      draft.set("status_id", status->first, before("status_id"));
      draft.set("state", status->second, before("state"));
    } else if (key == "project_id") {
      if (!is_id_or_null(value)) return invalid(key, "project_id must be a project id or null");
      project_id = value;
    } else if (key == "folder_id") {
      if (!is_id_or_null(value)) return invalid(key, "folder_id must be a folder id or null");
      folder_id = value;
      folder_given = true;
    } else if (key == "parent_id") {
      if (!is_id_or_null(value)) return invalid(key, "parent_id must be an item id or null");
      if (!value.is_null()) {
        const std::int64_t parent = value.get<std::int64_t>();
        TANDEM_ASSIGN(auto found, store::find_item(txn, parent, Policy::visible_items(actor)));
        if (!found) return invalid(key, "there is no item " + std::to_string(parent) + " you may see");
        if (!creating) {
          TANDEM_ASSIGN(const bool cycle, store::is_ancestor_or_self(txn, item_id, parent));
          if (cycle) return invalid(key, "an item cannot be the parent of itself or of its ancestors");
        }
      }
      draft.set("parent_id", value_of_id(value), before("parent_id"));
    } else if (key == "requesters" || key == "followers" || key == "assignees") {
      TANDEM_ASSIGN(auto parties, checked_parties(txn, key, value));
      const nlohmann::json after = store::parties_json(parties);
      if (after != before(key)) draft.changes[key] = {{"from", before(key)}, {"to", after}};
      draft.parties[key.substr(0, key.size() - 1)] = std::move(parties);
    } else if (key == "published") {
      if (!value.is_boolean()) return invalid(key, "published must be true or false");
      if (value != before(key)) {
        draft.changes[key] = {{"from", before(key)}, {"to", value}};
        draft.columns.emplace_back(key, Value{std::int64_t{value.get<bool>() ? 1 : 0}});
      }
    } else if (key == "tags") {
      TANDEM_ASSIGN(auto tags, checked_tags(value));
      if (nlohmann::json(tags) != before("tags"))
        draft.changes["tags"] = {{"from", before("tags")}, {"to", tags}};
      draft.tags = std::move(tags);
    } else if (key == "custom_fields") {
      TANDEM_ASSIGN(auto merged,
                    merge_custom_field_values(txn, "item", before("custom_fields"), value, creating));
      draft.set("custom_fields", merged.dump(), before("custom_fields").dump());
      if (draft.changes.contains("custom_fields"))
        draft.changes["custom_fields"] = {{"from", before("custom_fields")}, {"to", merged}};
    } else {
      return invalid(key, "there is no item field " + key);
    }
  }
  if (creating && !body.contains("custom_fields"))
    TANDEM_TRY(status_of(
        merge_custom_field_values(txn, "item", nlohmann::json::object(), nlohmann::json::object(), true)));

  if (project_id != before("project_id")) {
    if (!project_id.is_null()) {
      const std::int64_t project = project_id.get<std::int64_t>();
      TANDEM_ASSIGN(const bool exists, store::row_exists(txn, "projects", project));
      TANDEM_ASSIGN(const std::string role, actor.is_user()
                                                ? store::effective_project_role(txn, project, actor.user_id)
                                                : Result<std::string>(""));
      if (!exists || !Policy::can_add_items_to_project(actor, role))
        return invalid("project_id",
                       "there is no project " + std::to_string(project) + " you may add items to");
    }
    draft.set("project_id", value_of_id(project_id), before("project_id"));
    if (!folder_given) folder_id = nullptr;
  }
  if (folder_id != before("folder_id")) {
    if (!folder_id.is_null()) {
      TANDEM_ASSIGN(auto folder,
                    txn.one("SELECT project_id FROM folders WHERE id = ?", {folder_id.get<std::int64_t>()}));
      if (!folder || project_id.is_null() || folder->int64(0) != project_id.get<std::int64_t>())
        return invalid("folder_id", "folder_id must be a folder of the item's project");
    }
    draft.set("folder_id", value_of_id(folder_id), before("folder_id"));
  }
  return {};
}

// Where a draft's field ends up: the draft's new value, else the current one.
nlohmann::json final_value(const Draft& draft, const nlohmann::json& current, const std::string& field) {
  return draft.changes.contains(field) ? draft.changes[field]["to"] : current.value(field, nlohmann::json());
}

Status check_plan(const Draft& draft, const nlohmann::json& current) {
  const auto start = final_value(draft, current, "planned_start");
  const auto finish = final_value(draft, current, "planned_finish");
  if (start.is_string() && finish.is_string() && start.get<std::string>() > finish.get<std::string>())
    return invalid("planned_finish", "planned_finish must not be before planned_start");
  return {};
}

Status save_relations(Txn& txn, std::int64_t item_id, const Draft& draft) {
  for (const auto& [role, parties] : draft.parties)
    TANDEM_TRY(store::replace_item_parties(txn, item_id, role, parties));
  if (draft.tags) TANDEM_TRY(store::replace_item_tags(txn, item_id, *draft.tags));
  return {};
}

Result<store::ItemJson> reread(Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto item, store::find_item(txn, id, {"1", {}}));
  if (!item) return no_such_item();
  return std::move(*item);
}

}  // namespace

Result<SqlFilter> ItemService::visible_filter(const Actor& actor) {
  return modules_.shown_items(Policy::visible_items(actor));
}

Result<nlohmann::json> ItemService::reachable_item(Txn& txn, const Actor& actor, std::int64_t id) {
  TANDEM_ASSIGN(auto item, store::find_item(txn, id, Policy::visible_items(actor)));
  if (!item) return no_such_item();
  TANDEM_TRY(modules_.require_item_type(item->type));
  return nlohmann::json::parse(item->json);
}

Result<store::ItemJson> ItemService::create_item(const Actor& actor, const nlohmann::json& fields,
                                                 std::string_view default_source) {
  const TimestampMs now = clock_.now_ms();
  store::ItemJson created;
  TANDEM_TRY(db_.write([&](Txn& txn) -> Status {
    TANDEM_ASSIGN(created, create_item(txn, actor, fields, default_source, now));
    return {};
  }));
  return created;
}

Result<store::ItemJson> ItemService::create_item(Txn& txn, const Actor& actor, const nlohmann::json& fields,
                                                 std::string_view default_source, TimestampMs now) {
  if (!Policy::can(actor, Action::create_items))
    return Error::make(ErrorCode::forbidden, "you may not add items");
  if (!fields.contains("title")) return invalid("title", "title is required");
  const std::string type_key = fields.value("type", nlohmann::json("ticket")).is_string()
                                   ? fields.value("type", std::string("ticket"))
                                   : std::string();
  store::ItemJson created;
  {
    TANDEM_ASSIGN(const auto type, find_type_start(txn, type_key, "not_started"));
    if (!type) return invalid("type", "type must be ticket, task or the key of a custom item type");
    TANDEM_TRY(modules_.require_item_type(type_key));
    if (!Policy::can_create_item_in(actor, app_of_item_type(type_key)))
      return Error::make(ErrorCode::forbidden, "your level in " +
                                                   std::string(to_string(app_of_item_type(type_key))) +
                                                   " does not let you add these items");
    if (!type->status) return invalid("type", "this item type has no statuses");
    const std::int64_t type_id = type->type_id;
    const auto& status = *type->status;
    nlohmann::json current = {{"type", type_key},
                              {"type_id", type_id},
                              {"status_id", status.first},
                              {"state", status.second},
                              {"project_id", nullptr},
                              {"folder_id", nullptr},
                              {"parent_id", nullptr},
                              {"title", nullptr},
                              {"description", ""},
                              {"priority", 0},
                              {"constraint_type", "asap"},
                              {"percent_complete", 0},
                              {"source", default_source},
                              {"position", 0},
                              {"custom_fields", nlohmann::json::object()},
                              {"tags", nlohmann::json::array()}};
    for (const auto role : {"requesters", "followers", "assignees"}) current[role] = nlohmann::json::array();
    Draft draft;
    TANDEM_TRY(draft_changes(txn, actor, 0, current, fields, true, draft));
    TANDEM_TRY(check_plan(draft, current));
    TANDEM_ASSIGN(const std::int64_t number, store::next_item_number(txn));
    std::vector<ColumnValue> columns = {
        {"number", number},
        {"type_id", type_id},
        {"status_id", status.first},
        {"state", status.second},
        {"source", std::string(default_source)},
        {"created_by", actor.is_user() ? Value{actor.user_id} : Value{nullptr}},
        {"created_at", now},
        {"updated_at", now}};
    for (auto& column : draft.columns) {
      auto same = std::find_if(columns.begin(), columns.end(),
                               [&](const auto& c) { return c.first == column.first; });
      if (same != columns.end())
        same->second = std::move(column.second);
      else
        columns.push_back(std::move(column));
    }
    TANDEM_ASSIGN(const std::int64_t id, store::insert_item(txn, columns));
    TANDEM_TRY(save_relations(txn, id, draft));
    TANDEM_ASSIGN(created, reread(txn, id));
    // The event tells the stored values: the inserted columns, null for one not given.
    const auto column = [&columns](std::string_view name) {
      const auto it =
          std::find_if(columns.begin(), columns.end(), [&](const auto& c) { return c.first == name; });
      return it == columns.end() ? nlohmann::json() : json_of(it->second);
    };
    const nlohmann::json payload = {{"number", number},
                                    {"type", type_key},
                                    {"title", column("title")},
                                    {"project_id", column("project_id")},
                                    {"status_id", column("status_id")}};
    TANDEM_TRY(store::append_event(txn, actor, now, "item", id, "item.created", payload.dump()));
  }
  return created;
}

Result<store::ItemJson> ItemService::get_item(const Actor& actor, std::int64_t id) {
  std::optional<store::ItemJson> item;
  TANDEM_TRY(db_.read([&](Txn& txn) -> Status {
    TANDEM_ASSIGN(item, store::find_item(txn, id, Policy::visible_items(actor)));
    return {};
  }));
  if (!item) return no_such_item();
  TANDEM_TRY(modules_.require_item_type(item->type));
  return std::move(*item);
}

Result<store::ItemJson> ItemService::update_item(
    const Actor& actor, std::int64_t id, const nlohmann::json& changes,
    const std::optional<std::vector<std::int64_t>>& expected_versions) {
  const TimestampMs now = clock_.now_ms();
  store::ItemJson updated;
  TANDEM_TRY(db_.write([&](Txn& txn) -> Status {
    TANDEM_ASSIGN(updated, update_item(txn, actor, id, changes, expected_versions, now));
    return {};
  }));
  return updated;
}

Result<store::ItemJson> ItemService::update_item(
    Txn& txn, const Actor& actor, std::int64_t id, const nlohmann::json& changes,
    const std::optional<std::vector<std::int64_t>>& expected_versions, TimestampMs now) {
  TANDEM_ASSIGN(const nlohmann::json current, reachable_item(txn, actor, id));
  TANDEM_TRY(check_may_change_item(txn, actor, current));
  const std::int64_t version = current["version"].get<std::int64_t>();
  if (expected_versions &&
      std::find(expected_versions->begin(), expected_versions->end(), version) == expected_versions->end())
    return Error::make(ErrorCode::precondition_failed,
                       "the item changed since you read it; read it again and reapply your change")
        .with("current_version", std::to_string(version));
  Draft draft;
  TANDEM_TRY(draft_changes(txn, actor, id, current, changes, false, draft));
  TANDEM_TRY(check_plan(draft, current));
  if (draft.changes.empty()) return reread(txn, id);
  TANDEM_TRY(store::update_item(txn, id, draft.columns, now));
  TANDEM_TRY(save_relations(txn, id, draft));
  if (draft.changes.contains("status_id")) TANDEM_TRY(enqueue_status_mail(txn, id, now));
  TANDEM_ASSIGN(store::ItemJson updated, reread(txn, id));
  const nlohmann::json payload = {{"changes", draft.changes}};
  TANDEM_TRY(store::append_event(txn, actor, now, "item", id, "item.updated", payload.dump()));
  return updated;
}

Result<store::ItemJson> ItemService::convert_item(const Actor& actor, std::int64_t id,
                                                  std::string_view type_key) {
  const TimestampMs now = clock_.now_ms();
  store::ItemJson converted;
  TANDEM_TRY(db_.write([&](Txn& txn) -> Status {
    TANDEM_ASSIGN(const nlohmann::json current, reachable_item(txn, actor, id));
    TANDEM_TRY(check_may_change_item(txn, actor, current));
    TANDEM_ASSIGN(const auto type, find_type_start(txn, type_key, current["state"].get<std::string>()));
    if (!type) return invalid("type", "type must be ticket, task or the key of a custom item type");
    TANDEM_TRY(modules_.require_item_type(type_key));
    if (!Policy::can_create_item_in(actor, app_of_item_type(type_key)))
      return Error::make(ErrorCode::forbidden,
                         "your level does not let you convert items to " + std::string(type_key));
    if (type->type_id == current["type_id"].get<std::int64_t>())
      return invalid("type", "the item is already a " + std::string(type_key));
    if (!type->status) return invalid("type", "this item type has no statuses");
    const auto& status = *type->status;
    Draft draft;
    draft.set("type_id", type->type_id, current["type_id"]);
    draft.set("status_id", status.first, current["status_id"]);
    draft.set("state", status.second, current["state"]);
    TANDEM_TRY(store::update_item(txn, id, draft.columns, now));
    TANDEM_ASSIGN(converted, reread(txn, id));
    draft.changes["type"] = {{"from", current["type"]}, {"to", type_key}};
    const nlohmann::json payload = {{"changes", draft.changes}};
    return status_of(store::append_event(txn, actor, now, "item", id, "item.converted", payload.dump()));
  }));
  return converted;
}

Result<std::string> ItemService::item_url(const Actor& actor, std::int64_t number) {
  std::optional<std::pair<std::int64_t, std::string>> found;
  TANDEM_TRY(db_.read([&](Txn& txn) -> Status {
    TANDEM_ASSIGN(found, store::find_item_by_number(txn, number, Policy::visible_items(actor)));
    return {};
  }));
  if (!found) return no_such_item();
  const std::string& key = found->second;
  TANDEM_TRY(modules_.require_item_type(key));
  return "/" +
         std::string(key == "ticket" ? "tickets"
                     : key == "task" ? "tasks"
                                     : "items") +
         "/" + std::to_string(number);
}

Result<std::vector<store::Event>> ItemService::item_history(const Actor& actor, std::int64_t id,
                                                            std::int64_t after_id, int limit) {
  std::vector<store::Event> events;
  TANDEM_TRY(db_.read([&](Txn& txn) -> Status {
    TANDEM_TRY(status_of(reachable_item(txn, actor, id)));
    TANDEM_ASSIGN(events, store::events_of_entity(txn, "item", id, after_id, std::clamp(limit, 1, 200)));
    return {};
  }));
  return events;
}

Result<store::LinkRow> ItemService::add_link(const Actor& actor, std::int64_t id,
                                             const nlohmann::json& fields) {
  const auto other = fields.find("item_id");
  if (other == fields.end() || !is_id_or_null(*other) || other->is_null())
    return invalid("item_id", "item_id must be the id of the item to link");
  const std::string kind =
      fields.value("kind", nlohmann::json("FS")).is_string() ? fields.value("kind", "FS") : "";
  if (kind != "FS" && kind != "SS" && kind != "FF" && kind != "SF" && kind != "relates")
    return invalid("kind", "kind must be FS, SS, FF, SF or relates");
  const auto lag = fields.value("lag_minutes", nlohmann::json(0));
  if (!lag.is_number_integer() || std::abs(lag.get<std::int64_t>()) > 100'000'000)
    return invalid("lag_minutes", "lag_minutes must be a whole number of minutes");
  const std::string direction = fields.value("direction", nlohmann::json("successor")).is_string()
                                    ? fields.value("direction", "successor")
                                    : "";
  if (direction != "successor" && direction != "predecessor")
    return invalid("direction", "direction must be successor or predecessor");
  const std::int64_t other_id = other->get<std::int64_t>();
  if (other_id == id) return invalid("item_id", "an item cannot be linked to itself");
  store::LinkRow link{
      0,    direction == "successor" ? id : other_id,        direction == "successor" ? other_id : id,
      kind, kind == "relates" ? 0 : lag.get<std::int64_t>(), clock_.now_ms()};
  TANDEM_TRY(db_.write([&](Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto current, reachable_item(txn, actor, id));
    TANDEM_TRY(check_may_change_item(txn, actor, current));
    TANDEM_ASSIGN(auto found, store::find_item(txn, other_id, Policy::visible_items(actor)));
    if (!found) return invalid("item_id", "there is no item " + std::to_string(other_id) + " you may see");
    if (kind != "relates") {
      TANDEM_ASSIGN(const bool cycle, store::dependency_path_exists(txn, link.to_item_id, link.from_item_id));
      if (cycle) return invalid("item_id", "this dependency would make a cycle");
    }
    TANDEM_ASSIGN(link.id, store::insert_link(txn, link));
    const nlohmann::json payload = {{"link_id", link.id},
                                    {"kind", kind},
                                    {"from_item_id", link.from_item_id},
                                    {"to_item_id", link.to_item_id},
                                    {"lag_minutes", link.lag_minutes}};
    for (const std::int64_t end : {id, other_id})
      TANDEM_TRY(status_of(
          store::append_event(txn, actor, link.created_at, "item", end, "item.linked", payload.dump())));
    return {};
  }));
  return link;
}

Result<std::vector<store::LinkRow>> ItemService::list_links(const Actor& actor, std::int64_t id) {
  std::vector<store::LinkRow> links;
  TANDEM_TRY(db_.read([&](Txn& txn) -> Status {
    TANDEM_TRY(status_of(reachable_item(txn, actor, id)));
    TANDEM_ASSIGN(auto all, store::item_links(txn, id));
    for (auto& link : all) {
      const std::int64_t other = link.from_item_id == id ? link.to_item_id : link.from_item_id;
      TANDEM_ASSIGN(auto found, store::find_item(txn, other, Policy::visible_items(actor)));
      if (found) links.push_back(std::move(link));
    }
    return {};
  }));
  return links;
}

Status ItemService::remove_link(const Actor& actor, std::int64_t id, std::int64_t link_id) {
  const TimestampMs now = clock_.now_ms();
  return db_.write([&](Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto current, reachable_item(txn, actor, id));
    TANDEM_TRY(check_may_change_item(txn, actor, current));
    TANDEM_ASSIGN(auto link, store::find_link(txn, link_id));
    if (!link || (link->from_item_id != id && link->to_item_id != id))
      return Error::make(ErrorCode::not_found, "no such link");
    TANDEM_TRY(store::delete_link(txn, link_id));
    const nlohmann::json payload = {{"link_id", link_id},
                                    {"kind", link->kind},
                                    {"from_item_id", link->from_item_id},
                                    {"to_item_id", link->to_item_id}};
    for (const std::int64_t end : {link->from_item_id, link->to_item_id})
      TANDEM_TRY(
          status_of(store::append_event(txn, actor, now, "item", end, "item.unlinked", payload.dump())));
    return {};
  });
}

Status ItemService::delete_item(const Actor& actor, std::int64_t id) {
  const TimestampMs now = clock_.now_ms();
  return db_.write([&](Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto current, reachable_item(txn, actor, id));
    TANDEM_ASSIGN(const auto facts, item_facts(txn, actor, current));
    if (!Policy::can_delete_item(actor, facts))
      return Error::make(ErrorCode::forbidden,
                         "deleting an item needs the full level in its app and the manager or lead role");
    TANDEM_ASSIGN(const bool settled_time, store::item_has_settled_time(txn, id));
    if (settled_time)
      return Error::make(
          ErrorCode::conflict,
          "the item has approved or invoiced time; it cannot be deleted while that time stands");
    TANDEM_TRY(store::delete_item(txn, id));
    const nlohmann::json payload = {{"number", current["number"]},
                                    {"type", current["type"]},
                                    {"title", current["title"]},
                                    {"project_id", current["project_id"]}};
    return status_of(store::append_event(txn, actor, now, "item", id, "item.deleted", payload.dump()));
  });
}

}  // namespace tandem::service
