// Loop and abuse protection of the email channel: which inbound mail deserves an automatic answer, and
// which senders never get one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "service/email_in/mail_parser.h"

namespace tandem::service {

/// Whether `address` is one no automatic answer may go to: mailer-daemon, postmaster, no-reply and its
/// spellings, or one of our own `inbound_addresses` (with or without a +suffix).
bool never_answered(std::string_view address, const std::vector<std::string>& inbound_addresses);

/// Whether a new ticket from `mail` may be acknowledged automatically: not when the message says it was
/// sent automatically (Auto-Submitted other than "no", Precedence bulk/junk/list/auto_reply, list headers,
/// X-Autoreply and kin), comes from an address never_answered, or carries one of our own Message-IDs
/// (`ours`: the ids Tandem sent; ids starting "tandem." are ours as well).
bool auto_reply_allowed(const ParsedMail& mail, const std::vector<std::string>& inbound_addresses, bool ours);

/// The item number in a "[#1042]" token of a subject, or 0 when there is none.
std::int64_t subject_item_number(std::string_view subject);

}  // namespace tandem::service
