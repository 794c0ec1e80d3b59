#include "service/conversations/conversation_service.h"

#include <algorithm>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "core/policy.h"
#include "service/email_out/mail_outbox.h"
#include "service/files/file_service.h"
#include "service/items/item_change_right.h"
#include "service/text/markdown.h"
#include "store/email_out/mail_out_repository.h"
#include "store/event_log.h"
#include "store/items/item_repository.h"

namespace tandem::service {

namespace {

constexpr std::size_t kMaxBodyCharacters = 100'000;
constexpr std::size_t kMaxFilesPerMessage = 50;

Error invalid(std::string field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::move(field));
}

// Characters (code points) of valid UTF-8 text.
std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(
      std::ranges::count_if(text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Status check_body(const std::string& body, bool has_files) {
  if (characters(body) > kMaxBodyCharacters)
    return invalid("body", "body must have at most " + std::to_string(kMaxBodyCharacters) + " characters");
  const bool blank = body.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank && !has_files) return invalid("body", "a message needs a body (or files)");
  return {};
}

std::optional<std::int64_t> user_id_of(const Actor& actor) {
  return actor.is_user() ? std::optional(actor.user_id) : std::nullopt;
}

// Succeeds when the actor sees the item and its type's module is on. Errors: not_found, module_disabled.
Status require_item(store::Txn& txn, ModuleService& modules, const Actor& actor, std::int64_t item_id) {
  TANDEM_ASSIGN(const auto type, store::find_item_type(txn, item_id, Policy::visible_items(actor)));
  if (!type) return Error::make(ErrorCode::not_found, "no such item");
  return modules.require_item_type(*type);
}

Result<store::MessageRow> require_message(store::Txn& txn, const Actor& actor, std::int64_t item_id,
                                          std::int64_t message_id) {
  TANDEM_ASSIGN(auto message, store::find_message(txn, item_id, message_id, Policy::visible_messages(actor)));
  if (!message) return Error::make(ErrorCode::not_found, "no such message");
  return std::move(*message);
}

// A file the actor may attach: one it may read. Errors: validation_failed naming `field`.
Result<store::FileRow> attachable_file(store::Txn& txn, ModuleService& modules, const Actor& actor,
                                       std::int64_t file_id, std::string field) {
  TANDEM_ASSIGN(const SqlFilter items, modules.shown_items(Policy::visible_items(actor)));
  TANDEM_ASSIGN(auto file, store::find_readable_file(txn, file_id, file_reader(actor), items,
                                                     Policy::visible_messages(actor)));
  if (!file)
    return invalid(std::move(field), "there is no file " + std::to_string(file_id) + " you may attach");
  return std::move(*file);
}

// Views of `messages` (of one item, in id order) with their attachments.
Result<std::vector<MessageView>> with_attachments(store::Txn& txn, std::vector<store::MessageRow> messages) {
  std::vector<MessageView> views;
  if (messages.empty()) return views;
  TANDEM_ASSIGN(const auto attached,
                store::list_message_attachments(txn, messages.front().item_id, messages.front().id,
                                                messages.back().id));
  for (auto& message : messages) {
    MessageView view{std::move(message), {}};
    for (const auto& attachment : attached)
      if (attachment.message_id == view.message.id) view.attachments.push_back(attachment.file);
    views.push_back(std::move(view));
  }
  return views;
}

Result<MessageView> view_of(store::Txn& txn, const Actor& actor, std::int64_t item_id,
                            std::int64_t message_id) {
  TANDEM_ASSIGN(auto message, require_message(txn, actor, item_id, message_id));
  TANDEM_ASSIGN(auto views, with_attachments(txn, {std::move(message)}));
  return std::move(views.front());
}

// Attaches `file` to the item (through `message_id` when set) and records it in the item's history.
Status attach(store::Txn& txn, const Actor& actor, std::int64_t item_id, const store::FileRow& file,
              std::optional<std::int64_t> message_id, TimestampMs now) {
  TANDEM_TRY(store::insert_attachment(txn, file.id, item_id, message_id, now));
  const nlohmann::json payload = {{"file_id", file.id},
                                  {"name", file.name},
                                  {"message_id", message_id ? nlohmann::json(*message_id) : nullptr}};
  return status_of(
      store::append_event(txn, actor, now, "item", item_id, "item.attachment_added", payload.dump()));
}

}  // namespace

Result<std::vector<MessageView>> ConversationService::list_messages(const Actor& actor, std::int64_t item_id,
                                                                    std::int64_t after_id, int limit) {
  std::vector<MessageView> views;
  std::int64_t last_read = 0;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_TRY(require_item(txn, modules_, actor, item_id));
    TANDEM_ASSIGN(auto messages, store::list_messages(txn, item_id, after_id, std::clamp(limit, 1, 200),
                                                      Policy::visible_messages(actor)));
    TANDEM_ASSIGN(views, with_attachments(txn, std::move(messages)));
    if (actor.is_user() && !views.empty()) {
      TANDEM_ASSIGN(last_read, store::last_read_message(txn, actor.user_id, item_id));
    }
    return {};
  }));
  // An internal user who listed the messages has read them: no mail about them reaches it later.
  if (actor.is_user() && !views.empty() && views.back().message.id > last_read)
    TANDEM_TRY(db_.write([&](store::Txn& txn) {
      return store::mark_messages_read(txn, actor.user_id, item_id, views.back().message.id, clock_.now_ms());
    }));
  return views;
}

