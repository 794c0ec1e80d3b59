#include "service/catalog/custom_field_values.h"

#include <algorithm>

#include "core/calendar_date.h"
#include "store/catalog/custom_field_repository.h"

namespace tandem::service {

namespace {

Error invalid_value(const std::string& key, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", "custom_fields." + key);
}

bool is_choice(const store::CustomFieldRow& field, const nlohmann::json& value) {
  return value.is_string() && std::find(field.choices.begin(), field.choices.end(),
                                        value.get<std::string>()) != field.choices.end();
}

// The normalised value of one field, or the reason it is wrong.
Result<nlohmann::json> checked_value(store::Txn& txn, const store::CustomFieldRow& field,
                                     const nlohmann::json& value) {
  const std::string& key = field.key;
  if (field.kind == "text") {
    if (!value.is_string() || value.get<std::string>().size() > 10000)
      return invalid_value(key, key + " must be text of at most 10000 characters");
    return value;
  }
  if (field.kind == "number") {
    if (!value.is_number()) return invalid_value(key, key + " must be a number");
    return value;
  }
  if (field.kind == "date") {
    if (!value.is_string() || !is_calendar_date(value.get<std::string>()))
      return invalid_value(key, key + " must be a date like 2026-01-31");
    return value;
  }
  if (field.kind == "choice") {
    if (!is_choice(field, value)) return invalid_value(key, key + " must be one of its choices");
    return value;
  }
  if (field.kind == "multi_choice") {
    if (!value.is_array()) return invalid_value(key, key + " must be an array of its choices");
    nlohmann::json distinct = nlohmann::json::array();
    for (const auto& choice : value) {
      if (!is_choice(field, choice)) return invalid_value(key, key + " must be an array of its choices");
      if (std::find(distinct.begin(), distinct.end(), choice) == distinct.end()) distinct.push_back(choice);
    }
    return distinct;
  }
  if (field.kind == "checkbox") {
    if (!value.is_boolean()) return invalid_value(key, key + " must be true or false");
    return value;
  }
  // user
  if (!value.is_number_integer()) return invalid_value(key, key + " must be a user id");
  TANDEM_ASSIGN(auto user, txn.one("SELECT 1 FROM users WHERE id = ?", {value.get<std::int64_t>()}));
  if (!user) return invalid_value(key, key + " must be the id of an existing user");
  return value;
}

}  // namespace

Result<nlohmann::json> merge_custom_field_values(store::Txn& txn, std::string_view scope,
                                                 const nlohmann::json& existing,
                                                 const nlohmann::json& changes, bool require_all) {
  if (!changes.is_object())
    return Error::make(ErrorCode::validation_failed, "custom_fields must be an object keyed by field key")
        .with("field", "custom_fields");
  nlohmann::json merged = existing.is_object() ? existing : nlohmann::json::object();
  if (changes.empty() && !require_all) return merged;
  TANDEM_ASSIGN(const auto fields, store::list_custom_fields(txn, scope));
  for (const auto& [key, value] : changes.items()) {
    const auto field =
        std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.key == key; });
    if (field == fields.end()) return invalid_value(key, "there is no custom field " + key);
    if (value.is_null()) {
      merged.erase(key);
      continue;
    }
    TANDEM_ASSIGN(merged[key], checked_value(txn, *field, value));
  }
  if (require_all)
    for (const auto& field : fields)
      if (field.required && !merged.contains(field.key))
        return invalid_value(field.key, field.name + " is required");
  return merged;
}

}  // namespace tandem::service
