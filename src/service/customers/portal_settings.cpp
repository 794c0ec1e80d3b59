#include "service/customers/portal_settings.h"

#include <algorithm>

#include "store/settings/settings_repository.h"

namespace tandem::service {

namespace {

constexpr std::string_view kKey = "portal";

Error invalid(std::string field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::move(field));
}

Status read_bool(const nlohmann::json& body, const std::string& prefix, std::string_view key, bool& out) {
  const auto it = body.find(key);
  if (it == body.end()) return {};
  if (!it->is_boolean())
    return invalid(prefix + std::string(key), prefix + std::string(key) + " must be true or false");
  out = it->get<bool>();
  return {};
}

}  // namespace

const std::vector<std::string>& portal_item_field_choices() {
  static const std::vector<std::string> choices = {
      "status_id", "priority", "due_date", "tags", "percent_complete", "planned_start", "planned_finish"};
  return choices;
}

nlohmann::json portal_settings_json(const PortalSettings& s) {
  return {{"require_login", s.require_login},
          {"allow_registration", s.allow_registration},
          {"visibility",
           {{"requested", s.visibility.requested},
            {"followed", s.visibility.followed},
            {"organization", s.visibility.organization},
            {"followed_projects", s.visibility.followed_projects},
            {"unpublished", s.visibility.unpublished}}},
          {"item_fields", s.item_fields},
          {"customers_pick_project", s.customers_pick_project},
          {"default_project_id", s.default_project_id ? nlohmann::json(*s.default_project_id) : nullptr},
          {"auto_create_organizations", s.auto_create_organizations},
          {"auto_create_intake_projects", s.auto_create_intake_projects}};
}

Result<PortalSettings> apply_portal_settings(PortalSettings s, const nlohmann::json& body) {
  if (!body.is_object()) return invalid("settings", "the settings must be an object");
  for (const auto& [key, value] : body.items()) {
    if (key == "require_login" || key == "allow_registration" || key == "customers_pick_project" ||
        key == "auto_create_organizations" || key == "auto_create_intake_projects" || key == "visibility" ||
        key == "item_fields" || key == "default_project_id")
      continue;
    return invalid(key, "there is no portal setting " + key);
  }
  TANDEM_TRY(read_bool(body, "", "require_login", s.require_login));
  TANDEM_TRY(read_bool(body, "", "allow_registration", s.allow_registration));
  TANDEM_TRY(read_bool(body, "", "customers_pick_project", s.customers_pick_project));
  TANDEM_TRY(read_bool(body, "", "auto_create_organizations", s.auto_create_organizations));
  TANDEM_TRY(read_bool(body, "", "auto_create_intake_projects", s.auto_create_intake_projects));
  if (const auto it = body.find("visibility"); it != body.end()) {
    if (!it->is_object()) return invalid("visibility", "visibility must be an object of switches");
    for (const auto& [key, value] : it->items())
      if (key != "requested" && key != "followed" && key != "organization" && key != "followed_projects" &&
          key != "unpublished")
        return invalid("visibility." + key, "there is no visibility switch " + key);
    TANDEM_TRY(read_bool(*it, "visibility.", "requested", s.visibility.requested));
    TANDEM_TRY(read_bool(*it, "visibility.", "followed", s.visibility.followed));
    TANDEM_TRY(read_bool(*it, "visibility.", "organization", s.visibility.organization));
    TANDEM_TRY(read_bool(*it, "visibility.", "followed_projects", s.visibility.followed_projects));
    TANDEM_TRY(read_bool(*it, "visibility.", "unpublished", s.visibility.unpublished));
  }
  if (const auto it = body.find("item_fields"); it != body.end()) {
    if (!it->is_array()) return invalid("item_fields", "item_fields must be an array of field names");
    std::vector<std::string> fields;
    for (const auto& field : *it) {
      const auto& choices = portal_item_field_choices();
      if (!field.is_string() ||
          std::find(choices.begin(), choices.end(), field.get<std::string>()) == choices.end())
        return invalid("item_fields",
                       "item_fields may name status_id, priority, due_date, tags, "
                       "percent_complete, planned_start, planned_finish");
      if (std::find(fields.begin(), fields.end(), field.get<std::string>()) == fields.end())
        fields.push_back(field.get<std::string>());
    }
    s.item_fields = std::move(fields);
  }
  if (const auto it = body.find("default_project_id"); it != body.end()) {
    if (it->is_null())
      s.default_project_id.reset();
    else if (it->is_number_integer() && it->get<std::int64_t>() > 0)
      s.default_project_id = it->get<std::int64_t>();
    else
      return invalid("default_project_id", "default_project_id must be a project id or null");
  }
  return s;
}

Result<PortalSettings> load_portal_settings(store::Txn& txn) {
  TANDEM_ASSIGN(const auto stored, store::load_setting(txn, kKey));
  if (!stored) return PortalSettings{};
  return apply_portal_settings(PortalSettings{}, nlohmann::json::parse(*stored));
}

Status store_portal_settings(store::Txn& txn, const PortalSettings& settings, TimestampMs now) {
  return store::store_setting(txn, kKey, portal_settings_json(settings).dump(), now);
}

}  // namespace tandem::service
