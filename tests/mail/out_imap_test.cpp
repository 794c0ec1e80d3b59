// IMAP polling against a real Dovecot started by the test: unprivileged (as nobody when the test runs as
// root), listening on a free port of 127.0.0.1, with one static user whose Maildir the test fills.
#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "service/email/email_settings.h"
#include "service/email_out/imap_poller.h"
#include "store/temp_database.h"

extern char** environ;

namespace tandem::service {

namespace {

namespace fs = std::filesystem;

constexpr const char* kDovecot = "/usr/sbin/dovecot";

std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepts(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The files of a Maildir folder ("new" or "cur") in `maildir`.
std::vector<std::string> files_in(const fs::path& folder) {
  std::vector<std::string> names;
  if (!fs::exists(folder)) return names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class DovecotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kDovecot))
      GTEST_SKIP() << kDovecot << " is not installed (scripts/bootstrap.sh installs it)";
    dir_ = fs::path(::testing::TempDir()) / ("dovecot-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    for (const char* sub : {"run", "state", "home/support/Maildir/new", "home/support/Maildir/cur",
                            "home/support/Maildir/tmp", "home/support/Maildir/.Imported/new",
                            "home/support/Maildir/.Imported/cur", "home/support/Maildir/.Imported/tmp"})
      fs::create_directories(dir_ / sub);
    port_ = free_port();
    const bool root = ::geteuid() == 0;
    const std::string me = root ? "" : ::getpwuid(::geteuid())->pw_name;
    const std::string my_group = root ? "" : ::getgrgid(::getegid())->gr_name;
    mail_user_ = root ? "nobody" : me;
    std::ofstream(dir_ / "dovecot.conf")
        << "protocols = imap\nlisten = 127.0.0.1\nbase_dir = " << (dir_ / "run").string()
        << "\nstate_dir = " << (dir_ / "state").string() << "\nlog_path = " << (dir_ / "dovecot.log").string()
        << "\nssl = no\ndisable_plaintext_auth = no\nauth_mechanisms = plain login\n"
        << "default_internal_user = " << (root ? "dovecot" : me) << "\n"
        << "default_internal_group = " << (root ? "dovecot" : my_group) << "\n"
        << "default_login_user = " << (root ? "dovenull" : me) << "\n"
        << "passdb {\n  driver = static\n  args = password=imap-secret\n}\n"
        << "userdb {\n  driver = static\n  args = uid=" << mail_user_
        << " gid=" << (root ? "nogroup" : my_group) << " home=" << (dir_ / "home").string() << "/%u\n}\n"
        << "mail_location = maildir:~/Maildir\n"
        << "service imap-login {\n  chroot =\n  inet_listener imap {\n    port = " << port_
        << "\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}\n"
        << "service anvil {\n  chroot =\n}\n";
    own_mail();
    const std::string config = (dir_ / "dovecot.conf").string();
    const char* argv[] = {kDovecot, "-F", "-c", config.c_str(), nullptr};
    ASSERT_EQ(::posix_spawn(&pid_, kDovecot, nullptr, nullptr, const_cast<char**>(argv), environ), 0);
    for (int i = 0; i < 300 && !accepts(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_TRUE(accepts(port_)) << "dovecot did not start:\n" << read_file(dir_ / "dovecot.log");
    mailbox_.host = "127.0.0.1";
    mailbox_.port = port_;
    mailbox_.security = MailSecurity::none;
    mailbox_.user = "support";
    mailbox_.password = "imap-secret";
  }

  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    if (HasFailure() && fs::exists(dir_ / "dovecot.log")) std::cerr << read_file(dir_ / "dovecot.log");
    fs::remove_all(dir_);
  }

  // The mail user owns its Maildir (as root the server reads it as nobody).
  void own_mail() {
    if (::geteuid() != 0) return;
    const passwd* user = ::getpwnam(mail_user_.c_str());
    for (const auto& entry : fs::recursive_directory_iterator(dir_ / "home"))
      if (::chown(entry.path().c_str(), user->pw_uid, user->pw_gid) != 0) ADD_FAILURE() << entry.path();
    if (::chown((dir_ / "home").c_str(), user->pw_uid, user->pw_gid) != 0) ADD_FAILURE();
  }

  // Delivers a message into the user's INBOX the way an MTA does (a file in Maildir/new).
  std::string deliver(const std::string& name, const std::string& subject) {
    const std::string raw =
        "From: Carla <carla@acme.example>\r\nTo: support@example.com\r\nSubject: " + subject +
        "\r\nMessage-ID: <" + name + "@acme.example>\r\n\r\nHello from " + name + "\r\n";
    std::ofstream(maildir() / "new" / (name + ".eml"), std::ios::binary) << raw;
    own_mail();
    return raw;
  }

  fs::path maildir() const { return dir_ / "home/support/Maildir"; }

