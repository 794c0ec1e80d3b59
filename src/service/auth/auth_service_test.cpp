#include "service/auth/auth_service.h"

#include <gtest/gtest.h>

#include "service/auth/secrets.h"
#include "service/users/user_service.h"
#include "store/temp_database.h"

namespace tandem::service {

namespace {

constexpr TimestampMs kStart = 1'795'426'200'000;  // 2026-11-23T09:30:00Z
constexpr std::string_view kPassword = "correct horse battery";

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_secrets();
    auto user = users_.create_user(Actor::system(),
                                   {"Ada@Example.com ", "Ada Admin", "admin", std::string(kPassword)});
    ASSERT_TRUE(user.ok()) << user.error().message;
    user_ = user.value();
  }

  Result<NewSession> login(std::string_view password, std::string_view address = "10.0.0.1") {
    return auth_.login("ada@example.com", password, address, "test");
  }

  // Returns once every write queued so far, waited for or not, has committed.
  void settle_writes() {
    ASSERT_TRUE(temp_.db().write([](store::Txn&) { return Status{}; }).ok());
  }

  store::TempDatabase temp_{"auth-test"};
  FakeClock clock_{kStart};
  AuthService auth_{temp_.db(), clock_};
  UserService users_{temp_.db(), clock_, auth_};
  store::UserRow user_;
};

}  // namespace

TEST_F(AuthServiceTest, EmailsAreStoredNormalised) {
  EXPECT_EQ(user_.email, "ada@example.com");
}

TEST_F(AuthServiceTest, PasswordsAreStoredAsArgon2id) {
  EXPECT_TRUE(user_.password_hash.starts_with("$argon2id$")) << user_.password_hash;
  EXPECT_TRUE(verify_password(user_.password_hash, kPassword));
  EXPECT_FALSE(verify_password(user_.password_hash, "wrong"));
}

TEST_F(AuthServiceTest, SignInOpensASessionThatAuthenticates) {
  auto session = auth_.login("  ADA@example.com", kPassword, "10.0.0.1", "test");
  ASSERT_TRUE(session.ok()) << session.error().message;
  EXPECT_EQ(session->user.id, user_.id);
  EXPECT_FALSE(session->csrf_token.empty());
  auto identity = auth_.authenticate_session(session->secret);
  ASSERT_TRUE(identity.ok());
  ASSERT_TRUE(identity.value().has_value());
  EXPECT_EQ(identity.value()->actor.user_id, user_.id);
  EXPECT_EQ(identity.value()->csrf_token, session->csrf_token);
  EXPECT_FALSE(auth_.authenticate_session("not-a-session").value().has_value());
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
  auto wrong = login("nope");
  auto unknown = auth_.login("nobody@example.com", kPassword, "10.0.0.2", "test");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::invalid_credentials);
  EXPECT_EQ(unknown.error().code, ErrorCode::invalid_credentials);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_F(AuthServiceTest, TenFailuresLockTheAccountForTheRestOfTheWindow) {
  for (int i = 0; i < 10; ++i) {
    clock_.advance_ms(1000);
    EXPECT_EQ(login("wrong", "10.0.0." + std::to_string(i)).error().code, ErrorCode::invalid_credentials);
  }
  auto locked = login(kPassword, "10.9.9.9");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::rate_limited);
  // The first failure was at +1 s; the window is 15 minutes from it, and we are at +10 s.
  EXPECT_EQ(locked.error().details.at("retry_after"), std::to_string(15 * 60 - 9));
  clock_.advance_ms(15 * 60 * 1000);
  EXPECT_TRUE(login(kPassword).ok()) << "the lock lifts when the window has passed";
}

TEST_F(AuthServiceTest, TenFailuresFromOneAddressLockThatAddress) {
  auto other =
      users_.create_user(Actor::system(), {"bob@example.com", "Bob", "agent", std::string(kPassword)});
  ASSERT_TRUE(other.ok());
  for (int i = 0; i < 10; ++i)
    EXPECT_FALSE(auth_.login("guess" + std::to_string(i) + "@example.com", "x", "10.6.6.6", "t").ok());
  EXPECT_EQ(auth_.login("bob@example.com", kPassword, "10.6.6.6", "t").error().code, ErrorCode::rate_limited);
  EXPECT_TRUE(auth_.login("bob@example.com", kPassword, "10.0.0.7", "t").ok())
      << "other addresses are not locked";
}

TEST_F(AuthServiceTest, SessionsExpireAndSlideWhileUsed) {
  auto session = login(kPassword);
  ASSERT_TRUE(session.ok());
  const TimestampMs ttl = AuthSettings{}.session_ttl_ms;
  clock_.advance_ms(ttl * 3 / 4);  // past half: this use renews the session
  ASSERT_TRUE(auth_.authenticate_session(session->secret).value().has_value());
  settle_writes();
  auth_.forget_identities();       // the renewal is in the store, not only in the cache
  clock_.advance_ms(ttl * 3 / 4);  // past the original expiry, within the renewed one
  EXPECT_TRUE(auth_.authenticate_session(session->secret).value().has_value());
  clock_.advance_ms(ttl + 1);
  EXPECT_FALSE(auth_.authenticate_session(session->secret).value().has_value());
}

