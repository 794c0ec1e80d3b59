#include "service/email_in/mail_intake.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "service/auth/secrets.h"
#include "service/customers/portal_settings.h"
#include "service/email/email_settings.h"
#include "service/email/reply_address.h"
#include "service/services.h"
#include "store/temp_database.h"

namespace tandem::service {

namespace {

constexpr TimestampMs kStart = 1'795'426'200'000;  // 2026-11-23T09:30:00Z

std::string message(std::string_view from, std::string_view subject, std::string_view body,
                    std::string_view extra_headers = "") {
  return "From: " + std::string(from) + "\r\nTo: support@example.com\r\nSubject: " + std::string(subject) +
         "\r\n" + std::string(extra_headers) + "\r\n" + std::string(body) + "\r\n";
}

class MailIntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_secrets();
    auto project = services_.projects.create_project(Actor::system(), {.name = "Inbox"});
    ASSERT_TRUE(project.ok()) << project.error().message;
    inbox_ = project->project.id;
    ASSERT_TRUE(temp_.db()
                    .write([&](store::Txn& txn) -> Status {
                      EmailSettings email;
                      email.inbound_addresses = {"support@example.com"};
                      email.sender_limit_per_hour = 8;
                      TANDEM_TRY(store_email_settings(txn, email, kStart));
                      PortalSettings portal;
                      portal.default_project_id = inbox_;
                      return store_portal_settings(txn, portal, kStart);
                    })
                    .ok());
  }

  // Accepts the message, runs the jobs, and returns the item it went to.
  std::int64_t deliver(const std::string& raw, const MailEnvelope& envelope = {}) {
    auto outcome = services_.mail_intake.accept(raw, "test", envelope);
    EXPECT_TRUE(outcome.ok()) << outcome.error().message;
    if (!outcome.ok()) return 0;
    EXPECT_TRUE(services_.jobs.run_due().ok());
    return scalar("SELECT coalesce(item_id, 0) FROM inbound_mail WHERE id = ?", {outcome->inbound_mail_id});
  }

  // The first row of a query (a row of one NULL when there is none).
  store::Row first_row(std::string_view sql, const std::vector<store::Value>& params) {
    std::optional<store::Row> found;
    EXPECT_TRUE(temp_.db()
                    .read([&](store::Txn& txn) -> Status {
                      TANDEM_ASSIGN(found, txn.one(sql, params));
                      return {};
                    })
                    .ok());
    return found.value_or(store::Row({nullptr}));
  }
  std::int64_t scalar(std::string_view sql, const std::vector<store::Value>& params = {}) {
    return first_row(sql, params).int64(0);
  }
  std::string text(std::string_view sql, const std::vector<store::Value>& params = {}) {
    return first_row(sql, params).text(0);
  }

  std::int64_t number_of(std::int64_t item_id) {
    return scalar("SELECT number FROM items WHERE id = ?", {item_id});
  }

  store::TempDatabase temp_{"mail-intake-test"};
  FakeClock clock_{kStart};
  Services services_{temp_.db(), clock_, {(temp_.dir() / "files").string(), 1 << 20, ""}};
  std::int64_t inbox_ = 0;
};

}  // namespace

// How many acknowledgements (auto-replies to a new ticket's sender) are queued.
constexpr std::string_view kAcknowledgements =
    "SELECT count(*) FROM jobs WHERE kind = 'mail.notify' AND payload ->> 'event' = 'ticket_received'";

TEST_F(MailIntakeTest, ANewMessageBecomesATicketOfItsCustomerWithItsFilesAndAnAcknowledgement) {
  const std::string raw = message("Ann <ann@gmail.com>", "Printer", "It smokes.\n\n-- \nAnn",
                                  "Message-ID: <m1@gmail.com>\r\nMIME-Version: 1.0\r\n");
  const std::int64_t item = deliver(raw);
  ASSERT_GT(item, 0);
  EXPECT_EQ(text("SELECT title FROM items WHERE id = ?", {item}), "Printer");
  EXPECT_EQ(text("SELECT description FROM items WHERE id = ?", {item}), "It smokes.");
  EXPECT_EQ(text("SELECT source FROM items WHERE id = ?", {item}), "email");
  EXPECT_EQ(scalar("SELECT project_id FROM items WHERE id = ?", {item}), inbox_);
  const std::int64_t customer =
      scalar("SELECT customer_id FROM customer_emails WHERE email = 'ann@gmail.com'");
  EXPECT_EQ(scalar("SELECT party_id FROM item_parties WHERE item_id = ? AND role = 'requester' AND "
                   "party_kind = 'customer'",
                   {item}),
            customer);
  EXPECT_EQ(
      text("SELECT f.name FROM attachments a JOIN files f ON f.id = a.file_id WHERE a.item_id = ?", {item}),
      "Printer.eml");
  EXPECT_EQ(
      scalar("SELECT item_id FROM mail_message_ids WHERE message_id = 'm1@gmail.com' AND direction = 'in'"),
      item);
  const auto ack = nlohmann::json::parse(text(
      "SELECT payload FROM jobs WHERE kind = 'mail.notify' AND payload ->> 'event' = 'ticket_received'"));
  EXPECT_EQ(ack["event"], "ticket_received");
  EXPECT_EQ(ack["item_id"], item);
  EXPECT_EQ(ack["message_id"], scalar("SELECT id FROM messages WHERE item_id = ?", {item}));
}

