// Hands a finished message to the SMTP relay of the email settings through libcurl: smtp:// upgraded with
// STARTTLS (required) or smtps:// from the start, the relay's certificate checked against the system's CAs
// or the settings' CA file, authenticated when the relay has a user.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "core/result.h"
#include "service/email/email_settings.h"

namespace tandem::service {

/// A message and its envelope for one recipient.
struct Envelope {
  std::string from;     // the envelope sender (MAIL FROM)
  std::string to;       // the one recipient (RCPT TO)
  std::string message;  // the RFC 5322 text, CRLF line ends
};

/// Delivers an envelope through a relay. Errors: unavailable (no relay configured, or the relay refused
/// or could not be reached; the caller retries later).
using MailTransport = std::function<Status(const SmtpRelay& relay, const Envelope& envelope)>;

/// The libcurl transport: connects within `connect_timeout` and gives up after `timeout` in all.
Status send_smtp(const SmtpRelay& relay, const Envelope& envelope,
                 std::chrono::seconds connect_timeout = std::chrono::seconds(15),
                 std::chrono::seconds timeout = std::chrono::seconds(60));

}  // namespace tandem::service
