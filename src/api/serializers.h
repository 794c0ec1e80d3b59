// The JSON shapes of resources. Secrets (password hashes, token hashes) never appear in them.
#pragma once

#include <nlohmann/json.hpp>

#include "service/catalog/catalog_service.h"
#include "store/catalog/custom_field_repository.h"
#include "service/conversations/conversation_service.h"
#include "store/event_log.h"
#include "store/files/file_repository.h"
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
/// {"id","name","size","mime","sha256","created_at","url"}; url is where the content is downloaded.
nlohmann::json file_json(const store::FileRow& file);
/// A file attached to an item: file_json plus {"item_id","message_id","attached_at"}.
nlohmann::json attachment_json(const store::AttachmentRow& attachment);
/// {"id","item_id","visibility","author":{"kind","id","name"},"body","body_html",
///  "attachments":[{"id","name","size","mime","url"}],"created_at","updated_at","edited"}.
nlohmann::json message_json(const service::MessageView& view);
/// {"id","message_id","body","edited_by","edited_at"}: a body as it was before an edit.
nlohmann::json revision_json(const store::RevisionRow& revision);

/// {"id","at","kind","actor":{"kind","id"},"entity_type","entity_id","payload"}.
nlohmann::json event_json(const store::Event& event);
/// {"id","kind","from_item_id","to_item_id","lag_minutes","created_at"}.
nlohmann::json link_json(const store::LinkRow& link);

}  // namespace tandem::api
