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

nlohmann::json event_json(const store::Event& event) {
  return {{"id", event.id},
          {"at", format_iso8601(event.at)},
          {"kind", event.kind},
          {"actor",
           {{"kind", event.actor_kind},
            {"id", event.actor_id ? nlohmann::json(event.actor_id) : nlohmann::json()}}},
          {"entity_type", event.entity_type},
          {"entity_id", event.entity_id},
          {"payload", nlohmann::json::parse(event.payload, nullptr, false)}};
}

nlohmann::json link_json(const store::LinkRow& link) {
  return {{"id", link.id},
          {"kind", link.kind},
          {"from_item_id", link.from_item_id},
          {"to_item_id", link.to_item_id},
          {"lag_minutes", link.lag_minutes},
          {"created_at", format_iso8601(link.created_at)}};
}

}  // namespace tandem::api
