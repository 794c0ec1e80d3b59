// One outgoing mail as an RFC 5322 message: UTF-8 headers as encoded words, a quoted-printable
// text/plain; charset=utf-8 body, and the Message-ID, In-Reply-To and References that thread it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace tandem::service {

struct OutgoingMail {
  std::string from_name;
  std::string from_address;
  std::string to_name;
  std::string to_address;
  std::string reply_to;  // empty: none
  std::string subject;
  std::string text;        // UTF-8, lines end in \n or \r\n
  std::string message_id;  // without angle brackets
  std::vector<std::string>
      references;              // earlier Message-IDs of the thread, oldest first; the last is replied to
  std::string auto_submitted;  // "auto-replied", "auto-generated" or empty (written by a person)
  TimestampMs date = 0;
};

/// The message text, lines ending in CRLF, ready for SMTP DATA. Line breaks in header values are replaced
/// by spaces, so no value can add a header.
std::string build_message(const OutgoingMail& mail);

/// `text` as a header value: unchanged when it is printable ASCII, else RFC 2047 encoded words
/// (=?UTF-8?B?…?=) that never split a character, folded onto continuation lines.
std::string encode_header_text(std::string_view text);

/// "Mon, 23 Nov 2026 17:30:00 +0000" for `date`.
std::string rfc5322_date(TimestampMs date);

/// `text` in quoted-printable, CRLF line ends, lines of at most 76 characters.
std::string quoted_printable(std::string_view text);

/// The domain of `address` (after its last '@'), "localhost" when it has none.
std::string mail_domain(std::string_view address);

}  // namespace tandem::service
