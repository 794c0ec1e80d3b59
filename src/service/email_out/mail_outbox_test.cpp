#include "service/email_out/mail_outbox.h"

#include <gtest/gtest.h>

#include "service/email/email_settings.h"
#include "service/email_in/mail_parser.h"
#include "service/files/files_test_world.h"
#include "service/jobs/job_runner.h"

namespace tandem::service {

namespace {

// A world with customers on an item, an outbox whose relay is a list, and the job runner that feeds it.
class MailOutboxTest : public FilesTestWorld {
 protected:
  void SetUp() override {
    FilesTestWorld::SetUp();
    exec(
        "INSERT INTO customers(id, name, created_at, updated_at) VALUES (1, 'Carla', 0, 0), (2, 'Dan', 0, "
        "0), "
        "(3, 'Erin', 0, 0);"
        "INSERT INTO customer_emails(email, customer_id) VALUES ('carla@acme.test', 1), ('dan@acme.test', "
        "2), "
        "('erin@else.test', 3);"
        "INSERT INTO item_parties(item_id, role, party_kind, party_id) VALUES (1, 'requester', 'customer', "
        "1), "
        "(1, 'follower', 'customer', 2), (1, 'follower', 'user', " +
        std::to_string(admin_.user_id) + ")");
    assign(project_item_, member_);
    EmailSettings settings;
    settings.inbound_addresses = {"support@t.test"};
    settings.smtp.host = "relay.test";
    configure(settings);
    outbox_.register_handlers(jobs_);
  }

  void configure(const EmailSettings& settings) {
    ASSERT_TRUE(
        temp_.db()
            .write([&](store::Txn& txn) { return store_email_settings(txn, settings, clock_.now_ms()); })
            .ok());
  }

  Result<MessageView> post(const Actor& actor, std::string body, std::string visibility = "public") {
    return conversations_.post_message(actor, project_item_, {std::move(body), std::move(visibility), {}});
  }

  void run_jobs() { ASSERT_TRUE(jobs_.run_due().ok()); }

  void enqueue(store::NewJob job) {
    ASSERT_TRUE(
        temp_.db()
            .write([&](store::Txn& txn) { return status_of(store::enqueue_job(txn, job, clock_.now_ms())); })
            .ok());
  }

  void status_changed() {
    ASSERT_TRUE(
        temp_.db()
            .write([&](store::Txn& txn) { return enqueue_status_mail(txn, project_item_, clock_.now_ms()); })
            .ok());
    run_jobs();
  }

  // The decoded text of the sent mail number `index`.
  std::string text(std::size_t index) const { return parse_mail(sent_.at(index).message).text; }

  // The recipients of the sent mail, in order.
  std::vector<std::string> recipients() const {
    std::vector<std::string> out;
    for (const auto& envelope : sent_) out.push_back(envelope.to);
    return out;
  }

  // The value of `name` in the header of the sent mail number `index`.
  std::string header(std::size_t index, const std::string& name) const {
    const std::string& message = sent_.at(index).message;
    const std::size_t at = message.find("\r\n" + name + ": ");
    if (at == std::string::npos) return "";
    const std::size_t start = at + name.size() + 4;
    return message.substr(start, message.find("\r\n", start) - start);
  }

