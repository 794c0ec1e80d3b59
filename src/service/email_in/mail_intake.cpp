#include "service/email_in/mail_intake.h"

#include <algorithm>
#include <memory>

#include <nlohmann/json.hpp>

#include "core/policy.h"
#include "service/customers/customer_service.h"
#include "service/email/email_settings.h"
#include "service/email/reply_address.h"
#include "service/email_in/loop_guard.h"
#include "service/email_in/reply_text.h"
#include "service/files/file_names.h"
#include "service/items/item_followers.h"
#include "store/conversations/message_repository.h"
#include "store/event_log.h"
#include "store/identity/identity_repository.h"
#include "store/items/item_repository.h"
#include "store/mail/inbound_mail_repository.h"

namespace tandem::service {

namespace {

constexpr TimestampMs kHourMs = 60 * 60 * 1000;
constexpr std::size_t kMaxTitleBytes = 200;
constexpr std::size_t kMaxTextBytes = 100'000;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// At most `max` bytes of UTF-8 `text`, cut at a character boundary.
std::string cut(std::string text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

// The Message-ID of a header value: inside <…>, else the value itself.
std::string message_id_in(std::string_view value) {
  const auto open = value.find('<');
  const auto close = value.find('>', open == std::string_view::npos ? 0 : open);
  if (open != std::string_view::npos && close != std::string_view::npos)
    return std::string(value.substr(open + 1, close - open - 1));
  return std::string(value);
}

// Whether `address` is `inbound` or `inbound` with a +suffix on its local part (both lower case).
bool addressed_to(std::string_view address, std::string_view inbound) {
  if (address == inbound) return true;
  const auto at = inbound.find('@');
  const auto address_at = address.rfind('@');
  if (at == std::string_view::npos || address_at == std::string_view::npos) return false;
  if (address.substr(address_at) != inbound.substr(at)) return false;
  const std::string_view local = address.substr(0, address_at);
  return local.size() > at && local.substr(0, at) == inbound.substr(0, at) && local[at] == '+';
}

// Who wrote a message: the actor its changes are made as, and its party on the item (none when unknown).
struct Sender {
  Actor actor = Actor::system();
  std::optional<store::Party> party;
};

Result<Sender> sender_of(store::Txn& txn, const std::string& address, const std::string& name,
                         const PortalSettings& portal, TimestampMs now) {
  Sender sender;
  if (address.empty()) return sender;
  TANDEM_ASSIGN(const auto user, store::find_user_by_email(txn, address));
  if (user && user->active) {
    sender.actor = Actor::user(user->id, user->role, user->name);
    sender.actor.app_levels = user->app_levels;
    sender.party = store::Party{"user", user->id};
    return sender;
  }
  auto customer = customer_for_email(txn, Actor::system(), address, name, portal, now);
  if (!customer.ok()) {
    if (customer.error().code == ErrorCode::unavailable || customer.error().code == ErrorCode::internal)
      return customer.error();
    return sender;  // not an address we can keep: the mail still becomes a ticket, without a requester
  }
  // By mail a customer reaches the items it requested or follows, published or not.
  PortalScope scope = portal.visibility;
  scope.requested = scope.followed = scope.unpublished = true;
  sender.actor = Actor::customer(customer->id, customer->organization_id.value_or(0), customer->name, scope);
  sender.party = store::Party{"customer", customer->id};
  return sender;
}

Result<bool> visible_to(store::Txn& txn, const Actor& actor, std::int64_t item_id) {
  return store::item_visible(txn, item_id, Policy::visible_items(actor));
}

// Makes the sender a follower of the item it answered through a secret (a Message-ID or a reply address)
// when it cannot see the item yet; whether it sees the item then.
Result<bool> admit(store::Txn& txn, const Sender& sender, std::int64_t item_id, TimestampMs now) {
  TANDEM_ASSIGN(const bool visible, visible_to(txn, sender.actor, item_id));
  if (visible || !sender.party) return visible;
  TANDEM_TRY(change_followers(
      txn, sender.actor, item_id,
      [&](std::vector<store::Party>& followers) { followers.push_back(*sender.party); }, now));
  return visible_to(txn, sender.actor, item_id);
}

// The item a message answers, in this order: a Message-ID it refers to, a "[#1042]" subject token of an
// item the sender sees, a per-item reply address it was sent to. nullopt: a new ticket.
Result<std::optional<std::int64_t>> thread_of(store::Txn& txn, const ParsedMail& mail,
                                              const std::vector<std::string>& recipients,
                                              const Sender& sender, TimestampMs now) {
  std::vector<std::string> ids = mail.in_reply_to;
  ids.insert(ids.end(), mail.references.rbegin(), mail.references.rend());
  TANDEM_ASSIGN(const auto referred, store::item_of_message_ids(txn, ids));
  if (referred) {
    TANDEM_ASSIGN(const bool admitted, admit(txn, sender, *referred, now));
    if (admitted) return referred;
  }
  if (const std::int64_t number = subject_item_number(mail.subject); number > 0) {
    TANDEM_ASSIGN(const auto found,
                  store::find_item_by_number(txn, number, Policy::visible_items(sender.actor)));
    if (found) return std::optional(found->first);
  }
  TANDEM_ASSIGN(const std::string secret, load_mail_secret(txn));
  for (const auto& recipient : recipients) {
    const auto number = item_number_of_reply_address(recipient, secret);
    if (!number) continue;
    TANDEM_ASSIGN(const auto found,
                  store::find_item_by_number(txn, *number, Policy::visible_items(Actor::system())));
    if (!found) continue;
    TANDEM_ASSIGN(const bool admitted, admit(txn, sender, found->first, now));
    if (admitted) return std::optional(found->first);
  }
  return std::optional<std::int64_t>();
}

// The project of a new ticket: the intake project of the sender's organization, else the portal's default.
Result<std::optional<std::int64_t>> project_for(store::Txn& txn, const Sender& sender,
                                                const PortalSettings& portal, TimestampMs now) {
  if (sender.actor.is_customer() && sender.actor.organization_id != 0) {
    TANDEM_ASSIGN(const auto intake,
                  intake_project(txn, Actor::system(), sender.actor.organization_id, portal, now));
    if (intake) return intake;
  }
  return portal.default_project_id;
}

std::string title_of(const ParsedMail& mail, const std::string& body) {
  std::string title = mail.subject;
  if (title.find_first_not_of(" \t\r\n") == std::string::npos) title = body.substr(0, body.find('\n'));
  if (title.find_first_not_of(" \t\r\n") == std::string::npos) title = "(no subject)";
  std::replace_if(
      title.begin(), title.end(), [](char c) { return c == '\r' || c == '\n' || c == '\t'; }, ' ');
  return cut(std::move(title), kMaxTitleBytes);
}

bool retryable(const Error& error) {
  return error.code == ErrorCode::unavailable || error.code == ErrorCode::internal;
}

// What a stored message became.
struct Delivery {
  std::optional<std::int64_t> item_id;
  std::optional<std::int64_t> message_id;
};

}  // namespace

struct MailIntake::Incoming {
  std::int64_t inbound_mail_id = 0;
  ParsedMail mail;
  std::string body;   // the text, quotes trimmed
  std::string title;  // of a new ticket
  TimestampMs now = 0;
  std::vector<store::FileRow> files;    // stored, not inserted yet; the original .eml last
  std::vector<std::string> recipients;  // of the envelope and of the headers
  std::string address;                  // the sender's
  EmailSettings email;
};

Result<EmailSettings> MailIntake::recent_settings() {
  constexpr auto kFresh = std::chrono::seconds(1);
  std::lock_guard lock(settings_mutex_);
  const auto now = std::chrono::steady_clock::now();
  const std::uint64_t version = email_settings_version();
  if (settings_ && settings_version_ == version && now - settings_read_at_ < kFresh) return *settings_;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(settings_, load_email_settings(txn));
    return {};
  }));
  settings_version_ = version;
  settings_read_at_ = now;
  return *settings_;
}

