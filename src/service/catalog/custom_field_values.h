// Values of custom fields on items and projects, checked against the admins' definitions.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "store/database.h"

namespace tandem::service {

/// Merges `changes` (a JSON object keyed by field key; null clears a value) into `existing` (the stored
/// object) after checking each value against the definitions of `scope` ("item" or "project") read in
/// `txn`, and returns the merged object. Values are normalised: text and date as strings (dates
/// YYYY-MM-DD), number as a number, choice as one of the choices, multi_choice as an array of distinct
/// choices, checkbox as a boolean, user as the id of an existing user. With `require_all`, every required
/// field must have a value in the result. Errors: validation_failed with details.field =
/// "custom_fields.<key>" (an unknown key, a wrong value, a missing required value).
Result<nlohmann::json> merge_custom_field_values(store::Txn& txn, std::string_view scope,
                                                 const nlohmann::json& existing,
                                                 const nlohmann::json& changes, bool require_all);

}  // namespace tandem::service
