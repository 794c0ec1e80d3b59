#include "service/portal/portal_auth_service.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "service/auth/secrets.h"
#include "service/customers/customer_service.h"
#include "store/temp_database.h"

namespace tandem::service {

namespace {

constexpr TimestampMs kStart = 1'795'426'200'000;  // 2026-11-23T09:30:00Z
constexpr TimestampMs kHour = 3'600'000;

class PortalAuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_secrets();
    auto org = customers_.create_organization(
        Actor::system(), {"Acme", std::vector<std::string>{"acme.example"}, std::nullopt, std::nullopt});
    ASSERT_TRUE(org.ok()) << org.error().message;
    auto customer = customers_.create_customer(
        Actor::system(),
        {"Carla", std::vector<std::string>{"carla@acme.example"}, std::nullopt, std::nullopt, std::nullopt});
    ASSERT_TRUE(customer.ok()) << customer.error().message;
    customer_ = customer.value();
    ASSERT_EQ(customer_.organization_id, org.value().id);
  }

  // The payloads of the queued mail.send jobs, oldest first.
  std::vector<nlohmann::json> mails() {
    std::vector<nlohmann::json> out;
    EXPECT_TRUE(temp_.db()
                    .read([&](store::Txn& txn) {
                      return txn.exec(
                          "SELECT payload FROM jobs WHERE kind = 'mail.send' ORDER BY id", {},
                          [&](const store::Row& row) { out.push_back(nlohmann::json::parse(row.text(0))); });
                    })
                    .ok());
    return out;
  }

  // The token in the link of the newest mail.
  std::string token_of_last_mail() {
    const auto all = mails();
    if (all.empty()) return "";
    const std::string link = all.back().at("link").get<std::string>();
    EXPECT_NE(all.back().at("text").get<std::string>().find(link), std::string::npos);
    return link.substr(kSetPasswordPath.size());
  }

  store::TempDatabase temp_{"portal-auth-test"};
  FakeClock clock_{kStart};
  PortalAuthService auth_{temp_.db(), clock_};
  CustomerService customers_{temp_.db(), clock_};
  store::CustomerRow customer_;
};

}  // namespace

TEST_F(PortalAuthServiceTest, OnlyInternalUsersMayInvite) {
  const Actor customer = Actor::customer(customer_.id, 0, "Carla", {});
  EXPECT_EQ(auth_.invite(customer, customer_.id).error().code, ErrorCode::forbidden);
  EXPECT_EQ(auth_.invite(Actor::anonymous(), customer_.id).error().code, ErrorCode::forbidden);
  EXPECT_TRUE(mails().empty());
}

TEST_F(PortalAuthServiceTest, AnInvitationMailsASingleUseLinkThatSetsThePassword) {
  ASSERT_TRUE(auth_.invite(Actor::system(), customer_.id).ok());
  const auto sent = mails();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["to"], "carla@acme.example");
  EXPECT_FALSE(sent[0]["subject"].get<std::string>().empty());
  const std::string token = token_of_last_mail();
  ASSERT_FALSE(token.empty());

  EXPECT_EQ(auth_.login("carla@acme.example", "carla password", "10.0.0.1", "test").error().code,
            ErrorCode::invalid_credentials);
  auto session = auth_.accept_invitation(token, "carla password", "10.0.0.1", "test");
  ASSERT_TRUE(session.ok()) << session.error().message;
  EXPECT_EQ(session.value().customer.id, customer_.id);
  auto identity = auth_.authenticate(session.value().secret);
  ASSERT_TRUE(identity.ok() && identity.value());
  EXPECT_TRUE(identity.value()->actor.is_customer());
  EXPECT_EQ(identity.value()->actor.organization_id, customer_.organization_id.value());
  EXPECT_TRUE(auth_.login("carla@acme.example", "carla password", "10.0.0.1", "test").ok());

  const auto again = auth_.accept_invitation(token, "other password", "10.0.0.1", "test");
  EXPECT_EQ(again.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(again.error().details.at("field"), "token");
}

