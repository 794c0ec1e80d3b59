#include "net/mail/mail_session.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace tandem::net {

namespace {

bool starts_with_word(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(text[i])) != word[i]) return false;
  return text.size() == word.size() || text[word.size()] == ' ' || word.back() == ':';
}

// The address of "FROM:<a@b> PARAMS" after the keyword, and its parameters; nullopt when malformed.
std::optional<std::pair<std::string, std::string>> path_of(std::string_view rest) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  std::string address;
  std::string_view params;
  if (!rest.empty() && rest.front() == '<') {
    const auto close = rest.find('>');
    if (close == std::string_view::npos) return std::nullopt;
    address = std::string(rest.substr(1, close - 1));
    params = rest.substr(close + 1);
  } else {
    const auto space = rest.find(' ');
    address = std::string(rest.substr(0, space));
    params = space == std::string_view::npos ? std::string_view() : rest.substr(space);
  }
  if (address.size() > 320) return std::nullopt;
  // A source route ("@a,@b:user@host") is ignored, as RFC 5321 allows.
  if (!address.empty() && address.front() == '@') {
    const auto colon = address.find(':');
    if (colon == std::string::npos) return std::nullopt;
    address.erase(0, colon + 1);
  }
  for (const unsigned char c : address)
    if (c < 0x21 || c == 0x7f || c == '<' || c == '>') return std::nullopt;
  return std::pair{address, std::string(params)};
}

// The value of SIZE=n among the parameters, or 0.
std::uint64_t size_parameter(std::string_view params) {
  std::string upper(params);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  const auto at = upper.find("SIZE=");
  if (at == std::string::npos) return 0;
  std::uint64_t size = 0;
  for (std::size_t i = at + 5; i < upper.size() && std::isdigit(static_cast<unsigned char>(upper[i])); ++i) {
    if (size > (UINT64_MAX - 9) / 10) return UINT64_MAX;
    size = size * 10 + static_cast<std::uint64_t>(upper[i] - '0');
  }
  return size;
}

}  // namespace

std::string MailSession::greeting() const {
  return "220 " + limits_.hostname + " Tandem LMTP/ESMTP ready\r\n";
}

std::string MailSession::reply(int code, std::string_view text) {
  if (code >= 400) {
    if (++errors_ >= limits_.max_errors) {
      closed_ = true;
      return std::to_string(code) + " " + std::string(text) + "\r\n421 4.7.0 too many errors, closing\r\n";
    }
  } else {
    errors_ = 0;
  }
  return std::to_string(code) + " " + std::string(text) + "\r\n";
}

void MailSession::reset() {
  has_sender_ = in_data_ = too_big_ = bad_line_ = false;
  sender_.clear();
  recipients_.clear();
  data_.clear();
}

std::string MailSession::feed(std::string_view bytes) {
  std::string out;
  while (!bytes.empty() && !closed_) {
    const auto newline = bytes.find('\n');
    const std::string_view piece = bytes.substr(0, newline);
    bytes.remove_prefix(newline == std::string_view::npos ? bytes.size() : newline + 1);
    const std::size_t limit = in_data_ ? limits_.max_data_line_bytes : limits_.max_command_bytes;
    if (discarding_) {
      if (newline != std::string_view::npos) discarding_ = false;
      continue;
    }
    if (buffer_.size() + piece.size() > limit + 1) {  // +1: the CR of CRLF
      buffer_.clear();
      discarding_ = newline == std::string_view::npos;
      if (in_data_)
        bad_line_ = true;
      else
        out += reply(500, "5.5.2 line too long");
      continue;
    }
    std::string_view text = piece;  // a whole line in `bytes` is taken from there, without a copy
    if (!buffer_.empty() || newline == std::string_view::npos) {
      buffer_ += piece;
      if (newline == std::string_view::npos) break;
      text = buffer_;
    }
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    out += line(text);
    buffer_.clear();
  }
  return out;
}

