#include "service/email_out/mail_templates.h"

#include <gtest/gtest.h>

namespace tandem::service {

TEST(MailTemplates, PlaceholdersAreFilledAndUnknownOnesLeftEmpty) {
  const Placeholders values = {{"ticket.number", "1042"}, {"customer.name", "Carla"}};
  EXPECT_EQ(render_placeholders("[#{{ticket.number}}] for {{ customer.name }}{{missing}}!", values),
            "[#1042] for Carla!");
  EXPECT_EQ(render_placeholders("braces { } {{ and {{ticket.number}} and }} {{unclosed", values),
            "braces { } {{ and 1042 and }} {{unclosed");
  EXPECT_EQ(render_placeholders("{{customer.name}}", {{"customer.name", "{{ticket.number}}"}}),
            "{{ticket.number}}")
      << "values are not expanded again";
}

TEST(MailTemplates, EveryTemplateHasBuiltInEnglishAndRussian) {
  const EmailSettings defaults;
  for (const auto& name : mail_template_names()) {
    for (const char* language : {"en", "ru"}) {
      const MailTemplate found = mail_template(defaults, name, language);
      EXPECT_FALSE(found.subject.empty()) << name << " " << language;
      EXPECT_FALSE(found.text.empty()) << name << " " << language;
    }
    EXPECT_NE(mail_template(defaults, name, "en").text, mail_template(defaults, name, "ru").text)
        << name << ": Russian differs from English";
  }
  EXPECT_EQ(mail_template(defaults, "status_changed", "de").text,
            mail_template(defaults, "status_changed", "en").text)
      << "languages without templates fall back to English";
}

TEST(MailTemplates, SettingsOverrideTheBuiltInTemplatePerLanguage) {
  EmailSettings settings;
  settings.templates["agent_reply"]["ru"] = {"Ответ по {{ticket.number}}", "{{message.text}}"};
  const Placeholders values = {{"ticket.number", "7"}, {"message.text", "Готово"}};
  const MailTemplate ru = render_mail_template(settings, "agent_reply", "ru", values);
  EXPECT_EQ(ru.subject, "Ответ по 7");
  EXPECT_EQ(ru.text, "Готово");
  const MailTemplate en = render_mail_template(settings, "agent_reply", "en", values);
  EXPECT_EQ(en.subject, "Re: [#7] ");
  EXPECT_EQ(en.text.rfind("Готово", 0), 0u) << en.text;
}

}  // namespace tandem::service
