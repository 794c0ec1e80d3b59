#include "service/email_in/mail_parser.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>

#include "service/email_in/tnef_reader.h"

namespace tandem::service {

namespace {

constexpr int kMaxDepth = 32;
constexpr std::size_t kMaxParts = 1000;

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// Owners of GLib objects and strings.
struct Unref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using Ref = std::unique_ptr<T, Unref>;
struct Free {
  void operator()(gpointer memory) const { g_free(memory); }
};
struct OptionsFree {
  void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};
struct ReferencesFree {
  void operator()(GMimeReferences* references) const { g_mime_references_free(references); }
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// Valid UTF-8: `text` itself when it is, else with invalid sequences replaced.
std::string valid_utf8(std::string_view text) {
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) return std::string(text);
  std::unique_ptr<char, Free> fixed(g_utf8_make_valid(text.data(), static_cast<gssize>(text.size())));
  return fixed.get();
}

// `bytes` converted from `charset` to UTF-8, or nullopt when the charset is unknown or a byte is not in it.
std::optional<std::string> convert(std::string_view bytes, const char* charset) {
  gsize written = 0;
  GError* error = nullptr;
  std::unique_ptr<char, Free> out(g_convert(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8", charset,
                                            nullptr, &written, &error));
  if (error) g_error_free(error);
  if (!out) return std::nullopt;
  return std::string(out.get(), written);
}

GMimeParserOptions* parser_options() {
  static GMimeParserOptions* options = [] {
    GMimeParserOptions* created = g_mime_parser_options_new();
    g_mime_parser_options_set_rfc2047_compliance_mode(created, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(created, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(created, GMIME_RFC_COMPLIANCE_LOOSE);
    // Undeclared 8-bit text in headers: UTF-8 when it is, else the commonest charsets of our senders.
    static const char* fallback[] = {"utf-8", "windows-1251", "windows-1252", nullptr};
    g_mime_parser_options_set_fallback_charsets(created, fallback);
    return created;
  }();
  return options;
}

std::string header(GMimeObject* object, const char* name) {
  const char* value = g_mime_object_get_header(object, name);
  return value ? valid_utf8(value) : std::string();
}

// `raw` with every base64 encoded word that ends in padding ("=?UTF-8?B?0LA=?=") and is followed by another
// encoded word rewritten as the same text in a Q encoded word. GMime joins the payloads of adjacent encoded
// words of one charset and encoding before decoding them, which loses all that follows a padded base64 word —
// as clients that split a long subject, name or file name write them. A Q word is never joined with a base64
// one, and Q words join safely.
std::string unpadded_encoded_words(std::string_view raw) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t at = raw.find("=?"); at != std::string_view::npos; at = raw.find("=?", at + 2)) {
    const auto charset_end = raw.find('?', at + 2);
    if (charset_end == std::string_view::npos || charset_end - at > 80) continue;
    if (charset_end + 2 >= raw.size() || (raw[charset_end + 1] | 0x20) != 'b' || raw[charset_end + 2] != '?')
      continue;
    const std::size_t payload = charset_end + 3;
    const auto end = raw.find("?=", payload);
    if (end == std::string_view::npos || end == payload || raw[end - 1] != '=' || end - payload > 1000)
      continue;
    const auto next = raw.find_first_not_of(" \t\r\n", end + 2);
    if (next == std::string_view::npos || raw.compare(next, 2, "=?") != 0)
      continue;  // the last word of a run
    const std::string base64(raw.substr(payload, end - payload));
    if (base64.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") !=
        std::string::npos)
      continue;
    gsize length = 0;
    std::unique_ptr<guchar, Free> bytes(g_base64_decode(base64.c_str(), &length));
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string q;
    for (gsize i = 0; i < length; ++i) {
      const unsigned char c = bytes.get()[i];
      if (std::isalnum(c)) {
        q += static_cast<char>(c);
      } else {
        q += '=';
        q += kHex[c >> 4];
        q += kHex[c & 15];
      }
    }
    out.append(raw.substr(copied, charset_end + 1 - copied)).append("Q?").append(q);
    copied = end;
    at = end;
  }
  if (copied == 0) return std::string(raw);
  out.append(raw.substr(copied));
  return out;
}

std::vector<std::string> message_ids(const std::string& value) {
  std::vector<std::string> ids;
  if (value.empty()) return ids;
  std::unique_ptr<GMimeReferences, ReferencesFree> refs(
      g_mime_references_parse(parser_options(), value.c_str()));
  if (!refs) return ids;
  for (int i = 0; i < g_mime_references_length(refs.get()); ++i)
    if (const char* id = g_mime_references_get_message_id(refs.get(), i)) ids.push_back(valid_utf8(id));
  return ids;
}

// Every mailbox of the list (groups opened), lower case; the first mailbox's name into `first_name`.
void addresses_of(InternetAddressList* list, std::vector<std::string>& out, std::string* first_name,
                  int depth = 0) {
  if (!list || depth > 4) return;
  for (int i = 0; i < internet_address_list_length(list); ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_GROUP(address)) {
      addresses_of(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), out, first_name,
                   depth + 1);
      continue;
    }
    if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
    const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
    if (!addr || std::string_view(addr).find('@') == std::string_view::npos) continue;
    if (first_name && out.empty() && internet_address_get_name(address))
      *first_name = valid_utf8(internet_address_get_name(address));
    out.push_back(lower(valid_utf8(addr)));
  }
}

