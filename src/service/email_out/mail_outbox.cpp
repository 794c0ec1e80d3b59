#include "service/email_out/mail_outbox.h"

#include <algorithm>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/email/email_settings.h"
#include "service/email/reply_address.h"
#include "service/email_out/mail_templates.h"
#include "service/email_out/outgoing_mail.h"
#include "store/conversations/message_repository.h"
#include "store/email_out/mail_out_repository.h"

namespace tandem::service {

namespace {

constexpr std::size_t kThreadReferences =
    10;                                 // References: the thread's first Message-ID and this many last ones
constexpr int kThreadCandidates = 100;  // the last Message-IDs of an item read to choose them from
constexpr int kMailMaxAttempts = 30;    // with backoff capped at an hour: about a day of relay trouble

Error bad_payload(const store::Job& job, const std::string& what) {
  return Error::make(ErrorCode::validation_failed,
                     "job " + std::to_string(job.id) + " (" + job.kind + "): " + what);
}

Status enqueue_notify(store::Txn& txn, std::string_view event, std::int64_t item_id,
                      std::optional<std::int64_t> message_id, TimestampMs run_at, TimestampMs now) {
  const nlohmann::json payload = {{"event", event},
                                  {"item_id", item_id},
                                  {"message_id", message_id ? nlohmann::json(*message_id) : nullptr}};
  store::NewJob job;
  job.kind = std::string(kMailNotifyJob);
  job.payload = payload.dump();
  job.run_at = run_at;
  job.max_attempts = kMailMaxAttempts;
  return status_of(store::enqueue_job(txn, job, now));
}

// Who mail comes from. Errors: unavailable when there is no relay or no sender address to send with.
struct Sender {
  std::string name;
  std::string address;
};

Result<Sender> sender_of(const EmailSettings& settings) {
  if (settings.smtp.host.empty())
    return Error::make(ErrorCode::unavailable, "no SMTP relay is configured; the mail waits for one");
  const std::string address = !settings.from_address.empty()        ? settings.from_address
                              : !settings.inbound_addresses.empty() ? settings.inbound_addresses.front()
                                                                    : std::string();
  if (address.empty())
    return Error::make(
        ErrorCode::unavailable,
        "no sender address is configured (from_address or an inbound address); the mail waits");
  return Sender{settings.from_name, address};
}

// What a mail.notify job needs, read in one transaction.
struct Notification {
  std::string event;
  EmailSettings settings;
  std::string secret;
  store::MailItemRow item;
  std::optional<store::MessageRow> message;
  std::vector<store::MailRecipientRow> recipients;  // those not mailed by an earlier attempt
  std::vector<std::string> thread;
};

bool is_author(const store::MailRecipientRow& recipient, const std::optional<store::MessageRow>& message) {
  return message && message->author_kind == recipient.kind && message->author_id == recipient.id;
}

Result<std::vector<store::MailRecipientRow>> recipients_for(store::Txn& txn, const Notification& n) {
  std::vector<store::MailRecipientRow> recipients;
  if (n.event == "internal_message") {
    TANDEM_ASSIGN(recipients, store::item_user_recipients(txn, n.item.id));
    std::vector<store::MailRecipientRow> unseen;
    for (auto& user : recipients) {
      if (is_author(user, n.message)) continue;
      TANDEM_ASSIGN(const std::int64_t last_read, store::last_read_message(txn, user.id, n.item.id));
      if (last_read < n.message->id) unseen.push_back(std::move(user));
    }
    return unseen;
  }
  if (n.event == "agent_reply" && n.message->visibility != "public") return recipients;  // never a note
  TANDEM_ASSIGN(recipients, store::item_customer_recipients(txn, n.item.id));
  if (n.event == "agent_reply")
    std::erase_if(recipients, [&](const auto& customer) { return is_author(customer, n.message); });
  return recipients;
}

// What tells the mail of one recipient apart in our Message-IDs: ".c12@" (customer 12), ".u3@" (user 3).
std::string recipient_tag(const store::MailRecipientRow& to) {
  return "." + to.kind.substr(0, 1) + std::to_string(to.id) + "@";
}

std::string mail_id_for(const Notification& n, const store::Job& job, const store::MailRecipientRow& to,
                        const std::string& domain) {
  return "tandem." + std::to_string(n.item.number) + ".j" + std::to_string(job.id) + recipient_tag(to) +
         domain;
}

// The References of a mail to `to`: the item's Message-IDs without our mail to other people (their
// clients never saw it), the first and the last kThreadReferences.
std::vector<std::string> thread_for(const std::vector<std::string>& thread,
                                    const store::MailRecipientRow& to) {
  const std::string tag = recipient_tag(to);
  std::vector<std::string> seen;
  for (const auto& id : thread)
    if (!id.starts_with("tandem.") || id.find(tag) != std::string::npos) seen.push_back(id);
  if (seen.size() > kThreadReferences + 1) seen.erase(seen.begin() + 1, seen.end() - kThreadReferences);
  return seen;
}

std::string item_link(const std::string& public_url, const store::MailItemRow& item, std::string_view kind) {
  const std::string number = std::to_string(item.number);
  if (kind == "customer") return public_url + "/portal/tickets/" + number;
  const std::string app = item.type == "ticket" ? "tickets" : item.type == "task" ? "tasks" : "items";
  return public_url + "/" + app + "/" + number;
}

std::string_view auto_submitted_for(std::string_view event) {
  if (event == "ticket_received") return "auto-replied";
  if (event == "agent_reply") return "";  // written by a person
  return "auto-generated";
}

Placeholders placeholders_for(const Notification& n, const store::MailRecipientRow& to, std::string link) {
  Placeholders values = {{"ticket.number", std::to_string(n.item.number)},
                         {"ticket.title", n.item.title},
                         {"ticket.status", n.item.status},
                         {"customer.name", to.name},
                         {"recipient.name", to.name},
                         {"link", std::move(link)}};
  if (n.message) {
    values["message.text"] = n.message->body;
    values["message.author"] = n.message->author_name;
    values["message.visibility"] = n.message->visibility == "public" ? "public reply" : "internal note";
  }
  return values;
}

Result<std::int64_t> id_member(const store::Job& job, const nlohmann::json& payload, const char* name) {
  const auto it = payload.find(name);
  if (it == payload.end() || !it->is_number_integer() || it->get<std::int64_t>() <= 0)
    return bad_payload(job, std::string(name) + " must be a positive id");
  return it->get<std::int64_t>();
}

}  // namespace

Status enqueue_message_mail(store::Txn& txn, std::int64_t item_id, std::int64_t message_id, bool is_public,
                            TimestampMs now) {
  if (is_public) TANDEM_TRY(enqueue_notify(txn, "agent_reply", item_id, message_id, now, now));
  TANDEM_ASSIGN(const EmailSettings settings, load_email_settings(txn));
  const TimestampMs delay = std::int64_t{std::max(settings.notify_delay_seconds, 0)} * 1000;
  return enqueue_notify(txn, "internal_message", item_id, message_id, now + delay, now);
}

Status enqueue_status_mail(store::Txn& txn, std::int64_t item_id, TimestampMs now) {
  return enqueue_notify(txn, "status_changed", item_id, std::nullopt, now, now);
}

MailOutbox::MailOutbox(store::Database& db, const Clock& clock, MailTransport transport,
                       std::string public_url)
    : db_(db), clock_(clock), transport_(std::move(transport)), public_url_(std::move(public_url)) {
  while (!public_url_.empty() && public_url_.back() == '/') public_url_.pop_back();
}

void MailOutbox::register_handlers(JobRunner& jobs) {
  jobs.handle(std::string(kMailSendJob), [this](const store::Job& job) { return send(job); });
  jobs.handle(std::string(kMailNotifyJob), [this](const store::Job& job) { return notify(job); });
}

Status MailOutbox::send(const store::Job& job) {
  const nlohmann::json payload = nlohmann::json::parse(job.payload, nullptr, false);
  if (!payload.is_object() || !payload.contains("to") || !payload["to"].is_string())
    return bad_payload(job, "the payload needs \"to\"");
  EmailSettings settings;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(settings, load_email_settings(txn));
    return {};
  }));
  TANDEM_ASSIGN(const Sender sender, sender_of(settings));
  OutgoingMail mail;
  mail.from_name = sender.name;
  mail.from_address = sender.address;
  mail.to_name = payload.value("name", "");
  mail.to_address = payload["to"].get<std::string>();
  if (const std::string name = payload.value("template", ""); !name.empty()) {
    const Placeholders values = {{"customer.name", mail.to_name},
                                 {"recipient.name", mail.to_name},
                                 {"link", public_url_ + payload.value("link", "")},
                                 {"link.hours", std::to_string(payload.value("hours", 0))}};
    const auto language = payload.find("language");
    const MailTemplate rendered =
        render_mail_template(settings, name,
                             language != payload.end() && language->is_string() ? language->get<std::string>()
                                                                                : settings.default_language,
                             values);
    mail.subject = rendered.subject;
    mail.text = rendered.text;
  } else {
    mail.subject = payload.value("subject", "");
    mail.text = payload.value("text", "");
  }
  mail.message_id = "tandem.0.j" + std::to_string(job.id) + "@" + mail_domain(sender.address);
  mail.auto_submitted = "auto-generated";
  mail.date = clock_.now_ms();
  return transport_(settings.smtp, {sender.address, mail.to_address, build_message(mail)});
}

