// The JSON shapes of resources. Secrets (password hashes, token hashes) never appear in them.
#pragma once

#include <nlohmann/json.hpp>

#include "store/identity/identity_repository.h"

namespace tandem::api {

/// {"id","email","name","role","active","created_at","updated_at"}.
nlohmann::json user_json(const store::UserRow& user);
/// {"id","name","prefix","created_at","last_used_at"}.
nlohmann::json api_token_json(const store::ApiTokenRow& token);

}  // namespace tandem::api
