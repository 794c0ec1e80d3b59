// Inbound mail as Tandem reads it: GMime parses the raw message (any charset, RFC 2047 encoded words,
// broken structure) into UTF-8 text, the threading headers and the files it carries. Parsing never fails:
// what cannot be understood is kept as readable text, and the raw message is always kept as well.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tandem::service {

/// One file carried by a message: an attachment, an inline image or a forwarded message.
struct MailAttachment {
  std::string name;        // UTF-8, as the sender named it ("attachment" when it has no name)
  std::string mime;        // as the sender declared it, lower case
  std::string content;     // decoded bytes
  std::string content_id;  // for inline images referenced by cid:, without <>
};

struct ParsedMail {
  std::string message_id;                // without <>; empty when absent
  std::vector<std::string> in_reply_to;  // Message-IDs, without <>
  std::vector<std::string> references;   // Message-IDs, oldest first, without <>
  std::string subject;                   // UTF-8, encoded words decoded; empty when absent
  std::string from_address;              // lower case; empty when there is no usable From
  std::string from_name;                 // UTF-8
  std::vector<std::string> recipients;   // To, Cc and Delivered-To addresses, lower case
  std::string auto_submitted;            // header values, lower case, empty when absent
  std::string precedence;
  bool list_mail = false;      // List-Id or List-Unsubscribe present
  bool auto_response = false;  // X-Autoreply, X-Autorespond, or X-Auto-Response-Suppress asking for none
  // The body as UTF-8 text with "\n" line ends: text/plain, else the HTML made text, else the body inside
  // a winmail.dat.
  std::string text;
  std::vector<MailAttachment> attachments;  // a winmail.dat (TNEF) as the files inside it
};

/// Parses a raw RFC 5322 message. Thread-safe; initialises GMime once.
ParsedMail parse_mail(std::string_view raw);

/// The value of the first header `name` (case-insensitive) of a raw message, unfolded and trimmed, without
/// parsing the rest; empty when absent. Cheap: for routing before the message is parsed.
std::string raw_header(std::string_view raw, std::string_view name);

/// The address in a header value: inside <…> when present, else the first word holding '@'; lower case,
/// empty when there is none.
std::string address_in(std::string_view value);

/// The text of an HTML document: scripts, styles and comments dropped, blocks and line breaks as new
/// lines, list items as "- ", links as "text (url)" for http, https and mailto, entities decoded.
std::string html_to_text(std::string_view html);

/// `bytes` in `charset` converted to UTF-8; bytes the charset cannot map (or an unknown charset) fall back
/// to valid UTF-8 as is, else Windows-1252. The result is always valid UTF-8.
std::string to_utf8(std::string_view bytes, std::string_view charset);

}  // namespace tandem::service
