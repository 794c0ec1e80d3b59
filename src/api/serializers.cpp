#include "api/serializers.h"

#include "core/clock.h"

namespace tandem::api {

nlohmann::json user_json(const store::UserRow& user) {
  return {{"id", user.id},
          {"email", user.email},
          {"name", user.name},
          {"role", to_string(user.role)},
          {"active", user.active},
          {"created_at", format_iso8601(user.created_at)},
          {"updated_at", format_iso8601(user.updated_at)}};
}

nlohmann::json api_token_json(const store::ApiTokenRow& token) {
  return {{"id", token.id},
          {"name", token.name},
          {"prefix", token.prefix},
          {"created_at", format_iso8601(token.created_at)},
          {"last_used_at",
           token.last_used_at ? nlohmann::json(format_iso8601(*token.last_used_at)) : nlohmann::json()}};
}

}  // namespace tandem::api
