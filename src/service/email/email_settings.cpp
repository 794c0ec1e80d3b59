#include "service/email/email_settings.h"

#include <algorithm>
#include <atomic>

#include "core/policy.h"
#include "store/event_log.h"
#include "store/settings/settings_repository.h"

namespace tandem::service {

namespace {

constexpr std::string_view kKey = "email";

std::atomic<std::uint64_t> settings_version{0};

Error invalid(std::string field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::move(field));
}

std::string_view security_name(MailSecurity security) {
  switch (security) {
    case MailSecurity::none:
      return "none";
    case MailSecurity::starttls:
      return "starttls";
    case MailSecurity::tls:
      return "tls";
  }
  return "none";
}

// Reads member `key` of `object` into `out` when present; `field` names it in errors.
template <typename T>
Status read(const nlohmann::json& object, std::string_view key, const std::string& field, T& out) {
  const auto it = object.find(key);
  if (it == object.end()) return {};
  if constexpr (std::is_same_v<T, bool>) {
    if (!it->is_boolean()) return invalid(field, field + " must be true or false");
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!it->is_string()) return invalid(field, field + " must be text");
  } else {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0 ||
        it->get<std::int64_t>() > std::numeric_limits<T>::max())
      return invalid(field, field + " must be a whole number from 0 to " +
                                std::to_string(std::numeric_limits<T>::max()));
  }
  out = it->get<T>();
  return {};
}

Status read_security(const nlohmann::json& object, const std::string& field, MailSecurity& out) {
  const auto it = object.find("security");
  if (it == object.end()) return {};
  for (const auto security : {MailSecurity::none, MailSecurity::starttls, MailSecurity::tls})
    if (it->is_string() && it->get<std::string>() == security_name(security)) {
      out = security;
      return {};
    }
  return invalid(field, field + " must be none, starttls or tls");
}

Status check_members(const nlohmann::json& object, const std::string& prefix,
                     std::initializer_list<std::string_view> known) {
  if (!object.is_object()) return invalid(prefix.empty() ? "settings" : prefix, "expected an object");
  for (const auto& [key, value] : object.items())
    if (std::find(known.begin(), known.end(), key) == known.end())
      return invalid(prefix + key, "there is no email setting " + prefix + key);
  return {};
}

bool plausible_address(const std::string& address) {
  const auto at = address.find('@');
  return at != std::string::npos && at > 0 && at + 1 < address.size() &&
         address.find_first_of(" \t\r\n<>,;\"") == std::string::npos &&
         address.find('@', at + 1) == std::string::npos;
}

// The password stored for the same host and user, so that a client that never sees it can keep it.
template <typename Connection>
std::string kept_password(const std::vector<Connection>& before, const Connection& now) {
  for (const auto& old : before)
    if (old.host == now.host && old.user == now.user) return old.password;
  return {};
}

Result<ImapMailbox> parse_mailbox(const nlohmann::json& body, const std::string& field,
                                  const std::vector<ImapMailbox>& before) {
  TANDEM_TRY(check_members(
      body, field + ".",
      {"host", "port", "security", "user", "password", "password_set", "folder", "move_to", "enabled"}));
  ImapMailbox mailbox;
  TANDEM_TRY(read(body, "host", field + ".host", mailbox.host));
  TANDEM_TRY(read(body, "port", field + ".port", mailbox.port));
  TANDEM_TRY(read_security(body, field + ".security", mailbox.security));
  TANDEM_TRY(read(body, "user", field + ".user", mailbox.user));
  TANDEM_TRY(read(body, "folder", field + ".folder", mailbox.folder));
  TANDEM_TRY(read(body, "enabled", field + ".enabled", mailbox.enabled));
  if (const auto it = body.find("move_to"); it != body.end() && !it->is_null()) {
    if (!it->is_string() || it->get<std::string>().empty())
      return invalid(field + ".move_to", field + ".move_to must be a folder name or null");
    mailbox.move_to = it->get<std::string>();
  }
  if (mailbox.host.empty()) return invalid(field + ".host", field + ".host is required");
  if (mailbox.port == 0) return invalid(field + ".port", field + ".port must be from 1 to 65535");
  if (mailbox.folder.empty()) return invalid(field + ".folder", field + ".folder is required");
  mailbox.password = kept_password(before, mailbox);
  TANDEM_TRY(read(body, "password", field + ".password", mailbox.password));
  return mailbox;
}

