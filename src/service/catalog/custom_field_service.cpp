#include "service/catalog/custom_field_service.h"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "core/policy.h"
#include "service/catalog/catalog_rules.h"
#include "store/event_log.h"

namespace tandem::service {

namespace {

constexpr std::size_t kMaxFieldKey = 64;
constexpr std::size_t kMaxChoices = 200;
constexpr std::array<std::string_view, 7> kKinds = {"text",         "number",   "date", "choice",
                                                    "multi_choice", "checkbox", "user"};

bool is_scope(std::string_view scope) {
  return scope == "item" || scope == "project";
}

bool has_choices(std::string_view kind) {
  return kind == "choice" || kind == "multi_choice";
}

// Checks the choices of a field of `kind`: a non-empty list of distinct names for choice kinds, none
// for the others.
Status check_choices(std::string_view kind, const std::vector<std::string>& choices) {
  if (!has_choices(kind)) {
    if (!choices.empty()) return invalid_field("choices", "only choice and multi_choice fields have choices");
    return {};
  }
  if (choices.empty() || choices.size() > kMaxChoices)
    return invalid_field("choices", "choices must hold 1 to 200 names");
  for (auto it = choices.begin(); it != choices.end(); ++it) {
    if (!is_valid_name(*it)) return invalid_field("choices", "each choice must have 1 to 100 characters");
    if (std::find(choices.begin(), it, *it) != it)
      return invalid_field("choices", "choices must be distinct");
  }
  return {};
}

nlohmann::json field_payload(const store::CustomFieldRow& field) {
  return {{"scope", field.scope},      {"key", field.key},         {"name", field.name},
          {"kind", field.kind},        {"choices", field.choices}, {"required", field.required},
          {"position", field.position}};
}

Status require_admin(const Actor& actor) {
  if (!Policy::can(actor, Action::manage_catalog))
    return Error::make(ErrorCode::forbidden, "only admins change custom fields");
  return {};
}

Result<store::CustomFieldRow> existing_field(store::Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto field, store::find_custom_field(txn, id));
  if (!field) return Error::make(ErrorCode::not_found, "no such custom field");
  return *field;
}

}  // namespace

Result<std::vector<store::CustomFieldRow>> CustomFieldService::list_custom_fields(
    const Actor& actor, const std::optional<std::string>& scope) {
  if (!Policy::can(actor, Action::view_work))
    return Error::make(ErrorCode::forbidden, "you may not see custom fields");
  if (scope && !is_scope(*scope)) return invalid_field("scope", "scope must be item or project");
  std::vector<store::CustomFieldRow> fields;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    if (scope) {
      TANDEM_ASSIGN(fields, store::list_custom_fields(txn, *scope));
    } else {
      TANDEM_ASSIGN(fields, store::list_all_custom_fields(txn));
    }
    return {};
  }));
  return fields;
}

Result<store::CustomFieldRow> CustomFieldService::create_custom_field(const Actor& actor,
                                                                      const NewCustomField& input) {
  TANDEM_TRY(require_admin(actor));
  if (!is_scope(input.scope)) return invalid_field("scope", "scope must be item or project");
  if (!is_valid_key(input.key, kMaxFieldKey))
    return invalid_field("key",
                         "key must be a lowercase letter, then up to 63 lowercase letters, digits or _");
  if (!is_valid_name(input.name)) return invalid_field("name", "name must have 1 to 100 characters");
  if (std::find(kKinds.begin(), kKinds.end(), input.kind) == kKinds.end())
    return invalid_field("kind", "kind must be text, number, date, choice, multi_choice, checkbox or user");
  TANDEM_TRY(check_choices(input.kind, input.choices));

  store::CustomFieldRow field{
      0, input.scope,     input.key,      input.name, input.kind, input.choices, input.required,
      0, clock_.now_ms(), clock_.now_ms()};
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    if (input.position) {
      field.position = *input.position;
    } else {
      TANDEM_ASSIGN(field.position, store::next_custom_field_position(txn, field.scope));
    }
    TANDEM_ASSIGN(field.id, store::insert_custom_field(txn, field));
    return status_of(store::append_event(txn, actor, field.created_at, "custom_field", field.id,
                                         "custom_field.created", field_payload(field).dump()));
  }));
  return field;
}

Result<store::CustomFieldRow> CustomFieldService::update_custom_field(const Actor& actor, std::int64_t id,
                                                                      const CustomFieldChanges& changes) {
  TANDEM_TRY(require_admin(actor));
  if (changes.name && !is_valid_name(*changes.name))
    return invalid_field("name", "name must have 1 to 100 characters");
  std::optional<store::CustomFieldRow> updated;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(auto field, existing_field(txn, id));
    if (changes.choices) TANDEM_TRY(check_choices(field.kind, *changes.choices));
    nlohmann::json changed = nlohmann::json::object();
    note_change(changed, "name", field.name, changes.name.value_or(field.name));
    note_change(changed, "choices", field.choices, changes.choices.value_or(field.choices));
    note_change(changed, "required", field.required, changes.required.value_or(field.required));
    note_change(changed, "position", field.position, changes.position.value_or(field.position));
    if (!changed.empty()) {
      field.name = changes.name.value_or(field.name);
      field.choices = changes.choices.value_or(field.choices);
      field.required = changes.required.value_or(field.required);
      field.position = changes.position.value_or(field.position);
      field.updated_at = clock_.now_ms();
      TANDEM_TRY(store::update_custom_field(txn, field));
      const nlohmann::json payload = {{"changes", changed}, {"scope", field.scope}, {"key", field.key}};
      TANDEM_TRY(store::append_event(txn, actor, field.updated_at, "custom_field", id, "custom_field.updated",
                                     payload.dump()));
    }
    updated = std::move(field);
    return {};
  }));
  return std::move(*updated);
}

Status CustomFieldService::delete_custom_field(const Actor& actor, std::int64_t id) {
  TANDEM_TRY(require_admin(actor));
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto field, existing_field(txn, id));
    TANDEM_TRY(store::delete_custom_field(txn, id));
    TANDEM_ASSIGN(const auto cleared, store::clear_custom_field_values(txn, field.scope, field.key));
    nlohmann::json payload = field_payload(field);
    payload["values_removed"] = cleared;
    return status_of(store::append_event(txn, actor, clock_.now_ms(), "custom_field", id,
                                         "custom_field.deleted", payload.dump()));
  });
}

}  // namespace tandem::service