TEST_F(PortalAuthServiceTest, AcceptingAnInvitationMayChooseTheLanguageOfTheCustomersMail) {
  ASSERT_TRUE(auth_.invite(Actor::system(), customer_.id).ok());
  EXPECT_TRUE(mails().back().at("language").is_null()) << "no language yet: the default";
  const std::string token = token_of_last_mail();
  const auto refused = auth_.accept_invitation(token, "carla password", "10.0.0.1", "test", "fr");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().details.at("field"), "language");
  const auto session = auth_.accept_invitation(token, "carla password", "10.0.0.1", "test", "ru");
  ASSERT_TRUE(session.ok()) << "a refused language leaves the link usable";
  EXPECT_EQ(session->customer.language, std::optional<std::string>("ru"));
  ASSERT_TRUE(auth_.request_password_reset("carla@acme.example").ok());
  EXPECT_EQ(mails().back().at("language"), "ru");
}

TEST_F(PortalAuthServiceTest, AnInvitationExpires) {
  ASSERT_TRUE(auth_.invite(Actor::system(), customer_.id).ok());
  const std::string token = token_of_last_mail();
  clock_.advance_ms(7 * 24 * kHour + 1);
  EXPECT_EQ(auth_.accept_invitation(token, "carla password", "10.0.0.1", "test").error().code,
            ErrorCode::validation_failed);
}

TEST_F(PortalAuthServiceTest, APasswordResetMailsOnlyRealCustomersAndEndsTheirSessions) {
  ASSERT_TRUE(auth_.request_password_reset("nobody@acme.example").ok());
  ASSERT_TRUE(auth_.request_password_reset("not an email").ok());
  EXPECT_TRUE(mails().empty());

  ASSERT_TRUE(auth_.invite(Actor::system(), customer_.id).ok());
  auto first = auth_.accept_invitation(token_of_last_mail(), "first password", "10.0.0.1", "test");
  ASSERT_TRUE(first.ok());

  ASSERT_TRUE(auth_.request_password_reset(" Carla@ACME.example").ok());
  ASSERT_EQ(mails().size(), 2u);
  const std::string token = token_of_last_mail();
  EXPECT_EQ(auth_.accept_invitation(token, "sneaky password", "10.0.0.1", "test").error().code,
            ErrorCode::validation_failed)
      << "a reset token is not an invitation";
  ASSERT_TRUE(auth_.reset_password(token, "second password").ok());
  EXPECT_FALSE(auth_.authenticate(first.value().secret).value()) << "old sessions end with a new password";
  EXPECT_EQ(auth_.login("carla@acme.example", "first password", "10.0.0.2", "test").error().code,
            ErrorCode::invalid_credentials);
  EXPECT_TRUE(auth_.login("carla@acme.example", "second password", "10.0.0.3", "test").ok());
  EXPECT_EQ(auth_.reset_password(token, "third password!").error().code, ErrorCode::validation_failed);
}

TEST_F(PortalAuthServiceTest, AResetLinkExpiresWithinTheHour) {
  ASSERT_TRUE(auth_.request_password_reset("carla@acme.example").ok());
  const std::string token = token_of_last_mail();
  clock_.advance_ms(kHour + 1);
  EXPECT_EQ(auth_.reset_password(token, "second password").error().code, ErrorCode::validation_failed);
}

TEST_F(PortalAuthServiceTest, AnInactiveCustomerCannotSignIn) {
  ASSERT_TRUE(auth_.invite(Actor::system(), customer_.id).ok());
  ASSERT_TRUE(auth_.accept_invitation(token_of_last_mail(), "carla password", "10.0.0.1", "test").ok());
  ASSERT_TRUE(customers_
                  .update_customer(Actor::system(), customer_.id,
                                   {std::nullopt, std::nullopt, std::nullopt, false, std::nullopt})
                  .ok());
  EXPECT_EQ(auth_.login("carla@acme.example", "carla password", "10.0.0.1", "test").error().code,
            ErrorCode::invalid_credentials);
}

}  // namespace tandem::service