Result<bool> MailIntake::accepts_recipient(std::string_view address) {
  const std::string wanted = lower(std::string(address));
  TANDEM_ASSIGN(const auto settings, recent_settings());
  return std::any_of(settings.inbound_addresses.begin(), settings.inbound_addresses.end(),
                     [&](const std::string& inbound) { return addressed_to(wanted, inbound); });
}

Result<std::int64_t> MailIntake::max_message_bytes() {
  TANDEM_ASSIGN(const auto settings, recent_settings());
  return settings.max_message_bytes;
}

Result<IntakeOutcome> MailIntake::accept(std::string_view raw, std::string_view source,
                                         const MailEnvelope& envelope) {
  if (raw.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return Error::make(ErrorCode::validation_failed, "the message is empty");
  TANDEM_ASSIGN(const auto settings, recent_settings());
  if (static_cast<std::int64_t>(raw.size()) > settings.max_message_bytes)
    return Error::make(ErrorCode::payload_too_large,
                       "the message is larger than " + std::to_string(settings.max_message_bytes) + " bytes");
  store::InboundMailRow row;
  row.message_id = message_id_in(raw_header(raw, "Message-ID"));
  row.sender = lower(envelope.sender);
  if (row.sender.empty()) row.sender = address_in(raw_header(raw, "From"));
  row.recipients = nlohmann::json(envelope.recipients).dump();
  row.source = std::string(source);
  row.size = static_cast<std::int64_t>(raw.size());
  TANDEM_ASSIGN(row.sha256, files_.store_bytes(raw));  // typed message/rfc822 when attached
  row.dedup_key = row.message_id.empty() ? "sha256:" + row.sha256 : "<" + row.message_id + ">";
  row.received_at = clock_.now_ms();
  IntakeOutcome outcome;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto existing,
                  txn.one("SELECT id FROM inbound_mail WHERE dedup_key = ?", {row.dedup_key}));
    if (existing) {
      outcome = {existing->int64(0), true};
      return {};
    }
    if (!row.sender.empty()) {
      TANDEM_ASSIGN(const std::int64_t recent,
                    store::count_inbound_mail_since(txn, row.sender, row.received_at - kHourMs));
      if (recent >= settings.sender_limit_per_hour)
        return Error::make(ErrorCode::rate_limited, "too many messages from " + row.sender + " this hour");
    }
    TANDEM_ASSIGN(const auto id, store::insert_inbound_mail(txn, row));
    outcome = {id.value_or(0), !id};
    if (!id) return {};
    const nlohmann::json payload = {{"inbound_mail_id", *id}};
    return status_of(store::enqueue_job(
        txn, {"mail.receive", payload.dump(), row.received_at, "mail.receive:" + std::to_string(*id), 10},
        row.received_at));
  }));
  if (!outcome.duplicate) jobs_.wake();
  return outcome;
}

