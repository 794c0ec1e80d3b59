#include "service/files/file_names.h"

#include <fmt/format.h>

#include <array>

namespace tandem::service {

namespace {

constexpr std::size_t kMaxNameBytes = 255;
constexpr std::size_t kMaxKeptExtension = 20;

// The code point starting at text[at] and its length in bytes; length 0 when the bytes there are not
// valid UTF-8 (overlong forms, surrogates and values past U+10FFFF included).
std::pair<char32_t, std::size_t> decode_utf8(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = lead >= 0xF0 && lead <= 0xF4  ? 4
                       : lead >= 0xE0                ? 3
                       : lead >= 0xC2 && lead < 0xE0 ? 2
                                                     : 0;
  if (length == 0 || at + length > text.size()) return {0, 0};
  char32_t code = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return {0, 0};
    code = (code << 6) | (byte(at + i) & 0x3F);
  }
  static constexpr std::array<char32_t, 5> kSmallest = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return {0, 0};
  return {code, length};
}

bool unwanted(char32_t c) {
  const bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
  const bool bidi =
      (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
  return control || bidi;
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The longest prefix of valid UTF-8 `text` with at most `bytes` bytes that ends at a character boundary.
std::string_view cut(std::string_view text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes);
}

}  // namespace

std::string sanitize_file_name(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string clean;
  for (std::size_t i = 0; i < name.size();) {
    const auto [code, length] = decode_utf8(name, i);
    if (length == 0) {
      clean.push_back('_');
      ++i;
      continue;
    }
    if (!unwanted(code)) clean.append(name.substr(i, length));
    i += length;
  }
  std::string_view kept = trim_blanks(clean);
  if (kept.empty() || kept == "." || kept == "..") return "file";
  if (kept.size() <= kMaxNameBytes) return std::string(kept);
  const auto dot = kept.rfind('.');
  const bool keep_extension =
      dot != std::string_view::npos && dot > 0 && kept.size() - dot <= kMaxKeptExtension;
  const std::string_view extension = keep_extension ? kept.substr(dot) : std::string_view{};
  return std::string(cut(kept.substr(0, kept.size() - extension.size()), kMaxNameBytes - extension.size())) +
         std::string(extension);
}

std::string content_disposition(std::string_view name, bool show_inline) {
  std::string fallback, encoded;
  for (std::size_t i = 0; i < name.size();) {
    const auto [code, length] = decode_utf8(name, i);
    const std::size_t step = length == 0 ? 1 : length;
    const bool plain = code >= 0x20 && code < 0x7F && code != '"' && code != '\\';
    fallback.push_back(plain ? static_cast<char>(code) : '_');
    i += step;
  }
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    const bool attr_char = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                           (byte >= '0' && byte <= '9') ||
                           std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
    encoded += attr_char ? std::string(1, c) : fmt::format("%{:02X}", byte);
  }
  return fmt::format("{}; filename=\"{}\"; filename*=UTF-8''{}", show_inline ? "inline" : "attachment",
                     fallback, encoded);
}

bool displays_inline(std::string_view mime) {
  return mime == "image/png" || mime == "image/jpeg" || mime == "image/gif" || mime == "image/webp";
}

}  // namespace tandem::service
