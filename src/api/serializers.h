// The JSON shapes of resources. Secrets (password hashes, token hashes) never appear in them.
#pragma once

#include <nlohmann/json.hpp>

#include "store/event_log.h"
#include "store/identity/identity_repository.h"
#include "store/items/item_repository.h"

namespace tandem::api {

/// {"id","email","name","role","active","created_at","updated_at"}.
nlohmann::json user_json(const store::UserRow& user);
/// {"id","name","prefix","created_at","last_used_at"}.
nlohmann::json api_token_json(const store::ApiTokenRow& token);

/// {"id","at","kind","actor":{"kind","id"},"entity_type","entity_id","payload"}.
nlohmann::json event_json(const store::Event& event);
/// {"id","kind","from_item_id","to_item_id","lag_minutes","created_at"}.
nlohmann::json link_json(const store::LinkRow& link);

}  // namespace tandem::api
