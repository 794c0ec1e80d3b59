// Settings documents: one JSON object per key ("portal", "modules", …). Services own their documents'
// shape and defaults; the store only keeps the text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

/// The JSON text stored under `key`, or nullopt when nothing was stored yet.
Result<std::optional<std::string>> load_setting(Txn& txn, std::string_view key);
/// Stores `json` (valid JSON text) under `key`, replacing what was there. Writable transaction.
Status store_setting(Txn& txn, std::string_view key, std::string_view json, TimestampMs now);

}  // namespace tandem::store
