#include "service/email_in/mail_parser.h"

#include <gtest/gtest.h>

#include <glib.h>

#include <random>

namespace tandem::service {

namespace {

// A message with CRLF line ends from one with "\n".
std::string crlf(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

const std::string kMultipart = crlf(
    "From: =?utf-8?B?0JDQvdC90LA=?= <Anna@Example.RU>\n"
    "To: support@example.com, \"Help\" <help@example.com>\n"
    "Cc: boss@example.ru\n"
    "Subject: =?koi8-r?B?8NLJ18XU?= and =?iso-8859-1?q?caf=E9?=\n"
    "Message-ID: <abc.123@example.ru>\n"
    "In-Reply-To: <parent@example.com>\n"
    "References: <root@example.com> <parent@example.com>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\n"
    "\n"
    "--outer\n"
    "Content-Type: multipart/alternative; boundary=\"alt\"\n"
    "\n"
    "--alt\n"
    "Content-Type: text/plain; charset=windows-1251\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "z/Do4uXyLCDs6PAh\n"
    "--alt\n"
    "Content-Type: multipart/related; boundary=\"rel\"\n"
    "\n"
    "--rel\n"
    "Content-Type: text/html; charset=utf-8\n"
    "\n"
    "<p>HTML version</p>\n"
    "--rel\n"
    "Content-Type: image/png\n"
    "Content-ID: <logo@x>\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "iVBORw0KGgo=\n"
    "--rel--\n"
    "--alt--\n"
    "--outer\n"
    "Content-Type: application/pdf; name=\"=?utf-8?B?0YHRh9GR0YIucGRm?=\"\n"
    "Content-Disposition: attachment\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "JVBERi0xLjQK\n"
    "--outer\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "Subject: forwarded\n"
    "\n"
    "inner body\n"
    "--outer--\n");

}  // namespace

TEST(MailParser, ReadsHeadersEncodedWordsAndAddresses) {
  const ParsedMail mail = parse_mail(kMultipart);
  EXPECT_EQ(mail.message_id, "abc.123@example.ru");
  EXPECT_EQ(mail.in_reply_to, std::vector<std::string>{"parent@example.com"});
  EXPECT_EQ(mail.references, (std::vector<std::string>{"root@example.com", "parent@example.com"}));
  EXPECT_EQ(mail.subject, "Привет and café");
  EXPECT_EQ(mail.from_address, "anna@example.ru");
  EXPECT_EQ(mail.from_name, "Анна");
  EXPECT_EQ(mail.recipients,
            (std::vector<std::string>{"support@example.com", "help@example.com", "boss@example.ru"}));
}

TEST(MailParser, PrefersThePlainTextAndKeepsEveryFile) {
  const ParsedMail mail = parse_mail(kMultipart);
  EXPECT_EQ(mail.text, "Привет, мир!");
  ASSERT_EQ(mail.attachments.size(), 3u);
  EXPECT_EQ(mail.attachments[0].mime, "image/png");
  EXPECT_EQ(mail.attachments[0].content_id, "logo@x");
  EXPECT_EQ(mail.attachments[0].content.substr(1, 3), "PNG");
  EXPECT_EQ(mail.attachments[1].name, "счёт.pdf");
  EXPECT_EQ(mail.attachments[1].content, "%PDF-1.4\n");
  EXPECT_EQ(mail.attachments[2].name, "forwarded.eml");
  EXPECT_NE(mail.attachments[2].content.find("inner body"), std::string::npos);
}

TEST(MailParser, ConvertsEveryCharsetToUtf8) {
  EXPECT_EQ(to_utf8("\xf0\xd2\xc9\xd7\xc5\xd4", "koi8-r"), "Привет");
  EXPECT_EQ(to_utf8("\xcf\xf0\xe8\xe2\xe5\xf2", "windows-1251"), "Привет");
  EXPECT_EQ(to_utf8("\xcf\xf0\xe8\xe2\xe5\xf2", "cp1251"), "Привет");
  EXPECT_EQ(to_utf8("caf\xe9", "iso-8859-1"), "café");
  EXPECT_EQ(to_utf8("caf\xe9", "latin1"), "café");
  EXPECT_EQ(to_utf8("\xa4", "iso-8859-15"), "€");
  EXPECT_EQ(to_utf8("café", ""), "café");            // undeclared but valid UTF-8
  EXPECT_EQ(to_utf8("caf\xe9", ""), "café");         // undeclared 8-bit: Windows-1252
  EXPECT_EQ(to_utf8("caf\xe9", "no-such"), "café");  // unknown charset
  EXPECT_TRUE(g_utf8_validate(to_utf8("\xff\xfe\x80", "utf-8").c_str(), -1, nullptr));
}

TEST(MailParser, MakesHtmlReadableText) {
  EXPECT_EQ(html_to_text("<html><head><title>t</title><style>p{}</style></head><body>"
                         "<script>alert(1)</script><p>Hello&nbsp;<b>world</b> &amp; co</p>"
                         "<!-- hidden --><ul><li>one</li><li>two</li></ul>"
                         "<a href=\"https://example.com/x?a=1&amp;b=2\">the site</a><br>"
                         "<a href=\"javascript:alert(1)\">bad</a> &#1055;&#x440;&lt;b&gt;</body></html>"),
            "Hello world & co\n\n- one\n- two\nthe site (https://example.com/x?a=1&b=2)\nbad Пр<b>");
  EXPECT_EQ(html_to_text("<p>unfinished <b"), "unfinished");
  EXPECT_EQ(html_to_text(""), "");
}

TEST(MailParser, UsesTheHtmlWhenThereIsNoPlainText) {
  const ParsedMail mail = parse_mail(
      crlf("From: a@b.example\nSubject: html\nContent-Type: text/html; charset=iso-8859-1\n\n<div>Gr\xfc\xdf"
           "e<script>x()</script></div>\n"));
  EXPECT_EQ(mail.text, "Grüße");
}

TEST(MailParser, ReadsLoopHeaders) {
  const ParsedMail mail =
      parse_mail(crlf("From: MAILER-DAEMON@example.com\nAuto-Submitted: Auto-Replied\nPrecedence: Bulk\n"
                      "List-Id: <list.example.com>\nX-Auto-Response-Suppress: All\n\nbody\n"));
  EXPECT_EQ(mail.auto_submitted, "auto-replied");
  EXPECT_EQ(mail.precedence, "bulk");
  EXPECT_TRUE(mail.list_mail);
  EXPECT_TRUE(mail.auto_response);
  EXPECT_EQ(mail.from_address, "mailer-daemon@example.com");
}

TEST(MailParser, ReadsRawHeadersWithoutParsing) {
  const std::string raw =
      crlf("From: Ann\n <Ann@Acme.Example>\nmessage-id:  <X@y>\n\nMessage-ID: <body@z>\n");
  EXPECT_EQ(raw_header(raw, "Message-ID"), "<X@y>");
  EXPECT_EQ(address_in(raw_header(raw, "From")), "ann@acme.example");
  EXPECT_EQ(raw_header(raw, "Subject"), "");
  EXPECT_EQ(address_in("plain@address.example (Ann)"), "plain@address.example");
  EXPECT_EQ(address_in("no address"), "");
}

// Truncated, garbled and random messages: every one parses to valid UTF-8 without crashing.
TEST(MailParser, SurvivesTruncatedAndGarbledMessages) {
  std::mt19937 random(42);
  std::vector<std::string> corpus;
  for (std::size_t cut = 0; cut <= kMultipart.size(); cut += 7) corpus.push_back(kMultipart.substr(0, cut));
  for (int i = 0; i < 300; ++i) {
    std::string garbled = kMultipart;
    for (int flips = 0; flips < 20; ++flips)
      garbled[random() % garbled.size()] = static_cast<char>(random() % 256);
    corpus.push_back(std::move(garbled));
  }
  for (int i = 0; i < 50; ++i) {
    std::string noise(random() % 4096, '\0');
    for (auto& c : noise) c = static_cast<char>(random() % 256);
    corpus.push_back(std::move(noise));
  }
  corpus.push_back(std::string(200, '\n'));
  corpus.push_back("Content-Type: multipart/mixed; boundary=a\r\n\r\n" + std::string(2000, '-') + "--a\r\n");
  std::string nested = "Content-Type: multipart/mixed; boundary=b\r\n\r\n";
  for (int depth = 0; depth < 200; ++depth)
    nested += "--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n";
  corpus.push_back(nested);
  for (const auto& raw : corpus) {
    const ParsedMail mail = parse_mail(raw);
    EXPECT_TRUE(g_utf8_validate(mail.text.c_str(), static_cast<gssize>(mail.text.size()), nullptr));
    EXPECT_TRUE(g_utf8_validate(mail.subject.c_str(), static_cast<gssize>(mail.subject.size()), nullptr));
    for (const auto& attachment : mail.attachments)
      EXPECT_TRUE(
          g_utf8_validate(attachment.name.c_str(), static_cast<gssize>(attachment.name.size()), nullptr));
  }
}

TEST(MailParser, FoldedEncodedWordsMakeOneSubject) {
  const ParsedMail mail = parse_mail(
      "From: a@example.com\r\nSubject: =?UTF-8?B?0J/RgNC40LPQu9Cw0YjQtdC90LjQtSDQvdCwINC/0L7RgNGC0LA=?=\r\n"
      " =?UTF-8?B?0Lsg0L/QvtC00LTQtdGA0LbQutC4?=\r\nDate: Fri, 04 Dec 2026 08:00:00 +0000\r\n\r\nbody\r\n");
  EXPECT_EQ(mail.subject, "Приглашение на портал поддержки");
  const ParsedMail unpadded = parse_mail(
      "From: a@example.com\r\nSubject: =?UTF-8?B?0J/RgNC40LPQu9Cw0YjQtdC90LjQtSDQvdCwINC/0L7RgNGC?=\r\n"
      " =?UTF-8?B?0LDQuyDQv9C+0LTQtNC10YDQttC60Lg=?=\r\n\r\nbody\r\n");
  EXPECT_EQ(unpadded.subject, "Приглашение на портал поддержки");
  const ParsedMail named = parse_mail(
      "From: =?UTF-8?B?0J/RgNC40LPQu9Cw0YjQtdC90LjQtSDQvdCwINC/0L7RgNGC0LA=?=\r\n"
      " =?UTF-8?B?0Lsg0L/QvtC00LTQtdGA0LbQutC4?= <a@example.com>\r\n"
      "Content-Type: text/plain; name=\"=?UTF-8?B?0J/RgNC40LPQu9Cw0YjQtdC90LjQtSDQvdCwINC/0L7RgNGC0LA=?=\r\n"
      " =?UTF-8?B?0Lsg0L/QvtC00LTQtdGA0LbQutC4?=\"\r\nContent-Disposition: attachment\r\n\r\nbody\r\n");
  EXPECT_EQ(named.from_name, "Приглашение на портал поддержки");
  ASSERT_EQ(named.attachments.size(), 1u);
  EXPECT_EQ(named.attachments[0].name, "Приглашение на портал поддержки");
  // A character split between two words, the padded one last: joined as before.
  EXPECT_EQ(parse_mail("Subject: =?UTF-8?B?0J/R?= =?UTF-8?B?gNC40LI=?=\r\n\r\nbody\r\n").subject, "Прив");
}

}  // namespace tandem::service