std::string decoded_content(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (!content) return {};
  Ref<GMimeStream> stream(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, stream.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

struct Collected {
  std::string plain, html;
  std::string tnef_plain, tnef_html;  // the bodies inside winmail.dat: the text when there is no other
  std::vector<MailAttachment> attachments;
  std::size_t parts = 0;
};

void add_attachment(Collected& out, std::string name, std::string mime, std::string content,
                    std::string content_id) {
  out.attachments.push_back({name.empty() ? "attachment" : std::move(name), lower(std::move(mime)),
                             std::move(content), std::move(content_id)});
}

// Text as stored: line ends as "\n", no NUL or other control characters but tab and new line.
std::string plain_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
  return out;
}

void append_text(std::string& to, std::string text) {
  text = trimmed(plain_lines(text));
  if (text.empty()) return;
  if (!to.empty()) to += "\n\n";
  to += text;
}

void walk(GMimeObject* object, bool text_wanted, int depth, Collected& out);

// The child of a multipart/alternative that carries the text: plain, else HTML, else the last one.
int best_alternative(GMimeMultipart* multipart) {
  const int count = g_mime_multipart_get_count(multipart);
  int html = -1;
  for (int i = 0; i < count; ++i) {
    GMimeContentType* type = g_mime_object_get_content_type(g_mime_multipart_get_part(multipart, i));
    if (type && g_mime_content_type_is_type(type, "text", "plain")) return i;
    if (type && g_mime_content_type_is_type(type, "text", "html") && html < 0) html = i;
    if (type && g_mime_content_type_is_type(type, "multipart", "*") && html < 0) html = i;
  }
  return html >= 0 ? html : count - 1;
}

void walk_part(GMimePart* part, bool text_wanted, Collected& out) {
  GMimeObject* object = GMIME_OBJECT(part);
  GMimeContentType* type = g_mime_object_get_content_type(object);
  GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
  const bool attachment = disposition && g_mime_content_disposition_is_attachment(disposition);
  const char* filename = g_mime_part_get_filename(part);
  const bool plain = !type || g_mime_content_type_is_type(type, "text", "plain");
  const bool html = type && g_mime_content_type_is_type(type, "text", "html");
  if ((plain || html) && !attachment && !filename) {
    if (!text_wanted) return;  // another rendering of the text already taken
    const char* charset = type ? g_mime_content_type_get_parameter(type, "charset") : nullptr;
    std::string text = to_utf8(decoded_content(part), charset ? charset : "");
    append_text(plain ? out.plain : out.html, std::move(text));
    return;
  }
  std::string mime = "application/octet-stream";
  if (type) {
    std::unique_ptr<char, Free> name(g_mime_content_type_get_mime_type(type));
    if (name) mime = name.get();
  }
  std::string content = decoded_content(part);
  if (is_tnef(content)) {  // winmail.dat: the files and body inside it instead, when it holds any
    TnefContent tnef = read_tnef(content);
    if (!tnef.attachments.empty() || !tnef.text.empty() || !tnef.html.empty()) {
      append_text(out.tnef_plain, std::move(tnef.text));
      append_text(out.tnef_html, std::move(tnef.html));
      for (auto& file : tnef.attachments)
        add_attachment(out, std::move(file.name), std::move(file.mime), std::move(file.content),
                       std::move(file.content_id));
      return;
    }
  }
  const char* content_id = g_mime_object_get_content_id(object);
  add_attachment(out, filename ? valid_utf8(filename) : std::string(), std::move(mime), std::move(content),
                 content_id ? valid_utf8(content_id) : std::string());
}

void walk(GMimeObject* object, bool text_wanted, int depth, Collected& out) {
  if (!object || depth > kMaxDepth || ++out.parts > kMaxParts) return;
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    GMimeContentType* type = g_mime_object_get_content_type(object);
    const bool alternative = type && g_mime_content_type_is_type(type, "multipart", "alternative");
    const int best = alternative ? best_alternative(multipart) : -1;
    for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i)
      walk(g_mime_multipart_get_part(multipart, i), text_wanted && (!alternative || i == best), depth + 1,
           out);
  } else if (GMIME_IS_MESSAGE_PART(object)) {
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
    if (!inner) return;
    std::unique_ptr<char, Free> text(g_mime_object_to_string(GMIME_OBJECT(inner), nullptr));
    const char* subject = g_mime_message_get_subject(inner);
    add_attachment(out, (subject && *subject ? valid_utf8(subject) : std::string("message")) + ".eml",
                   "message/rfc822", text ? text.get() : "", "");
  } else if (GMIME_IS_PART(object)) {
    walk_part(GMIME_PART(object), text_wanted, out);
  }
}

