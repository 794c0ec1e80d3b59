#include "service/hierarchy/hierarchy_rules.h"

#include <algorithm>
#include <cmath>

#include "core/policy.h"
#include "store/event_log.h"
#include "store/identity/identity_repository.h"

namespace tandem::service {

Error invalid(std::string field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::move(field));
}

Result<std::string> checked_name(std::string_view field, std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  const std::string_view trimmed = first == std::string_view::npos
                                       ? std::string_view()
                                       : text.substr(first, text.find_last_not_of(kSpace) - first + 1);
  if (trimmed.empty() || trimmed.size() > 200)
    return invalid(std::string(field), std::string(field) + " must have 1 to 200 characters");
  return std::string(trimmed);
}

Result<std::string> checked_description(std::string text) {
  if (text.size() > 10000) return invalid("description", "description must have at most 10000 characters");
  return text;
}

Result<double> checked_position(double value) {
  if (!std::isfinite(value)) return invalid("position", "position must be a finite number");
  return value;
}

Status check_project_role(std::string_view role) {
  if (std::find(kProjectRoles.begin(), kProjectRoles.end(), role) == kProjectRoles.end())
    return invalid("role", "role must be manager, lead, standard or restricted");
  return {};
}

void ChangeSet::note(const std::string& field, const nlohmann::json& from, const nlohmann::json& to) {
  if (from != to) changes_[field] = {{"from", from}, {"to", to}};
}

Status record_event(store::Txn& txn, const Actor& actor, TimestampMs at, std::string_view entity_type,
                    std::int64_t entity_id, std::string_view kind, const nlohmann::json& payload) {
  return status_of(store::append_event(txn, actor, at, entity_type, entity_id, kind, payload.dump()));
}

Status check_user_exists(store::Txn& txn, std::int64_t user_id, std::string_view field) {
  TANDEM_ASSIGN(auto user, store::find_user(txn, user_id));
  if (!user) return invalid(std::string(field), "there is no user " + std::to_string(user_id));
  return {};
}

Result<std::string> user_name(store::Txn& txn, std::int64_t user_id) {
  TANDEM_ASSIGN(auto user, store::find_user(txn, user_id));
  if (!user) return Error::make(ErrorCode::not_found, "no such user");
  return std::move(user->name);
}

}  // namespace tandem::service
