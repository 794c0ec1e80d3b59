#include "service/email_out/outgoing_mail.h"

#include <ctime>

namespace tandem::service {

namespace {

constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kHex = "0123456789ABCDEF";
constexpr std::size_t kEncodedWordBytes = 39;  // 52 base64 characters: "Subject: " and a word fit 78

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16 |
                       static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kBase64[(n >> shift) & 63];
  }
  if (i < bytes.size()) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kBase64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool plain_ascii(std::string_view text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) return false;
  return text.find("=?") == std::string_view::npos;
}

// A header value on one line: CR, LF and other control characters become spaces.
std::string one_line(std::string_view value) {
  std::string out(value);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  return out;
}

// "Name <address>", the name quoted or encoded as needed; just the address without a name.
std::string mailbox(std::string_view name, std::string_view address) {
  const std::string clean_name = one_line(name);
  const std::string clean_address = one_line(address);
  if (clean_name.empty()) return clean_address;
  if (!plain_ascii(clean_name)) return encode_header_text(clean_name) + " <" + clean_address + ">";
  std::string quoted = "\"";
  for (const char c : clean_name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" <" + clean_address + ">";
}

void header(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string encode_header_text(std::string_view text) {
  if (plain_ascii(text)) return std::string(text);
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = std::min(text.size(), pos + kEncodedWordBytes);
    while (end < text.size() && end > pos && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (end == pos) end = std::min(text.size(), pos + kEncodedWordBytes);  // not UTF-8: split anywhere
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

std::string rfc5322_date(TimestampMs date) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = static_cast<std::time_t>(date / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

std::string quoted_printable(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8 + 16);
  std::size_t line_length = 0;
  auto emit = [&](std::string_view piece) {
    if (line_length + piece.size() > 75) {
      out += "=\r\n";
      line_length = 0;
    }
    out.append(piece);
    line_length += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n') {
      out += "\r\n";
      line_length = 0;
      continue;
    }
    const bool line_end = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
    const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_end);
    // A leading "." or "From " stays literal; SMTP dot-stuffing is the transport's business.
    if (literal) {
      const char one[1] = {static_cast<char>(c)};
      emit(std::string_view(one, 1));
    } else {
      const char escaped[3] = {'=', kHex[c >> 4], kHex[c & 15]};
      emit(std::string_view(escaped, 3));
    }
  }
  return out;
}

std::string mail_domain(std::string_view address) {
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos || at + 1 == address.size()) return "localhost";
  return std::string(address.substr(at + 1));
}

std::string build_message(const OutgoingMail& mail) {
  std::string out;
  out.reserve(mail.text.size() * 11 / 10 + 1024);
  header(out, "From", mailbox(mail.from_name, mail.from_address));
  header(out, "To", mailbox(mail.to_name, mail.to_address));
  if (!mail.reply_to.empty()) header(out, "Reply-To", one_line(mail.reply_to));
  header(out, "Subject", encode_header_text(one_line(mail.subject)));
  header(out, "Date", rfc5322_date(mail.date));
  header(out, "Message-ID", "<" + one_line(mail.message_id) + ">");
  if (!mail.references.empty()) {
    header(out, "In-Reply-To", "<" + one_line(mail.references.back()) + ">");
    std::string references;
    for (const auto& id : mail.references)
      references += (references.empty() ? "<" : "\r\n <") + one_line(id) + ">";
    header(out, "References", references);
  }
  if (!mail.auto_submitted.empty()) header(out, "Auto-Submitted", one_line(mail.auto_submitted));
  header(out, "MIME-Version", "1.0");
  header(out, "Content-Type", "text/plain; charset=utf-8");
  header(out, "Content-Transfer-Encoding", "quoted-printable");
  out += "\r\n";
  out += quoted_printable(mail.text);
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

}  // namespace tandem::service
