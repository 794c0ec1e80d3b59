#include "service/email_out/outgoing_mail.h"

#include <gtest/gtest.h>

#include <sstream>

namespace tandem::service {

namespace {

OutgoingMail sample() {
  OutgoingMail mail;
  mail.from_name = "Tandem Support";
  mail.from_address = "support@example.com";
  mail.to_name = "Carla";
  mail.to_address = "carla@acme.example";
  mail.reply_to = "support+1042-abc@example.com";
  mail.subject = "Re: [#1042] Invoice";
  mail.text = "Hello,\nthe fix is live.\n";
  mail.message_id = "tandem.1042.j7.c3@example.com";
  mail.date = 1'795'426'200'000;  // 2026-11-23T09:30:00Z
  return mail;
}

std::vector<std::string> lines_of(const std::string& message) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = message.find("\r\n", start)) != std::string::npos; start = end + 2)
    lines.push_back(message.substr(start, end - start));
  EXPECT_EQ(start, message.size()) << "every line ends in CRLF";
  return lines;
}

std::string headers_of(const std::string& message) {
  return message.substr(0, message.find("\r\n\r\n") + 2);
}

}  // namespace

TEST(OutgoingMail, HeadersNameSenderRecipientReplyAddressAndThread) {
  OutgoingMail mail = sample();
  mail.references = {"first@acme.example", "tandem.1042.j5.c3@example.com"};
  const std::string headers = headers_of(build_message(mail));
  EXPECT_NE(headers.find("From: \"Tandem Support\" <support@example.com>\r\n"), std::string::npos) << headers;
  EXPECT_NE(headers.find("To: \"Carla\" <carla@acme.example>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Reply-To: support+1042-abc@example.com\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Subject: Re: [#1042] Invoice\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Date: Mon, 23 Nov 2026 09:30:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Message-ID: <tandem.1042.j7.c3@example.com>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("In-Reply-To: <tandem.1042.j5.c3@example.com>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("References: <first@acme.example>\r\n <tandem.1042.j5.c3@example.com>\r\n"),
            std::string::npos);
  EXPECT_NE(headers.find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
  EXPECT_EQ(headers.find("Auto-Submitted"), std::string::npos) << "a person's reply is not auto-submitted";
  mail.auto_submitted = "auto-replied";
  EXPECT_NE(build_message(mail).find("Auto-Submitted: auto-replied\r\n"), std::string::npos);
}

TEST(OutgoingMail, AFirstMailHasNoInReplyTo) {
  const std::string headers = headers_of(build_message(sample()));
  EXPECT_EQ(headers.find("In-Reply-To"), std::string::npos);
  EXPECT_EQ(headers.find("References"), std::string::npos);
}

TEST(OutgoingMail, Utf8HeadersBecomeEncodedWordsThatNeverSplitACharacter) {
  OutgoingMail mail = sample();
  mail.subject = "Заявка принята: счёт неверный, исправьте пожалуйста как можно скорее";
  mail.to_name = "Карла";
  const std::string message = build_message(mail);
  EXPECT_NE(message.find("To: =?UTF-8?B?0JrQsNGA0LvQsA==?= <carla@acme.example>"), std::string::npos)
      << message;
  const std::string encoded = encode_header_text(mail.subject);
  EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_NE(encoded.find("?=\r\n =?UTF-8?B?"), std::string::npos) << "long subjects are folded: " << encoded;
  for (const auto& line : lines_of(message)) EXPECT_LE(line.size(), 78u) << line;
  EXPECT_EQ(encode_header_text("plain ascii"), "plain ascii");
  EXPECT_EQ(encode_header_text("=?looks encoded?=").rfind("=?UTF-8?B?", 0), 0u);
}

TEST(OutgoingMail, LineBreaksInValuesCannotAddHeaders) {
  OutgoingMail mail = sample();
  mail.subject = "Hi\r\nBcc: victim@example.org";
  mail.to_name = "Eve\nX-Injected: 1";
  const auto lines = lines_of(headers_of(build_message(mail)));
  for (const auto& line : lines) {
    EXPECT_NE(line.rfind("Bcc:", 0), 0u) << line;
    EXPECT_NE(line.rfind("X-Injected:", 0), 0u) << line;
  }
}

TEST(OutgoingMail, BodyIsQuotedPrintableWithShortLines) {
  EXPECT_EQ(quoted_printable("café = ok \nnext"), "caf=C3=A9 =3D ok=20\r\nnext");
  const std::string long_line = quoted_printable(std::string(200, 'x'));
  for (const auto& line : lines_of(long_line + "\r\n")) EXPECT_LE(line.size(), 76u);
  EXPECT_EQ(long_line.find("=\r\n"), 75u) << "soft line breaks keep lines within 76 characters";
  const std::string message = build_message(sample());
  EXPECT_NE(message.find("\r\n\r\nHello,\r\nthe fix is live.\r\n"), std::string::npos) << message;
}

TEST(OutgoingMail, DomainOfAnAddress) {
  EXPECT_EQ(mail_domain("support@example.com"), "example.com");
  EXPECT_EQ(mail_domain("nobody"), "localhost");
}

}  // namespace tandem::service