Result<JobRunner::Apply> MailIntake::prepare(const store::Job& job) {
  const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
  if (!payload.is_object() || !payload.contains("inbound_mail_id") ||
      !payload["inbound_mail_id"].is_number_integer())
    return Error::internal_error("mail.receive job without inbound_mail_id: " + job.payload);
  return prepare(payload["inbound_mail_id"].get<std::int64_t>());
}

Status MailIntake::process(std::int64_t inbound_mail_id) {
  TANDEM_ASSIGN(const auto apply, prepare(inbound_mail_id));
  return db_.write(apply);
}

Result<JobRunner::Apply> MailIntake::prepare(std::int64_t inbound_mail_id) {
  std::optional<store::InboundMailRow> row;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(row, store::find_inbound_mail(txn, inbound_mail_id));
    return {};
  }));
  if (!row || row->state == "done") return JobRunner::Apply([](store::Txn&) { return Status{}; });
  TANDEM_ASSIGN(const std::string raw, files_.read_content(row->sha256));
  auto in = std::make_shared<Incoming>();
  in->inbound_mail_id = inbound_mail_id;
  in->mail = parse_mail(raw);
  in->body = cut(trim_quoted(in->mail.text), kMaxTextBytes);
  in->title = title_of(in->mail, in->body);
  in->now = clock_.now_ms();
  TANDEM_ASSIGN(in->email, recent_settings());

  // Contents first (outside the transaction; content already stored is not written again).
  for (const auto& attachment : in->mail.attachments) {
    TANDEM_ASSIGN(auto file, files_.store_content(attachment.name, attachment.content));
    in->files.push_back(std::move(file));
  }
  store::FileRow original;
  original.sha256 = row->sha256;
  original.size = row->size;
  original.mime = "message/rfc822";
  original.name = sanitize_file_name(cut(in->title, 120) + ".eml");
  original.created_at = in->now;
  in->files.push_back(std::move(original));

  in->recipients = nlohmann::json::parse(row->recipients).get<std::vector<std::string>>();
  in->recipients.insert(in->recipients.end(), in->mail.recipients.begin(), in->mail.recipients.end());
  in->address = !in->mail.from_address.empty() ? in->mail.from_address : row->sender;
  return JobRunner::Apply([this, in](store::Txn& txn) { return deliver(txn, *in); });
}

