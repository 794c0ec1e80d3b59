// The email settings document ("email" in the settings table): the addresses mail arrives at, the IMAP
// mailboxes polled for more, the SMTP relay mail leaves through, the sender's name, message templates and
// the limits that protect the inbox. Missing keys take the defaults below. Passwords are stored but never
// shown: the API JSON says only whether one is set.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace tandem::service {

/// How a mail connection is protected: plain text, STARTTLS after connecting, or TLS from the start.
enum class MailSecurity { none, starttls, tls };

struct ImapMailbox {
  std::string host;
  std::uint16_t port = 993;
  MailSecurity security = MailSecurity::tls;
  std::string user;
  std::string password;
  std::string folder = "INBOX";
  std::optional<std::string> move_to;  // imported mail is moved here; when empty it is only marked seen
  bool enabled = true;
};

struct SmtpRelay {
  std::string host;  // empty: outgoing mail stays queued until a relay is configured
  std::uint16_t port = 587;
  MailSecurity security = MailSecurity::starttls;
  std::string user;  // empty: no authentication
  std::string password;
  std::string ca_file;  // a PEM file of the CAs trusted for the relay's certificate; empty: the system's
};

/// A message template in one language; the text may hold {{placeholders}}.
struct MailTemplate {
  std::string subject;
  std::string text;
};

struct EmailSettings {
  std::vector<std::string> inbound_addresses;  // mail to these (and their +suffixes) is accepted
  std::vector<ImapMailbox> imap_mailboxes;
  SmtpRelay smtp;
  std::string from_name = "Tandem Support";
  std::string from_address;       // empty: the first inbound address
  bool auto_reply = true;         // acknowledge a new ticket to its sender
  int notify_delay_seconds = 60;  // internal users get mail for messages unseen in the app this long
  std::int64_t max_message_bytes = 25 * 1024 * 1024;  // larger inbound mail is refused
  int sender_limit_per_hour = 30;                     // inbound messages accepted per sender and hour
  std::string default_language = "en";  // the mail of users and customers without a language of their own
  // Overrides of the built-in templates: name (see mail_template_names) → language ("en", "ru") → template.
  std::map<std::string, std::map<std::string, MailTemplate>> templates;
};

/// Whether Tandem writes mail in `language`: "en" or "ru".
bool is_mail_language(std::string_view language);

/// The names of the message templates: ticket_received, agent_reply, status_changed,
/// customer_invitation, password_reset, internal_message.
const std::vector<std::string>& mail_template_names();

/// The stored email settings (defaults for what is not stored).
Result<EmailSettings> load_email_settings(store::Txn& txn);
/// Stores the settings, passwords included, and changes email_settings_version(). Writable transaction.
Status store_email_settings(store::Txn& txn, const EmailSettings& settings, TimestampMs now);
/// A number that changes whenever this process stores the email settings: a copy read while it had
/// another value is stale.
std::uint64_t email_settings_version();
/// The settings as API JSON: passwords are replaced by "password_set": true|false.
nlohmann::json email_settings_json(const EmailSettings& settings);
/// `base` with the members of `body` applied. A mailbox or relay given without "password" keeps the
/// password `base` has for the same host and user. Errors: validation_failed (details.field names the
/// member).
Result<EmailSettings> apply_email_settings(EmailSettings base, const nlohmann::json& body);

/// The email settings through the API: admins only, passwords never shown.
class EmailSettingsService {
 public:
  EmailSettingsService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// The settings as API JSON. Errors: forbidden (not an admin).
  Result<nlohmann::json> get(const Actor& actor);
  /// Applies `body` (see apply_email_settings), records `settings.updated` without secrets and returns the
  /// settings as API JSON. Errors: forbidden (not an admin), validation_failed.
  Result<nlohmann::json> update(const Actor& actor, const nlohmann::json& body);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace tandem::service
