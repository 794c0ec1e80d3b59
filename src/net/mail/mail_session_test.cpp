#include "net/mail/mail_session.h"

#include <gtest/gtest.h>

#include <random>

namespace tandem::net {

namespace {

struct Delivered {
  std::string sender;
  std::vector<std::string> recipients;
  std::string message;
};

class MailSessionTest : public ::testing::Test {
 protected:
  MailSession session(MailLimits limits = {}) {
    MailHooks hooks;
    hooks.recipient = [](const std::string& to) {
      return to == "support@example.com" || to == "help@example.com" ? MailReply{250, "2.1.5 OK"}
                                                                     : MailReply{550, "5.1.1 unknown"};
    };
    hooks.max_message_bytes = [] { return std::uint64_t{1000}; };
    hooks.deliver = [this](const std::string& sender, const std::vector<std::string>& recipients,
                           std::string_view message) {
      delivered_.push_back({sender, recipients, std::string(message)});
      return MailReply{250, "2.0.0 stored"};
    };
    return MailSession(std::move(limits), std::move(hooks));
  }

  std::vector<Delivered> delivered_;
};

}  // namespace

TEST_F(MailSessionTest, LmtpAnswersEveryAcceptedRecipientAfterTheData) {
  auto lmtp = session();
  EXPECT_EQ(lmtp.greeting().substr(0, 4), "220 ");
  EXPECT_NE(lmtp.feed("LHLO client\r\n").find("250 SIZE 1000"), std::string::npos);
  EXPECT_EQ(lmtp.feed("MAIL FROM:<ann@acme.example> SIZE=20\r\n"), "250 2.1.0 OK\r\n");
  EXPECT_EQ(
      lmtp.feed(
          "RCPT TO:<support@example.com>\r\nRCPT TO:<nobody@example.com>\r\nRCPT TO:<help@example.com>\r\n"),
      "250 2.1.5 OK\r\n550 5.1.1 unknown\r\n250 2.1.5 OK\r\n");
  EXPECT_EQ(lmtp.feed("DATA\r\n"), "354 end data with <CR><LF>.<CR><LF>\r\n");
  // Split anywhere; dot-stuffed lines lose their first dot.
  EXPECT_EQ(lmtp.feed("Subject: hi\r\n\r\n..dot\r"), "");
  EXPECT_EQ(lmtp.feed("\nbody\r\n.\r\n"), "250 2.0.0 stored\r\n250 2.0.0 stored\r\n");
  ASSERT_EQ(delivered_.size(), 1u);
  EXPECT_EQ(delivered_[0].sender, "ann@acme.example");
  EXPECT_EQ(delivered_[0].recipients, (std::vector<std::string>{"support@example.com", "help@example.com"}));
  EXPECT_EQ(delivered_[0].message, "Subject: hi\r\n\r\n.dot\r\nbody\r\n");
  EXPECT_EQ(lmtp.feed("QUIT\r\n"), "221 2.0.0 bye\r\n");
  EXPECT_TRUE(lmtp.closed());
}

TEST_F(MailSessionTest, SmtpAnswersOnceAndTakesPipelinedCommandsAndTheNullSender) {
  auto smtp = session();
  const std::string out =
      smtp.feed("EHLO x\r\nMAIL FROM:<>\r\nRCPT TO:<support@example.com>\r\nDATA\r\nbody\n.\n");
  EXPECT_NE(out.find("250 2.1.0 OK\r\n250 2.1.5 OK\r\n354"), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 18), "250 2.0.0 stored\r\n");
  ASSERT_EQ(delivered_.size(), 1u);
  EXPECT_EQ(delivered_[0].sender, "");
}

TEST_F(MailSessionTest, RefusesCommandsOutOfOrder) {
  auto smtp = session();
  EXPECT_EQ(smtp.feed("MAIL FROM:<a@b.c>\r\n").substr(0, 3), "503");
  smtp.feed("HELO x\r\n");
  EXPECT_EQ(smtp.feed("RCPT TO:<support@example.com>\r\n").substr(0, 3), "503");
  EXPECT_EQ(smtp.feed("DATA\r\n").substr(0, 3), "503");
  smtp.feed("MAIL FROM:<a@b.c>\r\n");
  EXPECT_EQ(smtp.feed("MAIL FROM:<a@b.c>\r\n").substr(0, 3), "503");
  EXPECT_EQ(smtp.feed("DATA\r\n").substr(0, 3), "554");  // no valid recipient
  EXPECT_EQ(smtp.feed("RCPT TO:<not an address>\r\n").substr(0, 3), "501");
  EXPECT_EQ(smtp.feed("RSET\r\n"), "250 2.0.0 OK\r\n");
  EXPECT_EQ(smtp.feed("STARTTLS\r\n").substr(0, 3), "502");
  EXPECT_TRUE(delivered_.empty());
}

TEST_F(MailSessionTest, BoundsLinesAndMessages) {
  auto smtp = session({.max_command_bytes = 100});
  EXPECT_EQ(smtp.feed(std::string(5000, 'A')), "500 5.5.2 line too long\r\n");
  EXPECT_EQ(smtp.feed(std::string(5000, 'A') + "\r\nNOOP\r\n"), "250 2.0.0 OK\r\n");  // the rest is dropped
  smtp.feed("EHLO x\r\n");
  EXPECT_EQ(smtp.feed("MAIL FROM:<a@b.c> SIZE=5000\r\n"), "552 5.3.4 message too big\r\n");
  smtp.feed("MAIL FROM:<a@b.c>\r\nRCPT TO:<support@example.com>\r\nDATA\r\n");
  EXPECT_EQ(smtp.feed(std::string(2000, 'x') + "\r\n.\r\n"), "552 5.3.4 message too big\r\n");
  EXPECT_TRUE(delivered_.empty());
  // The session is usable after a refused message.
  smtp.feed("MAIL FROM:<a@b.c>\r\nRCPT TO:<support@example.com>\r\nDATA\r\n");
  EXPECT_EQ(smtp.feed("small\r\n.\r\n"), "250 2.0.0 stored\r\n");
}

TEST_F(MailSessionTest, ClosesAfterTooManyErrorsAndSurvivesGarbage) {
  auto smtp = session({.max_errors = 3});
  const std::string out = smtp.feed("x\r\ny\r\nz\r\nNOOP\r\n");
  EXPECT_NE(out.find("421"), std::string::npos);
  EXPECT_TRUE(smtp.closed());
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    auto fuzzed = session();
    std::string noise(random() % 3000, '\0');
    for (auto& c : noise) c = static_cast<char>(random() % 256);
    fuzzed.feed("LHLO x\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<support@example.com>\r\n");
    for (std::size_t at = 0; at < noise.size() && !fuzzed.closed(); at += 1 + random() % 50)
      fuzzed.feed(std::string_view(noise).substr(at, 1 + random() % 50));
  }
}

}  // namespace tandem::net
