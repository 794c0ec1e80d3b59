#include "service/email_out/imap_poller.h"

#include <charconv>
#include <memory>

#include <spdlog/spdlog.h>

#include "service/email_out/curl_handle.h"

namespace tandem::service {

namespace {

constexpr auto kConnectTimeout = std::chrono::seconds(15);
constexpr auto kTimeout = std::chrono::seconds(300);

std::size_t append_to_string(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// "Sent Items" as an IMAP astring: quoted, with \ and " escaped.
std::string imap_quoted(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// One IMAP session with a mailbox: the requests reuse the connection libcurl keeps open.
class ImapSession {
 public:
  ImapSession(const ImapMailbox& mailbox, CurlHandle curl) : mailbox_(mailbox), curl_(std::move(curl)) {
    std::unique_ptr<char, decltype(&curl_free)> folder(
        curl_easy_escape(curl_.get(), mailbox.folder.c_str(), static_cast<int>(mailbox.folder.size())),
        curl_free);
    server_ = std::string(mailbox.security == MailSecurity::tls ? "imaps://" : "imap://") + mailbox.host +
              ":" + std::to_string(mailbox.port);
    folder_url_ = server_ + "/" + folder.get();
    curl_easy_setopt(curl_.get(), CURLOPT_WRITEFUNCTION, append_to_string);
  }

  std::string source() const {
    return std::string(mailbox_.security == MailSecurity::tls ? "imaps://" : "imap://") + mailbox_.user +
           "@" + mailbox_.host + ":" + std::to_string(mailbox_.port) + "/" + mailbox_.folder;
  }

  // Runs an IMAP command on the folder and returns its untagged responses.
  Result<std::string> command(const std::string& command) { return run(folder_url_, command.c_str()); }

  // The raw message with this UID.
  Result<std::string> fetch(std::int64_t uid) {
    return run(folder_url_ + "/;UID=" + std::to_string(uid), nullptr);
  }

 private:
  Result<std::string> run(const std::string& url, const char* custom) {
    std::string out;
    curl_easy_setopt(curl_.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_.get(), CURLOPT_CUSTOMREQUEST, custom);
    curl_easy_setopt(curl_.get(), CURLOPT_WRITEDATA, &out);
    TANDEM_TRY(
        curl_.perform("IMAP " + source() + (custom ? std::string(" ") + custom : std::string(" fetch"))));
    return out;
  }

  const ImapMailbox& mailbox_;
  CurlHandle curl_;
  std::string server_;
  std::string folder_url_;
};

// Marks the message seen and, when the mailbox names a folder, moves it there (MOVE, else COPY and delete).
Status mark_imported(ImapSession& session, const ImapMailbox& mailbox, std::int64_t uid) {
  const std::string id = std::to_string(uid);
  TANDEM_TRY(status_of(session.command("UID STORE " + id + " +FLAGS.SILENT (\\Seen)")));
  if (!mailbox.move_to || mailbox.move_to->empty()) return {};
  const std::string target = imap_quoted(*mailbox.move_to);
  if (session.command("UID MOVE " + id + " " + target).ok()) return {};
  TANDEM_TRY(status_of(session.command("UID COPY " + id + " " + target)));
  TANDEM_TRY(status_of(session.command("UID STORE " + id + " +FLAGS.SILENT (\\Deleted)")));
  return status_of(session.command("EXPUNGE"));
}

}  // namespace

std::vector<std::int64_t> parse_imap_search(std::string_view response) {
  std::vector<std::int64_t> uids;
  std::size_t line_start = 0;
  while (line_start < response.size()) {
    std::size_t line_end = response.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = response.size();
    std::string_view line = response.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    if (!line.starts_with("* SEARCH")) continue;
    line.remove_prefix(8);
    while (!line.empty()) {
      const std::size_t digit = line.find_first_of("0123456789");
      if (digit == std::string_view::npos) break;
      line.remove_prefix(digit);
      std::int64_t uid = 0;
      const auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), uid);
      if (error == std::errc() && uid > 0) uids.push_back(uid);
      line.remove_prefix(static_cast<std::size_t>(end - line.data()));
    }
  }
  return uids;
}

ImapPoller::ImapPoller(store::Database& db, MailIntakeFn intake) : db_(db), intake_(std::move(intake)) {}

ImapPoller::~ImapPoller() {
  stop();
}

Result<int> ImapPoller::poll_mailbox(const ImapMailbox& mailbox) {
  TANDEM_ASSIGN(CurlHandle curl, CurlHandle::make(mailbox.security, mailbox.user, mailbox.password,
                                                  kConnectTimeout, kTimeout));
  ImapSession session(mailbox, std::move(curl));
  TANDEM_ASSIGN(const std::string listed, session.command("UID SEARCH UNSEEN"));
  const std::vector<std::int64_t> uids = parse_imap_search(listed);
  if (uids.empty()) return 0;
  // Read-only from here until the intake has the messages: fetching does not set \Seen.
  TANDEM_TRY(status_of(session.command("EXAMINE " + imap_quoted(mailbox.folder))));
  std::vector<std::int64_t> accepted;
  for (const std::int64_t uid : uids) {
    const auto raw = session.fetch(uid);
    if (!raw.ok()) {  // the ones taken in so far are still marked; the rest wait for the next poll
      spdlog::warn("imap {}: message {} not fetched: {}", session.source(), uid, raw.error().message);
      break;
    }
    if (raw.value().empty()) continue;  // expunged since it was listed
    if (Status taken = intake_(raw.value(), session.source()); !taken.ok()) {
      spdlog::warn("imap {}: message {} not taken in, left unseen: {}", session.source(), uid,
                   taken.error().internal.empty() ? taken.error().message : taken.error().internal);
      continue;
    }
    accepted.push_back(uid);
  }
  if (accepted.empty()) return 0;
  TANDEM_TRY(status_of(session.command("SELECT " + imap_quoted(mailbox.folder))));
  for (const std::int64_t uid : accepted) TANDEM_TRY(mark_imported(session, mailbox, uid));
  return static_cast<int>(accepted.size());
}

Result<int> ImapPoller::poll_all() {
  EmailSettings settings;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(settings, load_email_settings(txn));
    return {};
  }));
  int accepted = 0;
  for (const auto& mailbox : settings.imap_mailboxes) {
    if (!mailbox.enabled) continue;
    const auto polled = poll_mailbox(mailbox);
    if (polled.ok()) {
      accepted += polled.value();
    } else {
      const Error& error = polled.error();
      spdlog::warn("imap {}@{}: {}", mailbox.user, mailbox.host,
                   error.internal.empty() ? error.message : error.internal);
    }
  }
  return accepted;
}

void ImapPoller::start(std::chrono::milliseconds interval) {
  thread_.start(interval, [this] {
    const auto polled = poll_all();
    if (!polled.ok()) spdlog::error("imap: {}", polled.error().internal);
  });
}

void ImapPoller::stop() {
  thread_.stop();
}

}  // namespace tandem::service
