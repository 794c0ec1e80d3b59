// Polls the IMAP mailboxes of the email settings through libcurl (imap://, STARTTLS when asked, imaps://)
// and hands each unseen message, raw, to the inbound pipeline. A message is marked \Seen (and moved to the
// mailbox's move_to folder) only after the intake accepted it; until then it stays unseen on the server and
// is fetched again by the next poll (the pipeline drops redeliveries). Messages are read with the folder
// opened read-only (EXAMINE), so fetching alone marks nothing.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/periodic_thread.h"
#include "core/result.h"
#include "service/email/email_settings.h"
#include "store/database.h"

namespace tandem::service {

/// Takes one raw message fetched from `source` (e.g. "imap://support@imap.example.com:993/INBOX") into the
/// inbound pipeline: stored durably before it returns. An error leaves the message unmarked on the server.
using MailIntakeFn = std::function<Status(std::string_view raw, std::string_view source)>;

class ImapPoller {
 public:
  /// A poller of the mailboxes in `db`'s email settings, handing messages to `intake`.
  ImapPoller(store::Database& db, MailIntakeFn intake);
  ~ImapPoller();
  ImapPoller(const ImapPoller&) = delete;
  ImapPoller& operator=(const ImapPoller&) = delete;

  /// Polls every enabled mailbox once; a mailbox that fails is logged and the others still polled.
  /// Returns how many messages the intake accepted. Errors: the store's.
  Result<int> poll_all();
  /// Polls one mailbox: lists its unseen messages, fetches each, hands it to the intake, then marks the
  /// accepted ones \Seen and moves them to move_to. Returns how many were accepted. Errors: unavailable (the
  /// server cannot be reached, refuses the login or a command).
  Result<int> poll_mailbox(const ImapMailbox& mailbox);
  /// Starts a thread that calls poll_all() now and then every `interval`, until stop().
  void start(std::chrono::milliseconds interval);
  /// Stops the thread after its current poll. Idempotent.
  void stop();

 private:
  store::Database& db_;
  MailIntakeFn intake_;
  PeriodicThread thread_;
};

/// The UIDs listed by an untagged "* SEARCH 3 7 12" response in `response`.
std::vector<std::int64_t> parse_imap_search(std::string_view response);

}  // namespace tandem::service
