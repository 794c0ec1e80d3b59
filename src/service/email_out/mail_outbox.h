// Outgoing mail from the job queue. Changes enqueue `mail.notify` jobs ({event, item_id, message_id}) in
// their own write transaction; the outbox renders each into the template of its event and sends one mail
// per recipient through the relay:
//   ticket_received, status_changed → the item's customers (requesters and followers);
//   agent_reply (a public message)  → the item's customers except its author;
//   internal_message                → the item's internal users, the members of its teams among them, except
//                                     the author and those who have read the message in the app by the time
//                                     the job runs (after the delay).
// Internal notes never go to customers. `mail.send` jobs ({to, subject, text, link[, template, name,
// hours, language]}) carry portal invitations and password resets. Each mail is written in its
// recipient's language, else in the email settings' default language. Every mail about an item gets a
// Message-ID recorded as 'out', In-Reply-To/References from the item's earlier Message-IDs and Reply-To the
// item's reply address. A failure (no relay, relay down) fails the job, which the runner retries with
// backoff; recipients already served by an earlier attempt are not mailed twice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "service/email_out/smtp_sender.h"
#include "service/jobs/job_runner.h"
#include "store/database.h"
#include "store/job_queue.h"

namespace tandem::service {

inline constexpr std::string_view kMailSendJob = "mail.send";
inline constexpr std::string_view kMailNotifyJob = "mail.notify";

/// Enqueues in `txn` the mail a new conversation message causes: agent_reply at once when it is public, and
/// internal_message after the email settings' notify delay.
Status enqueue_message_mail(store::Txn& txn, std::int64_t item_id, std::int64_t message_id, bool is_public,
                            TimestampMs now);
/// Enqueues in `txn` the status_changed mail of the item.
Status enqueue_status_mail(store::Txn& txn, std::int64_t item_id, TimestampMs now);

class MailOutbox {
 public:
  /// An outbox sending through `transport`; links in mail start with `public_url` (e.g.
  /// https://help.example.com; empty leaves them relative).
  MailOutbox(store::Database& db, const Clock& clock, MailTransport transport, std::string public_url);

  /// Registers the handlers of mail.send and mail.notify jobs on `jobs`.
  void register_handlers(JobRunner& jobs);
  /// Handles a mail.send job. Errors: validation_failed (bad payload), unavailable (no relay, relay down).
  Status send(const store::Job& job);
  /// Handles a mail.notify job; an item or message deleted since is nothing to send. Errors:
  /// validation_failed (bad payload), unavailable (no relay or sender address, relay down), the store's.
  Status notify(const store::Job& job);

 private:
  store::Database& db_;
  const Clock& clock_;
  MailTransport transport_;
  std::string public_url_;
};

}  // namespace tandem::service