// What is left of a message GMime could not parse at all: its bytes as text.
ParsedMail unparsed(std::string_view raw) {
  ParsedMail mail;
  mail.text = plain_lines(to_utf8(raw, ""));
  return mail;
}

}  // namespace

std::string to_utf8(std::string_view bytes, std::string_view charset) {
  if (!charset.empty()) {
    const std::string name(charset);
    const char* iconv_name = g_mime_charset_iconv_name(name.c_str());
    if (auto converted = convert(bytes, iconv_name ? iconv_name : name.c_str()))
      return valid_utf8(*converted);
  }
  if (g_utf8_validate(bytes.data(), static_cast<gssize>(bytes.size()), nullptr)) return std::string(bytes);
  if (auto converted = convert(bytes, "WINDOWS-1252")) return valid_utf8(*converted);
  return valid_utf8(*convert(bytes, "ISO-8859-1"));
}

std::string raw_header(std::string_view raw, std::string_view name) {
  std::size_t line_start = 0;
  while (line_start < raw.size()) {
    auto line_end = raw.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = raw.size();
    std::string_view line = raw.substr(line_start, line_end - line_start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return {};  // the end of the header block
    if (line.size() > name.size() && line[name.size()] == ':' &&
        lower(std::string(line.substr(0, name.size()))) == lower(std::string(name))) {
      std::string value(line.substr(name.size() + 1));
      // Folded continuation lines start with a blank.
      for (std::size_t next = line_end + 1; next < raw.size() && (raw[next] == ' ' || raw[next] == '\t');) {
        auto end = raw.find('\n', next);
        if (end == std::string_view::npos) end = raw.size();
        value += ' ';
        value += raw.substr(next, end - next);
        next = end + 1;
      }
      return trimmed(value);
    }
    line_start = line_end + 1;
  }
  return {};
}

std::string address_in(std::string_view value) {
  const auto open = value.find('<');
  if (open != std::string_view::npos) {
    const auto close = value.find('>', open);
    if (close != std::string_view::npos) {
      const std::string address = trimmed(value.substr(open + 1, close - open - 1));
      return address.find('@') != std::string::npos ? lower(address) : std::string();
    }
  }
  std::size_t start = 0;
  while (start < value.size()) {
    const auto end = value.find_first_of(" \t,;", start);
    const std::string_view word =
        value.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (word.find('@') != std::string_view::npos) return lower(std::string(word));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return {};
}

ParsedMail parse_mail(std::string_view raw_message) {
  init_gmime();
  const std::string raw = unpadded_encoded_words(raw_message);
  Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  Ref<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), parser_options()));
  if (!message) return unparsed(raw);
  GMimeObject* object = GMIME_OBJECT(message.get());

  ParsedMail mail;
  if (const char* id = g_mime_message_get_message_id(message.get()))
    mail.message_id = trimmed(valid_utf8(id));
  mail.in_reply_to = message_ids(header(object, "In-Reply-To"));
  mail.references = message_ids(header(object, "References"));
  if (const char* subject = g_mime_message_get_subject(message.get()))
    mail.subject = trimmed(plain_lines(valid_utf8(subject)));
  std::vector<std::string> from;
  addresses_of(g_mime_message_get_from(message.get()), from, &mail.from_name);
  if (from.empty()) addresses_of(g_mime_message_get_sender(message.get()), from, &mail.from_name);
  if (!from.empty()) mail.from_address = from.front();
  addresses_of(g_mime_message_get_to(message.get()), mail.recipients, nullptr);
  addresses_of(g_mime_message_get_cc(message.get()), mail.recipients, nullptr);
  if (const std::string delivered = header(object, "Delivered-To"); !delivered.empty()) {
    Ref<InternetAddressList> list(internet_address_list_parse(parser_options(), delivered.c_str()));
    addresses_of(list.get(), mail.recipients, nullptr);
  }
  mail.auto_submitted = lower(trimmed(header(object, "Auto-Submitted")));
  mail.precedence = lower(trimmed(header(object, "Precedence")));
  mail.list_mail = !header(object, "List-Id").empty() || !header(object, "List-Unsubscribe").empty();
  const std::string suppress = lower(header(object, "X-Auto-Response-Suppress"));
  mail.auto_response = !header(object, "X-Autoreply").empty() || !header(object, "X-Autorespond").empty() ||
                       suppress.find("all") != std::string::npos ||
                       suppress.find("autoreply") != std::string::npos;

  Collected collected;
  walk(g_mime_message_get_mime_part(message.get()), true, 0, collected);
  mail.text = !collected.plain.empty()        ? std::move(collected.plain)
              : !collected.html.empty()       ? html_to_text(collected.html)
              : !collected.tnef_plain.empty() ? std::move(collected.tnef_plain)
                                              : html_to_text(collected.tnef_html);
  mail.attachments = std::move(collected.attachments);
  return mail;
}