Status MailIntake::deliver(store::Txn& txn, const Incoming& in) {
  const ParsedMail& mail = in.mail;
  const TimestampMs now = in.now;
  TANDEM_ASSIGN(const auto current, store::find_inbound_mail(txn, in.inbound_mail_id));
  if (!current || current->state == "done") return {};
  const EmailSettings& email = in.email;
  TANDEM_ASSIGN(const auto portal, load_portal_settings(txn));
  TANDEM_ASSIGN(const Sender sender, sender_of(txn, in.address, mail.from_name, portal, now));
  TANDEM_ASSIGN(const auto thread, thread_of(txn, mail, in.recipients, sender, now));

  Delivery delivery;
  delivery.item_id = thread;
  if (!delivery.item_id) {
    TANDEM_ASSIGN(const auto project_id, project_for(txn, sender, portal, now));
    nlohmann::json fields = {{"type", "ticket"},
                             {"title", in.title},
                             {"description", in.body},
                             {"project_id", project_id ? nlohmann::json(*project_id) : nullptr},
                             {"requesters", nlohmann::json::array()}};
    if (sender.party)
      fields["requesters"].push_back({{"kind", sender.party->kind}, {"id", sender.party->id}});
    // As the sender when it may add the ticket there, else as Tandem itself (mail is never refused here).
    auto created = items_.create_item(txn, sender.actor, fields, "email", now);
    if (!created.ok() && !retryable(created.error()))
      created = items_.create_item(txn, Actor::system(), fields, "email", now);
    if (!created.ok() && !retryable(created.error()) && project_id) {
      fields["project_id"] = nullptr;
      created = items_.create_item(txn, Actor::system(), fields, "email", now);
    }
    if (!created.ok()) return created.error();
    delivery.item_id = created->id;
  }
  std::vector<store::FileRow> files = in.files;
  for (auto& file : files) {
    TANDEM_ASSIGN(file.id, store::insert_file(txn, file));
  }
  // A new ticket's text is its description; its first message carries the files.
  const NewMessage message{thread ? in.body : std::string(), "public", {}};
  auto posted = conversations_.post_message(txn, sender.actor, *delivery.item_id, message, files, now);
  if (!posted.ok() && posted.error().code == ErrorCode::not_found)
    posted = conversations_.post_message(txn, Actor::system(), *delivery.item_id, message, files, now);
  if (!posted.ok()) return posted.error();
  delivery.message_id = posted->message.id;

  if (!mail.message_id.empty())
    TANDEM_TRY(
        store::record_message_id(txn, mail.message_id, *delivery.item_id, delivery.message_id, "in", now));
  TANDEM_TRY(store::finish_inbound_mail(txn, in.inbound_mail_id, delivery.item_id, delivery.message_id, now));
  if (thread || !email.auto_reply || !sender.actor.is_customer()) return {};
  bool ours = false;
  if (!mail.message_id.empty()) {
    TANDEM_ASSIGN(ours, store::is_sent_message_id(txn, mail.message_id));
  }
  if (!auto_reply_allowed(mail, email.inbound_addresses, ours)) return {};
  const nlohmann::json payload = {
      {"event", "ticket_received"}, {"item_id", *delivery.item_id}, {"message_id", *delivery.message_id}};
  return status_of(
      store::enqueue_job(txn,
                         {"mail.notify", payload.dump(), now,
                          "mail.notify:ticket_received:" + std::to_string(*delivery.item_id), 10},
                         now));
}

}  // namespace tandem::service
