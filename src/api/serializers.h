// The JSON shapes of resources. Secrets (password hashes, token hashes) never appear in them.
#pragma once

#include <nlohmann/json.hpp>

#include "service/catalog/catalog_service.h"
#include "store/catalog/custom_field_repository.h"
#include "store/event_log.h"
#include "store/identity/identity_repository.h"
#include "store/items/item_repository.h"

namespace tandem::api {

/// {"id","email","name","role","active","created_at","updated_at"}.
nlohmann::json user_json(const store::UserRow& user);
/// {"id","name","prefix","created_at","last_used_at"}.
nlohmann::json api_token_json(const store::ApiTokenRow& token);
/// {"id","type_id","name","color","position","state"}.
nlohmann::json status_json(const store::StatusRow& status);
/// {"id","key","name","builtin","position","statuses":[status...],"created_at","updated_at"}.
nlohmann::json item_type_json(const service::ItemType& type);
/// {"id","scope","key","name","kind","choices","required","position","created_at","updated_at"}.
nlohmann::json custom_field_json(const store::CustomFieldRow& field);

/// {"id","at","kind","actor":{"kind","id"},"entity_type","entity_id","payload"}.
nlohmann::json event_json(const store::Event& event);
/// {"id","kind","from_item_id","to_item_id","lag_minutes","created_at"}.
nlohmann::json link_json(const store::LinkRow& link);

}  // namespace tandem::api
