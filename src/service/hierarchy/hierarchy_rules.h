// Rules the hierarchy services share: field checks, the change record of an update, and the history
// entry every change appends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace tandem::service {

/// A validation_failed error with details.field = `field`.
Error invalid(std::string field, std::string message);
/// `text` without surrounding white space, when that has 1 to 200 characters. Errors: validation_failed.
Result<std::string> checked_name(std::string_view field, std::string_view text);
/// `text` when it has at most 10000 characters. Errors: validation_failed (field "description").
Result<std::string> checked_description(std::string text);
/// `value` when it is a finite number. Errors: validation_failed (field "position").
Result<double> checked_position(double value);
/// Succeeds when `role` is a project role (manager, lead, standard, restricted). Errors: validation_failed.
Status check_project_role(std::string_view role);

/// `value` as JSON; null when empty.
template <typename T>
nlohmann::json nullable(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

/// The fields an update changed, as an event payload: {"changes":{"field":{"from":…,"to":…}}}.
class ChangeSet {
 public:
  /// Records `field` going from `from` to `to`, unless they are equal.
  void note(const std::string& field, const nlohmann::json& from, const nlohmann::json& to);
  /// Sets `target` to `value`, recording the change under `field` when it is one.
  template <typename T>
  void set(const std::string& field, T& target, T value) {
    if (target == value) return;
    note(field, to_json(target), to_json(value));
    target = std::move(value);
  }
  /// True when nothing changed.
  bool empty() const { return changes_.empty(); }
  /// The payload object.
  nlohmann::json payload() const { return {{"changes", changes_}}; }

 private:
  template <typename T>
  static nlohmann::json to_json(const std::optional<T>& value) {
    return nullable(value);
  }
  template <typename T>
  static nlohmann::json to_json(const T& value) {
    return nlohmann::json(value);
  }

  nlohmann::json changes_ = nlohmann::json::object();
};

/// Appends the history event `kind` about (entity_type, entity_id) with `payload`, in `txn`.
Status record_event(store::Txn& txn, const Actor& actor, TimestampMs at, std::string_view entity_type,
                    std::int64_t entity_id, std::string_view kind, const nlohmann::json& payload);

/// Checks that the user named in the body's `field` exists. Errors: validation_failed naming `field`.
Status check_user_exists(store::Txn& txn, std::int64_t user_id, std::string_view field);
/// The name of the user named in the path. Errors: not_found.
Result<std::string> user_name(store::Txn& txn, std::int64_t user_id);

}  // namespace tandem::service