TEST_F(MailIntakeTest, ADeliveredAgainMessageCreatesNothingNew) {
  const std::string raw = message("ann@gmail.com", "Once", "body", "Message-ID: <once@gmail.com>\r\n");
  deliver(raw);
  auto again = services_.mail_intake.accept(raw + "\r\n", "test");  // other bytes, same Message-ID
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  const std::string without_id = message("ann@gmail.com", "No id", "body");
  deliver(without_id);
  EXPECT_TRUE(services_.mail_intake.accept(without_id, "test")->duplicate);
  ASSERT_TRUE(services_.jobs.run_due().ok());
  EXPECT_EQ(scalar("SELECT count(*) FROM items"), 2);
  EXPECT_EQ(scalar("SELECT count(*) FROM inbound_mail"), 2);
  // Processing a processed message again changes nothing either.
  ASSERT_TRUE(services_.mail_intake.process(1).ok());
  EXPECT_EQ(scalar("SELECT count(*) FROM messages"), 2);
}

TEST_F(MailIntakeTest, ThreadsByMessageIdThenSubjectTokenThenReplyAddress) {
  const std::int64_t first =
      deliver(message("ann@gmail.com", "First", "one", "Message-ID: <first@gmail.com>\r\n"));
  const std::int64_t second =
      deliver(message("ann@gmail.com", "Second", "two", "Message-ID: <second@gmail.com>\r\n"));
  ASSERT_NE(first, second);
  const std::string token = "[#" + std::to_string(number_of(second)) + "]";
  // A Message-ID wins over the subject token, and a References chain is followed to its newest known id.
  EXPECT_EQ(deliver(message("ann@gmail.com", "Re: " + token, "r1",
                            "References: <unknown@x> <first@gmail.com> <nothing@y>\r\n")),
            first);
  EXPECT_EQ(deliver(message("ann@gmail.com", "Re: " + token, "r2", "In-Reply-To: <unknown@x>\r\n")), second);
  std::string secret;
  ASSERT_TRUE(temp_.db()
                  .read([&](store::Txn& txn) -> Status {
                    TANDEM_ASSIGN(secret, load_mail_secret(txn));
                    return {};
                  })
                  .ok());
  const std::string reply_to = reply_address("support@example.com", number_of(first), secret);
  EXPECT_EQ(deliver(message("ann@gmail.com", "no token", "r3"), {"ann@gmail.com", {reply_to}}), first);
  EXPECT_EQ(scalar("SELECT count(*) FROM items"), 2);
  EXPECT_EQ(text("SELECT body FROM messages WHERE item_id = ? ORDER BY id DESC", {first}), "r3");
  // A forged token (wrong secret) opens a new ticket.
  const std::string forged = reply_address("support@example.com", number_of(first), "not the secret");
  EXPECT_NE(deliver(message("ann@gmail.com", "forged", "r4"), {"", {forged}}), first);
}

TEST_F(MailIntakeTest, AReplyThroughAMessageIdMakesItsSenderAFollowerAndIsAChangeOfTheItem) {
  const std::int64_t anns =
      deliver(message("ann@gmail.com", "Printer", "smoke", "Message-ID: <printer@gmail.com>\r\n"));
  ASSERT_EQ(scalar("SELECT version FROM items WHERE id = ?", {anns}), 1);
  EXPECT_EQ(
      deliver(message("bob@gmail.com", "Re: Printer", "me too", "In-Reply-To: <printer@gmail.com>\r\n")),
      anns);
  const std::int64_t bob = scalar("SELECT customer_id FROM customer_emails WHERE email = 'bob@gmail.com'");
  EXPECT_EQ(scalar("SELECT party_id FROM item_parties WHERE item_id = ? AND role = 'follower' AND "
                   "party_kind = 'customer'",
                   {anns}),
            bob);
  // A new follower changes what the item reads as, so its version (its ETag) moves too.
  EXPECT_EQ(scalar("SELECT version FROM items WHERE id = ?", {anns}), 2);
}

TEST_F(MailIntakeTest, ASubjectTokenOfAnItemTheSenderCannotSeeOpensANewTicket) {
  const std::int64_t anns = deliver(message("ann@gmail.com", "Ann's", "secret stuff"));
  const std::int64_t bobs =
      deliver(message("bob@gmail.com", "Re: [#" + std::to_string(number_of(anns)) + "]", "hi"));
  EXPECT_NE(bobs, anns);
  EXPECT_EQ(scalar("SELECT count(*) FROM messages WHERE item_id = ?", {anns}), 1);
}

