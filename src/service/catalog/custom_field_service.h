// Definitions of custom fields on items and projects: everyone signed in reads them, admins change them.
// The values themselves are checked by custom_field_values.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/catalog/custom_field_repository.h"
#include "store/database.h"

namespace tandem::service {

struct NewCustomField {
  std::string scope;  // item, project
  std::string key;    // [a-z][a-z0-9_]{0,63}
  std::string name;
  std::string kind;                  // text, number, date, choice, multi_choice, checkbox, user
  std::vector<std::string> choices;  // only (and required) for choice and multi_choice
  bool required = false;
  std::optional<double> position;  // default: after the scope's last field
};

/// What may change of a definition; its scope, key and kind stay as created.
struct CustomFieldChanges {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> choices;
  std::optional<bool> required;
  std::optional<double> position;
};

class CustomFieldService {
 public:
  CustomFieldService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// The definitions of one scope, or of both when nullopt, in order. Errors: forbidden,
  /// validation_failed (an unknown scope).
  Result<std::vector<store::CustomFieldRow>> list_custom_fields(const Actor& actor,
                                                                const std::optional<std::string>& scope);
  /// Adds a definition and records `custom_field.created`. Errors: forbidden (not an admin),
  /// validation_failed (details.field), conflict (key taken in the scope).
  Result<store::CustomFieldRow> create_custom_field(const Actor& actor, const NewCustomField& input);
  /// Changes a definition and records `custom_field.updated` with the changes. Errors: forbidden,
  /// not_found, validation_failed.
  Result<store::CustomFieldRow> update_custom_field(const Actor& actor, std::int64_t id,
                                                    const CustomFieldChanges& changes);
  /// Deletes a definition together with its values on every item or project, and records
  /// `custom_field.deleted`. Errors: forbidden, not_found.
  Status delete_custom_field(const Actor& actor, std::int64_t id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace tandem::service
