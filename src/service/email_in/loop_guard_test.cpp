#include "service/email_in/loop_guard.h"

#include <gtest/gtest.h>

namespace tandem::service {

namespace {

const std::vector<std::string> kInbound = {"support@example.com"};

ParsedMail from(std::string address) {
  ParsedMail mail;
  mail.from_address = std::move(address);
  mail.message_id = "abc@customer.example";
  return mail;
}

}  // namespace

TEST(LoopGuard, AnswersOrdinaryMail) {
  EXPECT_TRUE(auto_reply_allowed(from("ann@acme.example"), kInbound, false));
  ParsedMail mail = from("ann@acme.example");
  mail.auto_submitted = "no";
  mail.precedence = "first-class";
  EXPECT_TRUE(auto_reply_allowed(mail, kInbound, false));
}

TEST(LoopGuard, NeverAnswersAutomaticMail) {
  for (const auto* value : {"auto-replied", "auto-generated", "auto-notified"}) {
    ParsedMail mail = from("ann@acme.example");
    mail.auto_submitted = value;
    EXPECT_FALSE(auto_reply_allowed(mail, kInbound, false)) << value;
  }
  for (const auto* value : {"bulk", "junk", "list", "auto_reply"}) {
    ParsedMail mail = from("ann@acme.example");
    mail.precedence = value;
    EXPECT_FALSE(auto_reply_allowed(mail, kInbound, false)) << value;
  }
  ParsedMail list = from("ann@acme.example");
  list.list_mail = true;
  EXPECT_FALSE(auto_reply_allowed(list, kInbound, false));
  ParsedMail autoresponder = from("ann@acme.example");
  autoresponder.auto_response = true;
  EXPECT_FALSE(auto_reply_allowed(autoresponder, kInbound, false));
}

TEST(LoopGuard, NeverAnswersMachinesOurselvesOrOurOwnMessages) {
  for (const auto* address : {"mailer-daemon@x.com", "postmaster@x.com", "no-reply@x.com", "noreply@x.com",
                              "support@example.com", "support+1042-abc@example.com", ""})
    EXPECT_FALSE(auto_reply_allowed(from(address), kInbound, false)) << address;
  EXPECT_FALSE(auto_reply_allowed(from("ann@acme.example"), kInbound, true));
  ParsedMail ours = from("ann@acme.example");
  ours.message_id = "tandem.1042.abc@example.com";
  EXPECT_FALSE(auto_reply_allowed(ours, kInbound, false));
  EXPECT_FALSE(never_answered("support@other.example", kInbound));
}

TEST(LoopGuard, FindsTheSubjectToken) {
  EXPECT_EQ(subject_item_number("Re: [#1042] Printer"), 1042);
  EXPECT_EQ(subject_item_number("[x] [#7]"), 7);
  EXPECT_EQ(subject_item_number("[#] [#abc] [#12x] [#-3]"), 0);
  EXPECT_EQ(subject_item_number("#1042 without brackets"), 0);
  EXPECT_EQ(subject_item_number("[#99999999999999999999999]"), 0);
  EXPECT_EQ(subject_item_number("[#5"), 0);
}

}  // namespace tandem::service
