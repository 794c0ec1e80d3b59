#include "service/email_out/mail_templates.h"

namespace tandem::service {

namespace {

struct BuiltInTemplate {
  std::string_view name, language, subject, text;
};

constexpr BuiltInTemplate kBuiltIn[] = {
    {"ticket_received", "en", "[#{{ticket.number}}] {{ticket.title}}",
     "Hello {{customer.name}},\n\nwe have received your request and will answer soon. Its number is "
     "{{ticket.number}}; reply to this message to add to it.\n\n{{link}}\n"},
    {"ticket_received", "ru", "[#{{ticket.number}}] {{ticket.title}}",
     "Здравствуйте, {{customer.name}}!\n\nМы получили ваше обращение и скоро ответим. Его номер — "
     "{{ticket.number}}; чтобы дополнить его, ответьте на это письмо.\n\n{{link}}\n"},
    {"agent_reply", "en", "Re: [#{{ticket.number}}] {{ticket.title}}",
     "{{message.text}}\n\n-- \n{{message.author}}\nRequest {{ticket.number}}: {{link}}\n"},
    {"agent_reply", "ru", "Re: [#{{ticket.number}}] {{ticket.title}}",
     "{{message.text}}\n\n-- \n{{message.author}}\nОбращение {{ticket.number}}: {{link}}\n"},
    {"status_changed", "en", "[#{{ticket.number}}] {{ticket.title}}: {{ticket.status}}",
     "Hello {{customer.name}},\n\nthe status of your request {{ticket.number}} \"{{ticket.title}}\" is now: "
     "{{ticket.status}}.\n\n{{link}}\n"},
    {"status_changed", "ru", "[#{{ticket.number}}] {{ticket.title}}: {{ticket.status}}",
     "Здравствуйте, {{customer.name}}!\n\nСтатус вашего обращения {{ticket.number}} «{{ticket.title}}» "
     "изменён: {{ticket.status}}.\n\n{{link}}\n"},
    {"customer_invitation", "en", "Your support portal invitation",
     "Hello {{customer.name}},\n\nYou are invited to our support portal. Choose your password "
     "here:\n{{link}}\n\n"
     "The link works once, for {{link.hours}} hours.\n"},
    {"customer_invitation", "ru", "Приглашение на портал поддержки",
     "Здравствуйте, {{customer.name}}!\n\nВас пригласили на наш портал поддержки. Задайте пароль здесь:\n"
     "{{link}}\n\nСсылка действует один раз, {{link.hours}} ч.\n"},
    {"password_reset", "en", "Reset your support portal password",
     "Hello {{customer.name}},\n\nSomeone asked to reset your support portal password. Choose a new one "
     "here:\n"
     "{{link}}\n\nThe link works once, for {{link.hours}} hours. If you did not ask for this, ignore this "
     "message.\n"},
    {"password_reset", "ru", "Сброс пароля портала поддержки",
     "Здравствуйте, {{customer.name}}!\n\nКто-то попросил сбросить ваш пароль портала поддержки. Задайте "
     "новый "
     "здесь:\n{{link}}\n\nСсылка действует один раз, {{link.hours}} ч. Если вы этого не просили, не "
     "обращайте "
     "внимания на это письмо.\n"},
    {"internal_message", "en", "[#{{ticket.number}}] {{ticket.title}}: new message from {{message.author}}",
     "{{message.author}} wrote on {{ticket.number}} \"{{ticket.title}}\" ({{message.visibility}}):\n\n"
     "{{message.text}}\n\n{{link}}\n"},
    {"internal_message", "ru", "[#{{ticket.number}}] {{ticket.title}}: новое сообщение от {{message.author}}",
     "{{message.author}} пишет в {{ticket.number}} «{{ticket.title}}» ({{message.visibility}}):\n\n"
     "{{message.text}}\n\n{{link}}\n"},
};

const BuiltInTemplate* built_in(std::string_view name, std::string_view language) {
  for (const auto& entry : kBuiltIn)
    if (entry.name == name && entry.language == language) return &entry;
  return nullptr;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string render_placeholders(std::string_view text, const Placeholders& values) {
  std::string out;
  out.reserve(text.size() + 256);
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find("{{", pos);
    const std::size_t close = open == std::string_view::npos ? open : text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    const std::string_view name = trimmed(text.substr(open + 2, close - open - 2));
    out.append(text, pos, open - pos);
    if (name.find_first_of("{}\n") != std::string_view::npos) {
      out.append(text, open, 2);  // not a placeholder: keep the braces and look again after them
      pos = open + 2;
      continue;
    }
    if (const auto it = values.find(name); it != values.end()) out += it->second;
    pos = close + 2;
  }
  out.append(text.substr(std::min(pos, text.size())));
  return out;
}

MailTemplate mail_template(const EmailSettings& settings, std::string_view name, std::string_view language) {
  if (const auto by_name = settings.templates.find(std::string(name)); by_name != settings.templates.end()) {
    if (const auto it = by_name->second.find(std::string(language)); it != by_name->second.end())
      return it->second;
  }
  const BuiltInTemplate* entry = built_in(name, language);
  if (!entry && language != "en") return mail_template(settings, name, "en");
  if (!entry) return {};
  return {std::string(entry->subject), std::string(entry->text)};
}

MailTemplate render_mail_template(const EmailSettings& settings, std::string_view name,
                                  std::string_view language, const Placeholders& values) {
  const MailTemplate pattern = mail_template(settings, name, language);
  return {render_placeholders(pattern.subject, values), render_placeholders(pattern.text, values)};
}

}  // namespace tandem::service
