#include "app/mail_gateway.h"

#include <iostream>

#include <spdlog/spdlog.h>

#include "app/runtime.h"

namespace tandem::app {

namespace {

constexpr int kExitDataError = 65;  // EX_DATAERR
constexpr int kExitIoError = 74;    // EX_IOERR
constexpr int kExitTempFail = 75;   // EX_TEMPFAIL
constexpr std::uint64_t kFallbackMaxBytes = 25 * 1024 * 1024;

// The SMTP answer to a failed accept: permanent for what a retry cannot fix, temporary otherwise.
net::MailReply refusal(const Error& error) {
  switch (error.code) {
    case ErrorCode::payload_too_large:
      return {552, "5.3.4 " + error.message};
    case ErrorCode::validation_failed:
      return {554, "5.6.0 " + error.message};
    case ErrorCode::rate_limited:
      return {450, "4.7.1 " + error.message};
    default:
      spdlog::error("mail: cannot store a message: {}",
                    error.internal.empty() ? error.message : error.internal);
      return {451, "4.3.0 the message cannot be stored now, try again later"};
  }
}

}  // namespace

net::MailHooks mail_hooks(service::MailIntake& intake) {
  net::MailHooks hooks;
  hooks.recipient = [&intake](const std::string& recipient) -> net::MailReply {
    const auto accepted = intake.accepts_recipient(recipient);
    if (!accepted.ok()) return {451, "4.3.0 try again later"};
    if (!*accepted) return {550, "5.1.1 no such mailbox here"};
    return {250, "2.1.5 OK"};
  };
  hooks.max_message_bytes = [&intake]() -> std::uint64_t {
    const auto max = intake.max_message_bytes();
    return max.ok() ? static_cast<std::uint64_t>(*max) : kFallbackMaxBytes;
  };
  hooks.deliver = [&intake](const std::string& sender, const std::vector<std::string>& recipients,
                            std::string_view message) -> net::MailReply {
    const auto outcome = intake.accept(message, "listener", {sender, recipients});
    if (!outcome.ok()) return refusal(outcome.error());
    return {250, "2.0.0 " + std::string(outcome->duplicate ? "stored before as " : "stored as ") +
                     std::to_string(outcome->inbound_mail_id)};
  };
  return hooks;
}

Result<std::unique_ptr<net::MailListener>> start_mail_listener(const Config& config,
                                                               service::MailIntake& intake) {
  TANDEM_ASSIGN(const auto endpoint, parse_listen(config.mail_listen));
  net::MailListenerOptions options;
  options.host = endpoint.first;
  options.port = endpoint.second;
  auto listener = std::make_unique<net::MailListener>(options, mail_hooks(intake));
  TANDEM_ASSIGN(const std::uint16_t port, listener->start());
  spdlog::info("mail: LMTP/SMTP on {}:{}", endpoint.first, port);
  return listener;
}

int mail_gate_command(const Config& config, const MailGateArgs& args) {
  auto runtime = open_runtime(config);
  if (!runtime.ok()) {
    std::cerr << "tandem: mail-gate: " << runtime.error().message << "\n";
    return kExitTempFail;
  }
  service::MailIntake& intake = runtime.value()->services->mail_intake;
  const auto max = intake.max_message_bytes();
  if (!max.ok()) {
    std::cerr << "tandem: mail-gate: " << max.error().message << "\n";
    return kExitTempFail;
  }
  // Read at most one byte more than the limit: enough to know the message is too large.
  std::string raw;
  char chunk[64 * 1024];
  while (raw.size() <= static_cast<std::uint64_t>(*max) && std::cin.read(chunk, sizeof chunk).gcount() > 0)
    raw.append(chunk, static_cast<std::size_t>(std::cin.gcount()));
  if (std::cin.bad()) {
    std::cerr << "tandem: mail-gate: cannot read the message from standard input\n";
    return kExitIoError;
  }
  const auto outcome = intake.accept(raw, "mail-gate", {args.sender, args.recipients});
  runtime.value()->db->close();
  if (!outcome.ok()) {
    std::cerr << "tandem: mail-gate: " << outcome.error().message << "\n";
    const ErrorCode code = outcome.error().code;
    return code == ErrorCode::validation_failed || code == ErrorCode::payload_too_large ? kExitDataError
                                                                                        : kExitTempFail;
  }
  std::cout << (outcome->duplicate ? "stored before as " : "stored as ") << outcome->inbound_mail_id << "\n";
  return 0;
}

}  // namespace tandem::app