Status MailOutbox::notify(const store::Job& job) {
  const nlohmann::json payload = nlohmann::json::parse(job.payload, nullptr, false);
  if (!payload.is_object() || !payload.contains("event") || !payload["event"].is_string())
    return bad_payload(job, "the payload needs \"event\"");
  Notification n;
  n.event = payload["event"].get<std::string>();
  const auto& names = mail_template_names();
  if (n.event == "customer_invitation" || n.event == "password_reset" ||
      std::find(names.begin(), names.end(), n.event) == names.end())
    return bad_payload(job, "unknown event " + n.event);
  TANDEM_ASSIGN(const std::int64_t item_id, id_member(job, payload, "item_id"));
  std::optional<std::int64_t> message_id;
  const bool needs_message = n.event == "agent_reply" || n.event == "internal_message";
  if (needs_message || (payload.contains("message_id") && !payload["message_id"].is_null())) {
    TANDEM_ASSIGN(message_id, id_member(job, payload, "message_id"));
  }

  bool gone = false;
  std::string domain;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(n.settings, load_email_settings(txn));
    TANDEM_ASSIGN(const auto item, store::find_mail_item(txn, item_id));
    if (message_id) {
      TANDEM_ASSIGN(n.message, store::find_message(txn, item_id, *message_id, {"1", {}}));
    }
    gone = !item || (message_id && !n.message);
    if (gone) return {};
    n.item = *item;
    TANDEM_ASSIGN(auto recipients, recipients_for(txn, n));
    if (recipients.empty()) return {};
    TANDEM_ASSIGN(n.secret, load_mail_secret(txn));
    TANDEM_ASSIGN(n.thread, store::item_mail_thread(txn, item_id, kThreadCandidates));
    const auto sender = sender_of(n.settings);
    domain = mail_domain(sender.ok() ? sender.value().address : "");
    for (auto& recipient : recipients) {
      TANDEM_ASSIGN(const bool sent, store::sent_mail_recorded(txn, mail_id_for(n, job, recipient, domain)));
      if (!sent) n.recipients.push_back(std::move(recipient));
    }
    return {};
  }));
  if (gone || n.recipients.empty()) return {};
  TANDEM_ASSIGN(const Sender sender, sender_of(n.settings));

  const std::string reply_to =
      n.settings.inbound_addresses.empty()
          ? std::string()
          : reply_address(n.settings.inbound_addresses.front(), n.item.number, n.secret);
  for (const auto& recipient : n.recipients) {
    const MailTemplate rendered = render_mail_template(
        n.settings, n.event, recipient.language.empty() ? n.settings.default_language : recipient.language,
        placeholders_for(n, recipient, item_link(public_url_, n.item, recipient.kind)));
    OutgoingMail mail;
    mail.from_name = sender.name;
    mail.from_address = sender.address;
    mail.to_name = recipient.name;
    mail.to_address = recipient.email;
    mail.reply_to = reply_to;
    mail.subject = rendered.subject;
    mail.text = rendered.text;
    mail.message_id = mail_id_for(n, job, recipient, domain);
    mail.references = thread_for(n.thread, recipient);
    mail.auto_submitted = auto_submitted_for(n.event);
    mail.date = clock_.now_ms();
    TANDEM_TRY(transport_(n.settings.smtp, {sender.address, recipient.email, build_message(mail)}));
    TANDEM_TRY(db_.write([&](store::Txn& txn) {
      return store::record_sent_mail(txn, mail.message_id, n.item.id,
                                     n.message ? std::optional(n.message->id) : std::nullopt, mail.date);
    }));
  }
  return {};
}

}  // namespace tandem::service