TEST_F(AuthServiceTest, LogoutEndsTheSession) {
  auto session = login(kPassword);
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(auth_.logout(session->session_id).ok());
  EXPECT_FALSE(auth_.authenticate_session(session->secret).value().has_value());
}

TEST_F(AuthServiceTest, ApiTokensAuthenticateUntilRevoked) {
  const Actor actor = Actor::user(user_.id, user_.role, user_.name);
  auto token = auth_.create_token(actor, "ci");
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(token->secret.starts_with("tdm_"));
  auto identity = auth_.authenticate_token(token->secret);
  ASSERT_TRUE(identity.ok() && identity.value().has_value());
  EXPECT_EQ(identity.value()->actor.user_id, user_.id);
  EXPECT_EQ(identity.value()->session_id, 0);

  settle_writes();
  auto listed = auth_.list_tokens(actor);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().name, "ci");
  EXPECT_EQ(listed->front().last_used_at, kStart) << "a use is recorded";
  clock_.advance_ms(30'000);
  ASSERT_TRUE(auth_.authenticate_token(token->secret).ok());
  settle_writes();
  EXPECT_EQ(auth_.list_tokens(actor)->front().last_used_at, kStart) << "recorded at most once a minute";
  clock_.advance_ms(30'000);
  ASSERT_TRUE(auth_.authenticate_token(token->secret).ok());
  settle_writes();
  EXPECT_EQ(auth_.list_tokens(actor)->front().last_used_at, kStart + 60'000);

  ASSERT_TRUE(auth_.revoke_token(actor, token->token.id).ok());
  EXPECT_FALSE(auth_.authenticate_token(token->secret).value().has_value());
  EXPECT_EQ(auth_.revoke_token(actor, token->token.id).error().code, ErrorCode::not_found);
}

TEST_F(AuthServiceTest, CredentialsChangedElsewhereStopWorkingWithinTheCacheLifetime) {
  auto session = login(kPassword);
  auto token = auth_.create_token(Actor::user(user_.id, user_.role, user_.name), "ci");
  ASSERT_TRUE(session.ok() && token.ok());
  ASSERT_TRUE(auth_.authenticate_session(session->secret).value().has_value());
  ASSERT_TRUE(auth_.authenticate_token(token->secret).value().has_value());
  // Another process (e.g. the CLI) deletes the session and revokes the token behind this one's back.
  ASSERT_TRUE(temp_.db()
                  .write([](store::Txn& txn) -> Status {
                    TANDEM_TRY(txn.exec("DELETE FROM sessions", {}));
                    return txn.exec("UPDATE api_tokens SET revoked_at = 1", {});
                  })
                  .ok());
  clock_.advance_ms(AuthSettings{}.identity_cache_ttl_ms);
  EXPECT_FALSE(auth_.authenticate_session(session->secret).value().has_value());
  EXPECT_FALSE(auth_.authenticate_token(token->secret).value().has_value());
}

TEST_F(AuthServiceTest, NobodyRevokesAnotherUsersToken) {
  auto token = auth_.create_token(Actor::user(user_.id, user_.role, user_.name), "mine");
  ASSERT_TRUE(token.ok());
  auto other =
      users_.create_user(Actor::system(), {"eve@example.com", "Eve", "admin", std::string(kPassword)});
  ASSERT_TRUE(other.ok());
  const Actor eve = Actor::user(other->id, other->role, other->name);
  EXPECT_EQ(auth_.revoke_token(eve, token->token.id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(auth_.authenticate_token(token->secret).value().has_value());
  EXPECT_EQ(auth_.create_token(Actor::anonymous(), "x").error().code, ErrorCode::forbidden);
}

TEST_F(AuthServiceTest, OnlyAdminsCreateUsersAndInputIsValidated) {
  const Actor agent = Actor::user(99, Role::agent, "Agent");
  EXPECT_EQ(users_.create_user(agent, {"x@example.com", "X", "agent", "long enough"}).error().code,
            ErrorCode::forbidden);
  const Actor admin = Actor::user(user_.id, Role::admin, "Ada");
  auto field_of = [&](NewUser input) { return users_.create_user(admin, input).error().details.at("field"); };
  EXPECT_EQ(field_of({"not-an-email", "X", "agent", "long enough"}), "email");
  EXPECT_EQ(field_of({"x@example.com", "", "agent", "long enough"}), "name");
  EXPECT_EQ(field_of({"x@example.com", "X", "root", "long enough"}), "role");
  EXPECT_EQ(field_of({"x@example.com", "X", "agent", "short"}), "password");
  EXPECT_EQ(users_.create_user(admin, {"ADA@example.com", "Again", "agent", "long enough"}).error().code,
            ErrorCode::conflict);
}

}  // namespace tandem::service