std::string MailSession::line(std::string_view text) {
  return in_data_ ? data_line(text) : command(text);
}

std::string MailSession::data_line(std::string_view text) {
  if (text == ".") return end_of_data();
  if (!text.empty() && text.front() == '.') text.remove_prefix(1);
  if (too_big_ || bad_line_) return {};
  if (data_.size() + text.size() + 2 > max_bytes_) {
    too_big_ = true;
    data_.clear();
    return {};
  }
  data_ += text;
  data_ += "\r\n";
  return {};
}

std::string MailSession::end_of_data() {
  in_data_ = false;
  MailReply result;
  if (too_big_)
    result = {552, "5.3.4 message too big"};
  else if (bad_line_)
    result = {500, "5.5.6 a line of the message is too long"};
  else
    result = hooks_.deliver(sender_, recipients_, data_);
  const std::size_t replies = lmtp_ ? recipients_.size() : 1;
  reset();
  std::string out;
  for (std::size_t i = 0; i < replies; ++i) out += reply(result.code, result.text);
  return out;
}

std::string MailSession::command(std::string_view text) {
  if (starts_with_word(text, "LHLO") || starts_with_word(text, "EHLO")) {
    greeted_ = true;
    lmtp_ = starts_with_word(text, "LHLO");
    reset();
    errors_ = 0;
    return "250-" + limits_.hostname +
           "\r\n250-PIPELINING\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250 SIZE " +
           std::to_string(hooks_.max_message_bytes()) + "\r\n";
  }
  if (starts_with_word(text, "HELO")) {
    greeted_ = true;
    lmtp_ = false;
    reset();
    return reply(250, limits_.hostname);
  }
  if (starts_with_word(text, "QUIT")) {
    closed_ = true;
    return "221 2.0.0 bye\r\n";
  }
  if (starts_with_word(text, "NOOP")) return reply(250, "2.0.0 OK");
  if (starts_with_word(text, "RSET")) {
    reset();
    return reply(250, "2.0.0 OK");
  }
  if (starts_with_word(text, "VRFY")) return reply(252, "2.5.0 send some mail and see");
  if (starts_with_word(text, "HELP")) return reply(214, "2.0.0 LHLO EHLO HELO MAIL RCPT DATA RSET NOOP QUIT");
  if (starts_with_word(text, "MAIL FROM:")) {
    if (!greeted_) return reply(503, "5.5.1 say LHLO or EHLO first");
    if (has_sender_) return reply(503, "5.5.1 sender already given");
    const auto path = path_of(text.substr(10));
    if (!path) return reply(501, "5.1.7 bad sender address");
    max_bytes_ = hooks_.max_message_bytes();
    if (size_parameter(path->second) > max_bytes_) return reply(552, "5.3.4 message too big");
    has_sender_ = true;
    sender_ = path->first;
    return reply(250, "2.1.0 OK");
  }
  if (starts_with_word(text, "RCPT TO:")) {
    if (!has_sender_) return reply(503, "5.5.1 say MAIL first");
    const auto path = path_of(text.substr(8));
    if (!path || path->first.find('@') == std::string::npos) return reply(501, "5.1.3 bad recipient address");
    if (recipients_.size() >= limits_.max_recipients) return reply(452, "4.5.3 too many recipients");
    const MailReply answer = hooks_.recipient(path->first);
    if (answer.code >= 200 && answer.code < 300) recipients_.push_back(path->first);
    return reply(answer.code, answer.text);
  }
  if (starts_with_word(text, "DATA")) {
    if (!has_sender_) return reply(503, "5.5.1 say MAIL first");
    if (recipients_.empty()) return reply(554, "5.5.1 no valid recipients");
    in_data_ = true;
    return "354 end data with <CR><LF>.<CR><LF>\r\n";
  }
  if (starts_with_word(text, "STARTTLS")) return reply(502, "5.5.1 TLS is not offered here");
  return reply(500, "5.5.1 unrecognized command");
}

}  // namespace tandem::net