Status apply_smtp(const nlohmann::json& body, SmtpRelay& smtp) {
  TANDEM_TRY(check_members(body, "smtp.",
                           {"host", "port", "security", "user", "password", "password_set", "ca_file"}));
  const SmtpRelay before = smtp;
  TANDEM_TRY(read(body, "host", "smtp.host", smtp.host));
  TANDEM_TRY(read(body, "port", "smtp.port", smtp.port));
  TANDEM_TRY(read_security(body, "smtp.security", smtp.security));
  TANDEM_TRY(read(body, "user", "smtp.user", smtp.user));
  TANDEM_TRY(read(body, "ca_file", "smtp.ca_file", smtp.ca_file));
  if (smtp.port == 0) return invalid("smtp.port", "smtp.port must be from 1 to 65535");
  smtp.password = kept_password(std::vector<SmtpRelay>{before}, smtp);
  return read(body, "password", "smtp.password", smtp.password);
}

Status apply_templates(const nlohmann::json& body, EmailSettings& s) {
  if (!body.is_object()) return invalid("templates", "templates must be an object of template names");
  const auto& names = mail_template_names();
  for (const auto& [name, languages] : body.items()) {
    const std::string field = "templates." + name;
    if (std::find(names.begin(), names.end(), name) == names.end())
      return invalid(field, "there is no message template " + name);
    if (languages.is_null()) {
      s.templates.erase(name);
      continue;
    }
    if (!languages.is_object()) return invalid(field, field + " must map languages to {subject, text}");
    std::map<std::string, MailTemplate> by_language;
    for (const auto& [language, body_of_language] : languages.items()) {
      const std::string language_field = field + "." + language;
      if (!is_mail_language(language)) return invalid(language_field, "languages are en and ru");
      TANDEM_TRY(check_members(body_of_language, language_field + ".", {"subject", "text"}));
      MailTemplate mail_template;
      TANDEM_TRY(read(body_of_language, "subject", language_field + ".subject", mail_template.subject));
      TANDEM_TRY(read(body_of_language, "text", language_field + ".text", mail_template.text));
      if (mail_template.subject.empty() || mail_template.text.empty())
        return invalid(language_field, language_field + " needs a subject and a text");
      by_language[language] = std::move(mail_template);
    }
    s.templates[name] = std::move(by_language);
  }
  return {};
}

nlohmann::json templates_json(const EmailSettings& s) {
  nlohmann::json templates = nlohmann::json::object();
  for (const auto& [name, languages] : s.templates)
    for (const auto& [language, mail_template] : languages)
      templates[name][language] = {{"subject", mail_template.subject}, {"text", mail_template.text}};
  return templates;
}

// The settings as JSON; with `secrets`, passwords included (the stored form).
nlohmann::json settings_json(const EmailSettings& s, bool secrets) {
  auto password = [&](nlohmann::json& object, const std::string& value) {
    if (secrets)
      object["password"] = value;
    else
      object["password_set"] = !value.empty();
  };
  nlohmann::json mailboxes = nlohmann::json::array();
  for (const auto& m : s.imap_mailboxes) {
    nlohmann::json mailbox = {{"host", m.host},
                              {"port", m.port},
                              {"security", security_name(m.security)},
                              {"user", m.user},
                              {"folder", m.folder},
                              {"move_to", m.move_to ? nlohmann::json(*m.move_to) : nullptr},
                              {"enabled", m.enabled}};
    password(mailbox, m.password);
    mailboxes.push_back(std::move(mailbox));
  }
  nlohmann::json smtp = {{"host", s.smtp.host},
                         {"port", s.smtp.port},
                         {"security", security_name(s.smtp.security)},
                         {"user", s.smtp.user},
                         {"ca_file", s.smtp.ca_file}};
  password(smtp, s.smtp.password);
  return {{"inbound_addresses", s.inbound_addresses},
          {"imap_mailboxes", std::move(mailboxes)},
          {"smtp", std::move(smtp)},
          {"from_name", s.from_name},
          {"from_address", s.from_address},
          {"auto_reply", s.auto_reply},
          {"notify_delay_seconds", s.notify_delay_seconds},
          {"max_message_bytes", s.max_message_bytes},
          {"sender_limit_per_hour", s.sender_limit_per_hour},
          {"default_language", s.default_language},
          {"templates", templates_json(s)}};
}

}  // namespace

bool is_mail_language(std::string_view language) {
  return language == "en" || language == "ru";
}

const std::vector<std::string>& mail_template_names() {
  static const std::vector<std::string> names = {"ticket_received",     "agent_reply",    "status_changed",
                                                 "customer_invitation", "password_reset", "internal_message"};
  return names;
}

nlohmann::json email_settings_json(const EmailSettings& settings) {
  return settings_json(settings, false);
}

