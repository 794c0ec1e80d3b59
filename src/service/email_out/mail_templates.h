// The texts of outgoing mail: built-in templates in English and Russian, the administrator's overrides
// from the email settings, and {{placeholder}} substitution.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "service/email/email_settings.h"

namespace tandem::service {

/// The values of a template's placeholders, e.g. "ticket.number" → "1042".
using Placeholders = std::map<std::string, std::string, std::less<>>;

/// `text` with every {{name}} (spaces inside the braces allowed) replaced by its value; a placeholder
/// without a value becomes empty, and text that is no placeholder is kept as it is.
std::string render_placeholders(std::string_view text, const Placeholders& values);

/// The template `name` (see mail_template_names) in `language`: the settings' override for that language,
/// else the built-in one; languages without a built-in template fall back to English.
MailTemplate mail_template(const EmailSettings& settings, std::string_view name, std::string_view language);

/// The template `name` in `language` with its placeholders filled in.
MailTemplate render_mail_template(const EmailSettings& settings, std::string_view name,
                                  std::string_view language, const Placeholders& values);

}  // namespace tandem::service