namespace {

// The character of an HTML entity name or number ("amp", "#233", "#x41"), or nullopt when unknown.
std::optional<std::string> entity(std::string_view name) {
  if (name.size() > 1 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string digits(name.substr(hex ? 2 : 1));
    if (digits.empty() || digits.size() > 7) return std::nullopt;
    char* end = nullptr;
    const long code = std::strtol(digits.c_str(), &end, hex ? 16 : 10);
    if (*end != '\0' || code <= 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
      return std::nullopt;
    char utf8[8] = {};
    const int length = g_unichar_to_utf8(static_cast<gunichar>(code), utf8);
    return std::string(utf8, static_cast<std::size_t>(length));
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kNamed = {{
      {"amp", "&"},
      {"lt", "<"},
      {"gt", ">"},
      {"quot", "\""},
      {"apos", "'"},
      {"nbsp", " "},
      {"copy", "\u00a9"},
      {"reg", "\u00ae"},
      {"mdash", "\u2014"},
      {"ndash", "\u2013"},
      {"laquo", "\u00ab"},
      {"raquo", "\u00bb"},
  }};
  for (const auto& [key, value] : kNamed)
    if (key == name) return std::string(value);
  return std::nullopt;
}

std::string decode_entities(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      const auto semicolon = text.find(';', i);
      if (semicolon != std::string_view::npos && semicolon - i <= 10)
        if (auto character = entity(text.substr(i + 1, semicolon - i - 1))) {
          out += *character;
          i = semicolon;
          continue;
        }
    }
    out += text[i];
  }
  return out;
}

// The value of attribute `name` in a tag's text (`a href="x" …`), entities decoded; empty when absent.
std::string attribute(std::string_view tag, std::string_view name) {
  const std::string lowered = lower(std::string(tag));
  for (std::size_t at = lowered.find(name); at != std::string::npos; at = lowered.find(name, at + 1)) {
    if (at == 0 || !std::isspace(static_cast<unsigned char>(lowered[at - 1]))) continue;
    std::size_t i = at + name.size();
    while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
    if (i >= tag.size()) return {};
    const char quote = tag[i];
    if (quote == '"' || quote == '\'') {
      const auto end = tag.find(quote, i + 1);
      return decode_entities(
          tag.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1));
    }
    const auto end = tag.find_first_of(" \t\r\n>", i);
    return decode_entities(tag.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
  }
  return {};
}

bool block_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 19> kBlocks = {
      "p",  "div", "br", "tr",  "table", "h1",         "h2", "h3", "h4", "h5",
      "h6", "ul",  "ol", "pre", "hr",    "blockquote", "li", "dt", "dd"};
  return std::find(kBlocks.begin(), kBlocks.end(), name) != kBlocks.end();
}