Result<MessageView> ConversationService::get_message(const Actor& actor, std::int64_t item_id,
                                                     std::int64_t message_id) {
  std::optional<MessageView> view;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_TRY(require_item(txn, modules_, actor, item_id));
    TANDEM_ASSIGN(view, view_of(txn, actor, item_id, message_id));
    return {};
  }));
  return std::move(*view);
}

Result<MessageView> ConversationService::post_message(const Actor& actor, std::int64_t item_id,
                                                      const NewMessage& input) {
  const TimestampMs now = clock_.now_ms();
  std::optional<MessageView> view;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(view, post_message(txn, actor, item_id, input, {}, now));
    return {};
  }));
  return std::move(*view);
}

Result<MessageView> ConversationService::post_message(store::Txn& txn, const Actor& actor,
                                                      std::int64_t item_id, const NewMessage& input,
                                                      const std::vector<store::FileRow>& own_files,
                                                      TimestampMs now) {
  if (input.visibility != "public" && input.visibility != "internal")
    return invalid("visibility",
                   "visibility is required: public (a reply the customer sees) or internal (a note)");
  if (input.visibility == "internal" && !Policy::can(actor, Action::write_internal_notes))
    return invalid("visibility", "you may only write public replies");
  TANDEM_TRY(check_body(input.body, !input.file_ids.empty() || !own_files.empty()));
  if (input.file_ids.size() > kMaxFilesPerMessage)
    return invalid("file_ids",
                   "attach at most " + std::to_string(kMaxFilesPerMessage) + " files to a message");
  if (std::set(input.file_ids.begin(), input.file_ids.end()).size() != input.file_ids.size())
    return invalid("file_ids", "file_ids lists a file twice");

  store::MessageRow message;
  message.item_id = item_id;
  message.visibility = input.visibility;
  message.author_kind = actor.is_user() ? "user" : actor.is_customer() ? "customer" : "system";
  message.author_id = actor.is_customer() ? std::optional(actor.customer_id) : user_id_of(actor);
  message.body = input.body;
  message.body_html = render_markdown(input.body);
  message.created_at = message.updated_at = now;
  {
    TANDEM_TRY(require_item(txn, modules_, actor, item_id));
    std::vector<store::FileRow> files = own_files;
    for (const std::int64_t file_id : input.file_ids) {
      TANDEM_ASSIGN(auto file, attachable_file(txn, modules_, actor, file_id, "file_ids"));
      files.push_back(std::move(file));
    }
    TANDEM_ASSIGN(message.id, store::insert_message(txn, message));
    const nlohmann::json payload = {
        {"message_id", message.id},
        {"visibility", message.visibility},
        {"author_id", message.author_id ? nlohmann::json(*message.author_id) : nullptr}};
    TANDEM_TRY(store::append_event(txn, actor, message.created_at, "item", item_id, "item.message_added",
                                   payload.dump()));
    for (const auto& file : files)
      TANDEM_TRY(attach(txn, actor, item_id, file, message.id, message.created_at));
    TANDEM_TRY(store::touch_item(txn, item_id, message.created_at));
    TANDEM_TRY(
        enqueue_message_mail(txn, item_id, message.id, message.visibility == "public", message.created_at));
  }
  return view_of(txn, actor, item_id, message.id);
}

