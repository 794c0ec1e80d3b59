#include "api/serializers.h"

#include "core/clock.h"
#include "service/users/user_service.h"

namespace tandem::api {

namespace {

nlohmann::json id_or_null(const std::optional<std::int64_t>& id) {
  return id ? nlohmann::json(*id) : nlohmann::json();
}

std::string content_url(std::int64_t file_id) {
  return "/api/v1/files/" + std::to_string(file_id) + "/content";
}

}  // namespace

nlohmann::json user_json(const store::UserRow& user) {
  return {{"id", user.id},
          {"email", user.email},
          {"name", user.name},
          {"role", to_string(user.role)},
          {"active", user.active},
          {"app_levels", service::app_levels_json(user.app_levels)},
          {"language", user.language ? nlohmann::json(*user.language) : nlohmann::json()},
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

nlohmann::json status_json(const store::StatusRow& status) {
  return {{"id", status.id},       {"type_id", status.type_id},   {"name", status.name},
          {"color", status.color}, {"position", status.position}, {"state", status.state}};
}

nlohmann::json item_type_json(const service::ItemType& type) {
  nlohmann::json statuses = nlohmann::json::array();
  for (const auto& status : type.statuses) statuses.push_back(status_json(status));
  return {{"id", type.type.id},
          {"key", type.type.key},
          {"name", type.type.name},
          {"builtin", type.type.builtin},
          {"position", type.type.position},
          {"statuses", std::move(statuses)},
          {"created_at", format_iso8601(type.type.created_at)},
          {"updated_at", format_iso8601(type.type.updated_at)}};
}

nlohmann::json custom_field_json(const store::CustomFieldRow& field) {
  return {{"id", field.id},
          {"scope", field.scope},
          {"key", field.key},
          {"name", field.name},
          {"kind", field.kind},
          {"choices", field.choices},
          {"required", field.required},
          {"position", field.position},
          {"created_at", format_iso8601(field.created_at)},
          {"updated_at", format_iso8601(field.updated_at)}};
}

nlohmann::json file_json(const store::FileRow& file) {
  return {{"id", file.id},
          {"name", file.name},
          {"size", file.size},
          {"mime", file.mime},
          {"sha256", file.sha256},
          {"created_at", format_iso8601(file.created_at)},
          {"url", content_url(file.id)}};
}

nlohmann::json attachment_json(const store::AttachmentRow& attachment) {
  nlohmann::json json = file_json(attachment.file);
  json["item_id"] = attachment.item_id;
  json["message_id"] = id_or_null(attachment.message_id);
  json["attached_at"] = format_iso8601(attachment.created_at);
  return json;
}

nlohmann::json message_json(const service::MessageView& view) {
  const store::MessageRow& message = view.message;
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& file : view.attachments)
    attachments.push_back({{"id", file.id},
                           {"name", file.name},
                           {"size", file.size},
                           {"mime", file.mime},
                           {"url", content_url(file.id)}});
  return {
      {"id", message.id},
      {"item_id", message.item_id},
      {"visibility", message.visibility},
      {"author",
       {{"kind", message.author_kind}, {"id", id_or_null(message.author_id)}, {"name", message.author_name}}},
      {"body", message.body},
      {"body_html", message.body_html},
      {"attachments", std::move(attachments)},
      {"created_at", format_iso8601(message.created_at)},
      {"updated_at", format_iso8601(message.updated_at)},
      {"edited", message.edited}};
}

nlohmann::json revision_json(const store::RevisionRow& revision) {
  return {{"id", revision.id},
          {"message_id", revision.message_id},
          {"body", revision.body},
          {"edited_by", id_or_null(revision.edited_by)},
          {"edited_at", format_iso8601(revision.edited_at)}};
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
