// One LMTP (RFC 2033) or SMTP (RFC 5321) conversation as a pure state machine: bytes from the client in,
// replies out. It takes LHLO (LMTP: one reply per recipient after the data) or EHLO/HELO (SMTP), MAIL,
// RCPT, DATA, RSET, NOOP, VRFY, HELP and QUIT. Untrusted input is bounded: command lines, data lines,
// recipients, the message size, and the number of errors in a row before the connection is dropped.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::net {

/// A reply: an SMTP code and its text with an enhanced status code, e.g. {250, "2.0.0 OK"}.
struct MailReply {
  int code = 250;
  std::string text;
};

struct MailLimits {
  std::string hostname = "tandem";       // in the greeting and the LHLO/EHLO answer
  std::size_t max_command_bytes = 2048;  // a command line, without its line end
  std::size_t max_data_line_bytes = 1 << 20;
  std::size_t max_recipients = 100;
  int max_errors = 20;  // commands refused in a row before the connection is closed
};

/// What the session asks of its owner. Each is called on the session's thread.
struct MailHooks {
  /// Whether mail to this recipient is taken: 250, or 550 for an unknown one (4xx: try later).
  std::function<MailReply(const std::string& recipient)> recipient;
  /// The largest message taken, in bytes.
  std::function<std::uint64_t()> max_message_bytes;
  /// Stores a message for its recipients; 250 when it is safe, 4xx to be retried, 5xx refused.
  std::function<MailReply(const std::string& sender, const std::vector<std::string>& recipients,
                          std::string_view message)>
      deliver;
};

class MailSession {
 public:
  MailSession(MailLimits limits, MailHooks hooks) : limits_(std::move(limits)), hooks_(std::move(hooks)) {}

  /// The 220 greeting to send first.
  std::string greeting() const;
  /// Consumes bytes from the client (any split) and returns the replies to send, in order.
  std::string feed(std::string_view bytes);
  /// True once the session is over (QUIT, or too many errors): send what feed returned, then close.
  bool closed() const { return closed_; }

 private:
  std::string line(std::string_view text);
  std::string command(std::string_view text);
  std::string data_line(std::string_view text);
  std::string end_of_data();
  std::string reply(int code, std::string_view text);
  void reset();

  MailLimits limits_;
  MailHooks hooks_;
  std::string buffer_;
  bool discarding_ = false;  // the rest of an over-long line is being dropped
  bool greeted_ = false;
  bool lmtp_ = false;
  bool has_sender_ = false;
  bool in_data_ = false;
  bool too_big_ = false;
  bool bad_line_ = false;
  bool closed_ = false;
  int errors_ = 0;
  std::uint64_t max_bytes_ = 0;  // of the current message, read at MAIL
  std::string sender_;
  std::vector<std::string> recipients_;
  std::string data_;
};

}  // namespace tandem::net
