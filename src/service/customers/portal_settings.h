// The portal settings document ("portal" in the settings table): who may sign in and register, what a
// customer sees, and how customers and organizations are created from email addresses. Missing keys take
// the defaults below.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace tandem::service {

struct PortalSettings {
  bool require_login = true;       // off: anonymous visitors may submit tickets and get a secret link
  bool allow_registration = true;  // customers may sign themselves up
  PortalScope visibility;          // what a signed-in customer sees
  std::vector<std::string> item_fields = {"status_id", "priority", "due_date"};  // shown besides the basics
  bool customers_pick_project = false;             // customers may choose among the projects they see
  std::optional<std::int64_t> default_project_id;  // tickets of customers without an intake project
  bool auto_create_organizations = true;           // a new email domain creates an organization
  bool auto_create_intake_projects = true;  // an organization's first ticket creates its intake project
};

/// The fields a setting may show customers besides id, number, type, title, description, state, project_id
/// and the instants.
const std::vector<std::string>& portal_item_field_choices();

/// The stored portal settings (defaults for what is not stored).
Result<PortalSettings> load_portal_settings(store::Txn& txn);
/// Stores the settings. Writable transaction.
Status store_portal_settings(store::Txn& txn, const PortalSettings& settings, TimestampMs now);
/// The settings as API JSON.
nlohmann::json portal_settings_json(const PortalSettings& settings);
/// `base` with the members of `body` applied. Errors: validation_failed (details.field names the member).
Result<PortalSettings> apply_portal_settings(PortalSettings base, const nlohmann::json& body);

}  // namespace tandem::service