  // An intake that keeps what it is given and refuses the messages whose text contains `refuse`.
  MailIntakeFn keeping(std::string refuse = "\x01") {
    return [this, refuse](std::string_view raw, std::string_view source) -> Status {
      if (raw.find(refuse) != std::string_view::npos)
        return Error::make(ErrorCode::unavailable, "store is busy");
      taken_.emplace_back(raw);
      sources_.emplace_back(source);
      return {};
    };
  }

  fs::path dir_;
  std::uint16_t port_ = 0;
  std::string mail_user_;
  pid_t pid_ = 0;
  ImapMailbox mailbox_;
  std::vector<std::string> taken_;
  std::vector<std::string> sources_;
  store::TempDatabase temp_{"imap-test"};
};

}  // namespace

TEST_F(DovecotTest, UnseenMessagesAreHandedToTheIntakeThenMarkedSeen) {
  const std::string first = deliver("one", "First");
  const std::string second = deliver("two", "Второе");
  ImapPoller poller(temp_.db(), keeping());
  const auto polled = poller.poll_mailbox(mailbox_);
  ASSERT_TRUE(polled.ok()) << polled.error().internal;
  EXPECT_EQ(polled.value(), 2);
  ASSERT_EQ(taken_.size(), 2u);
  EXPECT_EQ(taken_[0], first);
  EXPECT_EQ(taken_[1], second);
  EXPECT_EQ(sources_[0], "imap://support@127.0.0.1:" + std::to_string(port_) + "/INBOX");
  const auto seen = files_in(maildir() / "cur");
  ASSERT_EQ(seen.size(), 2u);
  for (const auto& name : seen) EXPECT_TRUE(name.ends_with(",S")) << name << " is marked \\Seen";

  const auto again = poller.poll_mailbox(mailbox_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), 0) << "seen messages are not fetched again";
  EXPECT_EQ(taken_.size(), 2u);
}

TEST_F(DovecotTest, AMessageTheIntakeRefusesStaysUnseenAndIsFetchedByTheNextPoll) {
  deliver("good", "Good");
  deliver("busy", "Busy");
  {
    ImapPoller poller(temp_.db(), keeping("Hello from busy"));
    const auto polled = poller.poll_mailbox(mailbox_);
    ASSERT_TRUE(polled.ok()) << polled.error().internal;
    EXPECT_EQ(polled.value(), 1);
  }
  int unseen = 0;
  for (const auto& name : files_in(maildir() / "cur")) unseen += name.ends_with(",S") ? 0 : 1;
  unseen += static_cast<int>(files_in(maildir() / "new").size());
  EXPECT_EQ(unseen, 1) << "fetching alone marks nothing";

  ImapPoller poller(temp_.db(), keeping());
  const auto polled = poller.poll_mailbox(mailbox_);
  ASSERT_TRUE(polled.ok());
  EXPECT_EQ(polled.value(), 1);
  ASSERT_EQ(taken_.size(), 2u);
  EXPECT_NE(taken_[1].find("Hello from busy"), std::string::npos);
}

TEST_F(DovecotTest, ImportedMessagesAreMovedWhenTheMailboxSaysWhere) {
  deliver("moved", "Moved");
  mailbox_.move_to = "Imported";
  ImapPoller poller(temp_.db(), keeping());
  const auto polled = poller.poll_mailbox(mailbox_);
  ASSERT_TRUE(polled.ok()) << polled.error().internal;
  EXPECT_EQ(polled.value(), 1);
  EXPECT_TRUE(files_in(maildir() / "cur").empty());
  EXPECT_TRUE(files_in(maildir() / "new").empty());
  const auto moved = files_in(maildir() / ".Imported/cur");
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_TRUE(moved[0].ends_with(",S")) << moved[0];
}

TEST_F(DovecotTest, PollingAllPollsTheEnabledMailboxesOfTheSettings) {
  deliver("settings", "Via settings");
  EmailSettings settings;
  ImapMailbox disabled = mailbox_;
  disabled.enabled = false;
  disabled.password = "wrong";
  settings.imap_mailboxes = {disabled, mailbox_};
  ASSERT_TRUE(temp_.db().write([&](store::Txn& txn) { return store_email_settings(txn, settings, 0); }).ok());
  ImapPoller poller(temp_.db(), keeping());
  const auto polled = poller.poll_all();
  ASSERT_TRUE(polled.ok());
  EXPECT_EQ(polled.value(), 1);
  EXPECT_EQ(taken_.size(), 1u);
}

TEST_F(DovecotTest, AWrongPasswordIsAnErrorAndTakesNothing) {
  deliver("locked", "Locked");
  mailbox_.password = "wrong";
  ImapPoller poller(temp_.db(), keeping());
  const auto polled = poller.poll_mailbox(mailbox_);
  ASSERT_FALSE(polled.ok());
  EXPECT_EQ(polled.error().code, ErrorCode::unavailable);
  EXPECT_TRUE(taken_.empty());
}

}  // namespace tandem::service