TEST_F(MailIntakeTest, MailFromAnInternalUserIsTheUsers) {
  auto user = services_.users.create_user(
      Actor::system(), {"agent@example.com", "Alan", "agent", "password 123", nlohmann::json::object()});
  ASSERT_TRUE(user.ok()) << user.error().message;
  const std::int64_t item = deliver(message("Alan <AGENT@example.com>", "Internal", "from staff"));
  EXPECT_EQ(scalar("SELECT party_id FROM item_parties WHERE item_id = ? AND role = 'requester' AND "
                   "party_kind = 'user'",
                   {item}),
            user->id);
  EXPECT_EQ(scalar("SELECT count(*) FROM customer_emails WHERE email = 'agent@example.com'"), 0);
  EXPECT_EQ(scalar(kAcknowledgements),
            0);  // only customers are acknowledged
}

TEST_F(MailIntakeTest, AutomaticMailIsTakenButNotAnswered) {
  deliver(message("ann@gmail.com", "Away", "away", "Auto-Submitted: auto-replied\r\n"));
  deliver(message("mailer-daemon@gmail.com", "Undeliverable", "bounce"));
  EXPECT_EQ(scalar("SELECT count(*) FROM items"), 2);
  EXPECT_EQ(scalar(kAcknowledgements), 0);
}

TEST_F(MailIntakeTest, LimitsSendersAndSizes) {
  for (int i = 0; i < 8; ++i) deliver(message("loop@gmail.com", "n" + std::to_string(i), "x"));
  auto refused = services_.mail_intake.accept(message("loop@gmail.com", "too many", "x"), "test");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::rate_limited);
  clock_.advance_ms(60 * 60 * 1000 + 1);
  EXPECT_TRUE(services_.mail_intake.accept(message("loop@gmail.com", "later", "x"), "test").ok());
  const auto big =
      services_.mail_intake.accept(message("a@gmail.com", "big", std::string(26 << 20, 'x')), "test");
  EXPECT_EQ(big.error().code, ErrorCode::payload_too_large);
  EXPECT_EQ(services_.mail_intake.accept(" \r\n", "test").error().code, ErrorCode::validation_failed);
}

TEST_F(MailIntakeTest, AMessageStoredBeforeACrashIsProcessedAfterIt) {
  ASSERT_TRUE(
      services_.mail_intake.accept(message("ann@gmail.com", "Before the crash", "kept"), "test").ok());
  {
    // Another process over the same store (the restarted server) runs the queued job.
    Services restarted{temp_.db(), clock_, {(temp_.dir() / "files").string(), 1 << 20, ""}};
    ASSERT_GE(restarted.jobs.run_due().value(), 1);  // and the acknowledgement, without a handler here
  }
  EXPECT_EQ(text("SELECT title FROM items"), "Before the crash");
  EXPECT_EQ(services_.jobs.run_due().value(), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM items"), 1);
}

TEST_F(MailIntakeTest, AReplyQueuedWithItsTicketIsProcessedInTheSameBatchOntoIt) {
  ASSERT_TRUE(
      services_.mail_intake
          .accept(message("ann@gmail.com", "Printer", "jammed", "Message-ID: <p1@gmail.com>\r\n"), "test")
          .ok());
  ASSERT_TRUE(services_.mail_intake
                  .accept(message("ann@gmail.com", "Re: Printer", "still jammed",
                                  "Message-ID: <p2@gmail.com>\r\nIn-Reply-To: <p1@gmail.com>\r\n"),
                          "test")
                  .ok());
  ASSERT_TRUE(services_.mail_intake.accept(message("bob@gmail.com", "Scanner", "broken"), "test").ok());
  ASSERT_GE(services_.jobs.run_due().value(), 3);
  EXPECT_EQ(scalar("SELECT count(*) FROM inbound_mail WHERE state = 'done'"), 3);
  EXPECT_EQ(scalar("SELECT count(*) FROM items"), 2);
  const std::int64_t printer = scalar("SELECT item_id FROM inbound_mail WHERE id = 1");
  EXPECT_EQ(scalar("SELECT item_id FROM inbound_mail WHERE id = 2"), printer);
  // The ticket's first message and the reply.
  EXPECT_EQ(scalar("SELECT count(*) FROM messages WHERE item_id = ?", {printer}), 2);
}

TEST_F(MailIntakeTest, AcceptsItsAddressesWithSuffixes) {
  EXPECT_TRUE(services_.mail_intake.accepts_recipient("Support@Example.com").value());
  EXPECT_TRUE(services_.mail_intake.accepts_recipient("support+1042-abc@example.com").value());
  EXPECT_FALSE(services_.mail_intake.accepts_recipient("support@example.org").value());
  EXPECT_FALSE(services_.mail_intake.accepts_recipient("supporter@example.com").value());
  EXPECT_FALSE(services_.mail_intake.accepts_recipient("sales@example.com").value());
}

}  // namespace tandem::service
