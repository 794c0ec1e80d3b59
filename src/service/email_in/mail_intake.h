// The one pipeline of inbound mail, whatever brought it (the LMTP/SMTP listener, `tandem mail-gate`, IMAP
// polling): accept() stores the raw message durably and queues a `mail.receive` job in one transaction;
// the job parses it and, in one more transaction, finds or creates the sender (customer or user), threads
// it onto its item or opens a ticket, attaches its files and the original .eml, records its Message-ID and
// queues the acknowledgement. A crash between the two loses nothing; a message delivered twice is stored
// once.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/conversations/conversation_service.h"
#include "service/email/email_settings.h"
#include "service/email_in/mail_parser.h"
#include "service/files/file_service.h"
#include "service/items/item_service.h"
#include "service/jobs/job_runner.h"
#include "store/database.h"
#include "store/job_queue.h"

namespace tandem::service {

/// What the transport says about a message: the envelope sender (may be empty) and recipients.
struct MailEnvelope {
  std::string sender;
  std::vector<std::string> recipients;
};

struct IntakeOutcome {
  std::int64_t inbound_mail_id = 0;  // the stored message (the earlier one for a duplicate)
  bool duplicate = false;            // the message was stored before; nothing new was queued
};

class MailIntake {
 public:
  MailIntake(store::Database& db, const Clock& clock, ItemService& items, ConversationService& conversations,
             FileService& files, JobRunner& jobs)
      : db_(db), clock_(clock), items_(items), conversations_(conversations), files_(files), jobs_(jobs) {}

  /// Whether mail to `address` is taken: one of the inbound addresses of the email settings, also with a
  /// "+suffix" after its local part. Case-insensitive. The settings are read at most once a second, and
  /// again as soon as this process changes them. Errors: the store's.
  Result<bool> accepts_recipient(std::string_view address);
  /// The largest message accepted (the email settings' max_message_bytes, read as accepts_recipient reads
  /// them). Errors: the store's.
  Result<std::int64_t> max_message_bytes();
  /// Stores the raw message durably and queues its processing. A message stored before (same Message-ID, or
  /// same bytes when it has none) is not stored again. Errors: validation_failed (empty), payload_too_large,
  /// rate_limited (the sender passed sender_limit_per_hour), unavailable (disk or store: try again later).
  Result<IntakeOutcome> accept(std::string_view raw, std::string_view source,
                               const MailEnvelope& envelope = {});
  /// The `mail.receive` job ({"inbound_mail_id": N}), a batched job: prepare(N).
  Result<JobRunner::Apply> prepare(const store::Job& job);
  /// Reads, parses and stores the files of stored message `inbound_mail_id`, outside any transaction; the
  /// returned step, run in a write transaction, turns it into a ticket or a reply, exactly once (a processed
  /// message is left alone). Errors: the store's or the disk's (the job is retried).
  Result<JobRunner::Apply> prepare(std::int64_t inbound_mail_id);
  /// prepare(inbound_mail_id), then its step in a write transaction of its own. Errors: prepare's and the
  /// step's.
  Status process(std::int64_t inbound_mail_id);

 private:
  struct Incoming;  // a parsed message with its files stored, ready to be delivered
  Status deliver(store::Txn& txn, const Incoming& in);
  // The email settings read lately (see accepts_recipient).
  Result<EmailSettings> recent_settings();

  store::Database& db_;
  const Clock& clock_;
  ItemService& items_;
  ConversationService& conversations_;
  FileService& files_;
  JobRunner& jobs_;
  std::mutex settings_mutex_;  // guards the three below
  std::optional<EmailSettings> settings_;
  std::uint64_t settings_version_ = 0;
  std::chrono::steady_clock::time_point settings_read_at_;
};

}  // namespace tandem::service