  std::vector<Envelope> sent_;
  std::function<Status(const Envelope&)> relay_ = [this](const Envelope& envelope) -> Status {
    sent_.push_back(envelope);
    return {};
  };
  MailOutbox outbox_{temp_.db(), clock_,
                     [this](const SmtpRelay&, const Envelope& envelope) { return relay_(envelope); },
                     "https://help.t.test/"};
  JobRunner jobs_{temp_.db(), clock_};
  Actor carla_ = Actor::customer(1, 0, "Carla", {});
};

}  // namespace

TEST_F(MailOutboxTest, APublicReplyReachesRequesterAndFollowersThreadedUnderEarlierMail) {
  ASSERT_TRUE(post(member_, "We are on it.").ok());
  run_jobs();
  ASSERT_EQ(recipients(), (std::vector<std::string>{"carla@acme.test", "dan@acme.test"}));
  EXPECT_EQ(header(0, "In-Reply-To"), "");
  EXPECT_EQ(header(0, "Reply-To").rfind("support+1001-", 0), 0u) << header(0, "Reply-To");
  EXPECT_EQ(header(0, "Subject"), "Re: [#1001] Item");
  EXPECT_NE(sent_[0].message.find("We are on it."), std::string::npos);
  EXPECT_NE(sent_[0].message.find("https://help.t.test/portal/tickets/1001"), std::string::npos);
  const std::string first_to_carla = header(0, "Message-ID");

  ASSERT_TRUE(post(member_, "Fixed now.").ok());
  run_jobs();
  ASSERT_EQ(sent_.size(), 4u);
  EXPECT_EQ(sent_[2].to, "carla@acme.test");
  EXPECT_EQ(header(2, "In-Reply-To"), first_to_carla) << "threaded under Carla's copy, not Dan's";
  EXPECT_EQ(header(2, "References"), first_to_carla);
  EXPECT_EQ(number("SELECT COUNT(*) FROM mail_message_ids WHERE direction = 'out' AND item_id = 1"), 4);
}

TEST_F(MailOutboxTest, InternalNotesNeverReachCustomersButReachInternalUsersLater) {
  ASSERT_TRUE(post(member_, "SECRET: they owe us", "internal").ok());
  run_jobs();
  EXPECT_TRUE(sent_.empty());
  clock_.advance_ms(61'000);
  run_jobs();
  ASSERT_EQ(recipients(), std::vector<std::string>{"admin@t.test"}) << "the follower, not the author";
  EXPECT_NE(sent_[0].message.find("SECRET: they owe us"), std::string::npos);
  EXPECT_NE(sent_[0].message.find("https://help.t.test/tickets/1001"), std::string::npos);
  EXPECT_EQ(header(0, "Auto-Submitted"), "auto-generated");
}

TEST_F(MailOutboxTest, ATeamOnTheItemStandsForItsMembersEachMailedOnce) {
  const std::string admin = std::to_string(admin_.user_id), member = std::to_string(member_.user_id),
                    outsider = std::to_string(outsider_.user_id);
  exec(
      "INSERT INTO teams(id, name, created_at, updated_at) VALUES (7, 'Second line', 0, 0);"
      "INSERT INTO team_members(team_id, user_id) VALUES (7, " +
      admin + "), (7, " + member + "), (7, " + outsider +
      ");"
      "INSERT INTO item_parties(item_id, role, party_kind, party_id) VALUES (1, 'assignee', 'team', 7)");
  ASSERT_TRUE(post(member_, "Can someone take this?", "internal").ok());
  clock_.advance_ms(61'000);
  run_jobs();
  EXPECT_EQ(recipients(), (std::vector<std::string>{"admin@t.test", "outsider@t.test"}))
      << "the admin follows and is in the team: once; the author is in the team: never";

  exec("UPDATE users SET active = 0 WHERE id = " + outsider);
  ASSERT_TRUE(post(admin_, "Anyone?", "internal").ok());
  clock_.advance_ms(61'000);
  run_jobs();
  EXPECT_EQ(recipients(), (std::vector<std::string>{"admin@t.test", "outsider@t.test", "member@t.test"}))
      << "an inactive member gets nothing";
}

TEST_F(MailOutboxTest, ACustomersReplyGoesToTheOtherCustomersAndToUnreadInternalUsers) {
  ASSERT_TRUE(post(carla_, "Still broken").ok());
  run_jobs();
  EXPECT_EQ(recipients(), std::vector<std::string>{"dan@acme.test"}) << "never back to its author";
  ASSERT_TRUE(conversations_.list_messages(admin_, project_item_, 0, 50).ok()) << "the follower reads it";
  clock_.advance_ms(61'000);
  run_jobs();
  EXPECT_EQ(recipients(), (std::vector<std::string>{"dan@acme.test", "member@t.test"}))
      << "the assignee had not read it; the follower had";
}

TEST_F(MailOutboxTest, WithoutARelayNothingIsLostAndNobodyIsMailedTwice) {
  EmailSettings settings;
  settings.inbound_addresses = {"support@t.test"};
  configure(settings);
  ASSERT_TRUE(post(member_, "Answer").ok());
  run_jobs();
  EXPECT_TRUE(sent_.empty());
  EXPECT_EQ(number("SELECT attempts FROM jobs WHERE kind = 'mail.notify' ORDER BY id LIMIT 1"), 1);

  settings.smtp.host = "relay.test";
  configure(settings);
  bool refused_once = false;
  relay_ = [&](const Envelope& envelope) -> Status {
    if (envelope.to == "dan@acme.test" && !refused_once) {
      refused_once = true;
      return Error::make(ErrorCode::unavailable, "451 try again later");
    }
    sent_.push_back(envelope);
    return {};
  };
  clock_.advance_ms(2'000);
  run_jobs();
  EXPECT_EQ(recipients(), std::vector<std::string>{"carla@acme.test"});
  clock_.advance_ms(4'000);
  run_jobs();
  EXPECT_EQ(recipients(), (std::vector<std::string>{"carla@acme.test", "dan@acme.test"}));
}

TEST_F(MailOutboxTest, AStatusChangeIsMailedToCustomersOnly) {
  status_changed();
  ASSERT_EQ(recipients(), (std::vector<std::string>{"carla@acme.test", "dan@acme.test"}));
  EXPECT_NE(header(0, "Subject").find("[#1001]"), std::string::npos);
}

TEST_F(MailOutboxTest, EachPersonGetsMailInItsLanguageElseTheDefaultLanguage) {
  exec("UPDATE customers SET language = 'ru' WHERE id = 1");
  status_changed();
  ASSERT_EQ(recipients(), (std::vector<std::string>{"carla@acme.test", "dan@acme.test"}));
  EXPECT_NE(text(0).find("Статус вашего обращения 1001"), std::string::npos) << text(0);
  EXPECT_NE(text(1).find("the status of your request 1001"), std::string::npos) << text(1);

  EmailSettings settings;
  settings.inbound_addresses = {"support@t.test"};
  settings.smtp.host = "relay.test";
  settings.default_language = "ru";
  configure(settings);
  exec("UPDATE customers SET language = 'en' WHERE id = 1");
  status_changed();
  ASSERT_EQ(sent_.size(), 4u);
  EXPECT_NE(text(2).find("the status of your request"), std::string::npos) << "Carla chose English";
  EXPECT_NE(text(3).find("Статус вашего обращения"), std::string::npos) << "Dan has the default";

  exec("UPDATE users SET language = 'en' WHERE id = " + std::to_string(admin_.user_id));
  ASSERT_TRUE(post(member_, "Note", "internal").ok());
  clock_.advance_ms(61'000);
  run_jobs();
  ASSERT_EQ(sent_.size(), 5u);
  EXPECT_EQ(parse_mail(sent_[4].message).subject, "[#1001] Item: new message from member");

  store::NewJob invitation;
  invitation.kind = "mail.send";
  invitation.payload = R"({"to":"erin@else.test","name":"Erin","link":"/x","template":"customer_invitation",
                           "hours":72,"language":null})";
  enqueue(invitation);
  run_jobs();
  ASSERT_EQ(sent_.size(), 6u);
  EXPECT_EQ(parse_mail(sent_[5].message).subject, "Приглашение на портал поддержки");
}

TEST_F(MailOutboxTest, PortalMailUsesItsTemplateAndThePublicAddress) {
  store::NewJob job;
  job.kind = "mail.send";
  job.payload = R"({"to":"erin@else.test","name":"Erin","subject":"s","text":"t","link":"/portal/set?token=x",
                    "template":"customer_invitation","hours":72})";
  ASSERT_TRUE(
      temp_.db()
          .write([&](store::Txn& txn) { return status_of(store::enqueue_job(txn, job, clock_.now_ms())); })
          .ok());
  run_jobs();
  ASSERT_EQ(recipients(), std::vector<std::string>{"erin@else.test"});
  EXPECT_EQ(header(0, "Subject"), "Your support portal invitation");
  EXPECT_NE(sent_[0].message.find("https://help.t.test/portal/set?token=3Dx"), std::string::npos)
      << sent_[0].message;
  EXPECT_NE(sent_[0].message.find("72 hours"), std::string::npos);
}

}  // namespace tandem::service

namespace tandem::service {

TEST_F(MailOutboxTest, TheAutoReplyToANewTicketGoesToItsSenderMarkedAutoReplied) {
  const auto first = post(carla_, "My invoice is wrong");
  ASSERT_TRUE(first.ok());
  store::NewJob job;
  job.kind = "mail.notify";
  job.payload =
      R"({"event":"ticket_received","item_id":1,"message_id":)" + std::to_string(first->message.id) + "}";
  ASSERT_TRUE(
      temp_.db()
          .write([&](store::Txn& txn) { return status_of(store::enqueue_job(txn, job, clock_.now_ms())); })
          .ok());
  run_jobs();
  ASSERT_EQ(recipients(), (std::vector<std::string>{"dan@acme.test", "carla@acme.test", "dan@acme.test"}));
  EXPECT_EQ(header(1, "Auto-Submitted"), "auto-replied");
  EXPECT_EQ(header(1, "Subject"), "[#1001] Item");
}

TEST_F(MailOutboxTest, AJobForAnUnknownEventFails) {
  store::NewJob job;
  job.kind = "mail.notify";
  job.payload = R"({"event":"party","item_id":1})";
  ASSERT_TRUE(
      temp_.db()
          .write([&](store::Txn& txn) { return status_of(store::enqueue_job(txn, job, clock_.now_ms())); })
          .ok());
  run_jobs();
  EXPECT_TRUE(sent_.empty());
  EXPECT_EQ(number("SELECT attempts FROM jobs WHERE kind = 'mail.notify'"), 1);
}

}  // namespace tandem::service