Result<MessageView> ConversationService::edit_message(const Actor& actor, std::int64_t item_id,
                                                      std::int64_t message_id, const std::string& body) {
  const TimestampMs now = clock_.now_ms();
  const std::string body_html = render_markdown(body);
  std::optional<MessageView> view;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(require_item(txn, modules_, actor, item_id));
    TANDEM_ASSIGN(view, view_of(txn, actor, item_id, message_id));
    const store::MessageRow& old = view->message;
    const auto author = old.author_kind == "user" ? old.author_id : std::nullopt;
    if (!Policy::can_edit_message(actor, author))
      return Error::make(ErrorCode::forbidden, "only its author or an admin may edit a message");
    TANDEM_TRY(check_body(body, !view->attachments.empty()));
    if (body == old.body) return {};
    TANDEM_TRY(store::insert_revision(txn, {0, message_id, old.body, user_id_of(actor), now}));
    TANDEM_TRY(store::update_message_body(txn, message_id, body, body_html, now));
    const nlohmann::json payload = {{"message_id", message_id},
                                    {"visibility", old.visibility},
                                    {"changes", {{"body", {{"from", old.body}, {"to", body}}}}}};
    TANDEM_TRY(store::append_event(txn, actor, now, "item", item_id, "item.message_edited", payload.dump()));
    TANDEM_TRY(store::touch_item(txn, item_id, now));
    TANDEM_ASSIGN(view, view_of(txn, actor, item_id, message_id));
    return {};
  }));
  return std::move(*view);
}

Result<std::vector<store::RevisionRow>> ConversationService::list_revisions(
    const Actor& actor, std::int64_t item_id, std::int64_t message_id, std::int64_t after_id, int limit) {
  std::vector<store::RevisionRow> revisions;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_TRY(require_item(txn, modules_, actor, item_id));
    TANDEM_TRY(status_of(require_message(txn, actor, item_id, message_id)));
    TANDEM_ASSIGN(revisions, store::list_revisions(txn, message_id, after_id, std::clamp(limit, 1, 200)));
    return {};
  }));
  return revisions;
}

Result<std::vector<store::AttachmentRow>> ConversationService::list_attachments(const Actor& actor,
                                                                                std::int64_t item_id) {
  std::vector<store::AttachmentRow> attachments;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_TRY(require_item(txn, modules_, actor, item_id));
    TANDEM_ASSIGN(attachments, store::list_item_attachments(txn, item_id));
    return {};
  }));
  return attachments;
}

Result<store::AttachmentRow> ConversationService::attach_file(const Actor& actor, std::int64_t item_id,
                                                              std::int64_t file_id) {
  const TimestampMs now = clock_.now_ms();
  store::AttachmentRow attachment;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto item, store::find_item(txn, item_id, Policy::visible_items(actor)));
    if (!item) return Error::make(ErrorCode::not_found, "no such item");
    TANDEM_TRY(modules_.require_item_type(item->type));
    TANDEM_TRY(check_may_change_item(txn, actor, nlohmann::json::parse(item->json)));
    TANDEM_ASSIGN(attachment.file, attachable_file(txn, modules_, actor, file_id, "file_id"));
    TANDEM_TRY(attach(txn, actor, item_id, attachment.file, std::nullopt, now));
    return store::touch_item(txn, item_id, now);
  }));
  attachment.item_id = item_id;
  attachment.created_at = now;
  return attachment;
}

}  // namespace tandem::service