// Collapses runs of blanks inside lines and of empty lines, and trims every line.
std::string tidy(std::string_view text) {
  std::string out;
  std::string line;
  int empty_lines = 0;
  auto flush = [&] {
    const std::string t = trimmed(line);
    line.clear();
    if (t.empty()) {
      if (!out.empty()) ++empty_lines;
      return;
    }
    if (!out.empty()) out += empty_lines > 0 ? "\n\n" : "\n";
    empty_lines = 0;
    out += t;
  };
  for (const char c : text) {
    if (c == '\n') {
      flush();
    } else if (c == ' ' || c == '\t' || c == '\r') {
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else {
      line += c;
    }
  }
  flush();
  return out;
}

}  // namespace

std::string html_to_text(std::string_view html) {
  std::string out;
  std::string link;  // the href of the open <a>, and where its text starts
  std::size_t link_start = 0;
  std::size_t i = 0;
  while (i < html.size()) {
    if (html.compare(i, 4, "<!--") == 0) {
      const auto end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    if (html[i] != '<') {
      const auto next = html.find('<', i);
      const std::string_view run =
          html.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i);
      std::string text(run);
      std::replace(text.begin(), text.end(), '\n', ' ');
      out += decode_entities(text);
      i = next == std::string_view::npos ? html.size() : next;
      continue;
    }
    const auto close = html.find('>', i);
    if (close == std::string_view::npos) break;  // an unfinished tag ends the text
    const std::string_view tag = html.substr(i + 1, close - i - 1);
    i = close + 1;
    const bool closing = !tag.empty() && tag[0] == '/';
    std::size_t name_end = closing ? 1 : 0;
    while (name_end < tag.size() && std::isalnum(static_cast<unsigned char>(tag[name_end]))) ++name_end;
    const std::string name = lower(std::string(tag.substr(closing ? 1 : 0, name_end - (closing ? 1 : 0))));
    if (!closing && (name == "script" || name == "style" || name == "head" || name == "title")) {
      const auto end = lower(std::string(html.substr(i))).find("</" + name);
      i = end == std::string::npos ? html.size() : i + end;
      continue;
    }
    if (name == "a" && !closing) {
      link = attribute(tag, "href");
      link_start = out.size();
    } else if (name == "a" && closing) {
      const std::string scheme = lower(link.substr(0, link.find(':') + 1));
      const bool shown = scheme == "http:" || scheme == "https:" || scheme == "mailto:";
      const std::string text = trimmed(std::string_view(out).substr(std::min(link_start, out.size())));
      const std::string target = scheme == "mailto:" ? link.substr(7) : link;
      if (shown && text != target && text != link) out += " (" + link + ")";
      link.clear();
    } else if (name == "li" && !closing) {
      out += "\n- ";
    } else if (name == "img" && !closing) {
      const std::string alt = attribute(tag, "alt");
      if (!alt.empty()) out += "[" + alt + "]";
    } else if (block_tag(name) && !(closing && name == "li")) {
      out += name == "p" || name == "table" || name == "blockquote" ? "\n\n" : "\n";
    }
  }
  return tidy(out);
}

}  // namespace tandem::service
