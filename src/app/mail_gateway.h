// The inbound mail pipeline behind its two local doors: the LMTP/SMTP listener `tandem serve` starts when
// `mail.listen` is set, and `tandem mail-gate`, which an MTA runs with one message on standard input.
#pragma once

#include <memory>

#include "app/config.h"
#include "core/result.h"
#include "net/mail/mail_listener.h"
#include "service/email_in/mail_intake.h"

namespace tandem::app {

/// What the LMTP/SMTP listener asks of `intake`: which recipients are taken, the size limit, and storing a
/// message (250 once it is stored durably, 4xx to retry, 5xx refused).
net::MailHooks mail_hooks(service::MailIntake& intake);

/// Starts the LMTP/SMTP listener on config.mail_listen, handing messages to `intake`; the listener is
/// running when this returns. Errors: validation_failed (a bad address), unavailable (cannot bind).
Result<std::unique_ptr<net::MailListener>> start_mail_listener(const Config& config,
                                                               service::MailIntake& intake);

struct MailGateArgs {
  std::string sender;                   // the envelope sender, when the MTA passes it
  std::vector<std::string> recipients;  // the envelope recipients, when the MTA passes them
};

/// Reads one message from standard input and stores it through the pipeline. Exit codes per sysexits.h:
/// 0 stored (or stored before), 65 EX_DATAERR (empty or too large: the MTA bounces it), 74 EX_IOERR (stdin
/// unreadable), 75 EX_TEMPFAIL (store unavailable or sender over its limit: the MTA keeps it and retries).
int mail_gate_command(const Config& config, const MailGateArgs& args);

}  // namespace tandem::app