Result<EmailSettings> apply_email_settings(EmailSettings s, const nlohmann::json& body) {
  TANDEM_TRY(check_members(body, "",
                           {"inbound_addresses", "imap_mailboxes", "smtp", "from_name", "from_address",
                            "auto_reply", "notify_delay_seconds", "max_message_bytes",
                            "sender_limit_per_hour", "default_language", "templates"}));
  if (const auto it = body.find("inbound_addresses"); it != body.end()) {
    if (!it->is_array())
      return invalid("inbound_addresses", "inbound_addresses must be an array of addresses");
    std::vector<std::string> addresses;
    for (const auto& address : *it) {
      if (!address.is_string() || !plausible_address(address.get<std::string>()))
        return invalid("inbound_addresses",
                       "inbound_addresses must hold email addresses like support@example.com");
      std::string lower = address.get<std::string>();
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      if (std::find(addresses.begin(), addresses.end(), lower) == addresses.end()) addresses.push_back(lower);
    }
    s.inbound_addresses = std::move(addresses);
  }
  if (const auto it = body.find("imap_mailboxes"); it != body.end()) {
    if (!it->is_array()) return invalid("imap_mailboxes", "imap_mailboxes must be an array of mailboxes");
    std::vector<ImapMailbox> mailboxes;
    for (std::size_t i = 0; i < it->size(); ++i) {
      TANDEM_ASSIGN(auto mailbox,
                    parse_mailbox((*it)[i], "imap_mailboxes." + std::to_string(i), s.imap_mailboxes));
      mailboxes.push_back(std::move(mailbox));
    }
    s.imap_mailboxes = std::move(mailboxes);
  }
  if (const auto it = body.find("smtp"); it != body.end()) TANDEM_TRY(apply_smtp(*it, s.smtp));
  TANDEM_TRY(read(body, "from_name", "from_name", s.from_name));
  TANDEM_TRY(read(body, "from_address", "from_address", s.from_address));
  if (!s.from_address.empty() && !plausible_address(s.from_address))
    return invalid("from_address", "from_address must be an email address or empty");
  TANDEM_TRY(read(body, "auto_reply", "auto_reply", s.auto_reply));
  TANDEM_TRY(read(body, "notify_delay_seconds", "notify_delay_seconds", s.notify_delay_seconds));
  TANDEM_TRY(read(body, "max_message_bytes", "max_message_bytes", s.max_message_bytes));
  if (s.max_message_bytes < 1024)
    return invalid("max_message_bytes", "max_message_bytes must be at least 1024");
  TANDEM_TRY(read(body, "sender_limit_per_hour", "sender_limit_per_hour", s.sender_limit_per_hour));
  TANDEM_TRY(read(body, "default_language", "default_language", s.default_language));
  if (!is_mail_language(s.default_language))
    return invalid("default_language", "default_language must be en or ru");
  if (const auto it = body.find("templates"); it != body.end()) TANDEM_TRY(apply_templates(*it, s));
  return s;
}

Result<EmailSettings> load_email_settings(store::Txn& txn) {
  TANDEM_ASSIGN(const auto stored, store::load_setting(txn, kKey));
  if (!stored) return EmailSettings{};
  return apply_email_settings(EmailSettings{}, nlohmann::json::parse(*stored));
}

Status store_email_settings(store::Txn& txn, const EmailSettings& settings, TimestampMs now) {
  ++settings_version;
  return store::store_setting(txn, kKey, settings_json(settings, true).dump(), now);
}

std::uint64_t email_settings_version() {
  return settings_version;
}

namespace {

Status require_admin(const Actor& actor) {
  if (!Policy::can(actor, Action::manage_settings))
    return Error::make(ErrorCode::forbidden, "only admins see and change the email settings");
  return {};
}

// `body` without its passwords, for the event log.
nlohmann::json without_passwords(nlohmann::json body) {
  if (body.is_object()) {
    body.erase("password");
    for (auto& [key, value] : body.items())
      if (value.is_object() || value.is_array()) value = without_passwords(value);
  } else if (body.is_array()) {
    for (auto& value : body) value = without_passwords(value);
  }
  return body;
}

}  // namespace

Result<nlohmann::json> EmailSettingsService::get(const Actor& actor) {
  TANDEM_TRY(require_admin(actor));
  EmailSettings settings;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(settings, load_email_settings(txn));
    return {};
  }));
  return email_settings_json(settings);
}

Result<nlohmann::json> EmailSettingsService::update(const Actor& actor, const nlohmann::json& body) {
  TANDEM_TRY(require_admin(actor));
  EmailSettings settings;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto current, load_email_settings(txn));
    TANDEM_ASSIGN(settings, apply_email_settings(current, body));
    const TimestampMs now = clock_.now_ms();
    TANDEM_TRY(store_email_settings(txn, settings, now));
    const nlohmann::json payload = {{"key", "email"}, {"changes", without_passwords(body)}};
    return status_of(store::append_event(txn, actor, now, "settings", 0, "settings.updated", payload.dump()));
  }));
  ++settings_version;  // again once committed: a copy read in between holds the old settings
  return email_settings_json(settings);
}

}  // namespace tandem::service
