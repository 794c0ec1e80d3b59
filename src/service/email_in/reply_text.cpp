#include "service/email_in/reply_text.h"

#include <algorithm>
#include <array>
#include <vector>

namespace tandem::service {

namespace {

std::string_view trim(std::string_view line) {
  const auto first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// ASCII letters lowered; other bytes (UTF-8) as they are.
std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c);
  });
  return out;
}

// A line that ends an attribution: "… wrote:", "… пишет:" and their kin.
bool attribution_end(std::string_view line) {
  static constexpr std::array<std::string_view, 9> kEnds = {
      "wrote:",   "пишет:",    "написал:", "написала:", "написал(а):",
      "schrieb:", "a écrit :", "a écrit:", "escribió:"};
  const std::string lowered = ascii_lower(line);
  return std::any_of(kEnds.begin(), kEnds.end(),
                     [&](std::string_view end) { return ends_with(lowered, end); });
}

// Whether the reply's own text ends before line `i`.
bool marker_at(const std::vector<std::string_view>& lines, std::size_t i) {
  const std::string_view raw = lines[i];
  const std::string_view line = trim(raw);
  if (raw == "-- " || raw == "-- \r" || line == "--") return true;
  const std::string lowered = ascii_lower(line);
  if (lowered.find("original message") != std::string::npos && starts_with(lowered, "---")) return true;
  for (const std::string_view words :
       {"исходное сообщение", "Исходное сообщение", "пересылаемое сообщение", "Пересылаемое сообщение"})
    if (line.find(words) != std::string_view::npos) return true;
  if (attribution_end(line) && line.size() < 300) return true;
  // German puts the name last: "Am 01.01.2024 um 10:00 schrieb Hans <hans@example.de>:".
  if (starts_with(lowered, "am ") && lowered.find(" schrieb ") != std::string::npos && ends_with(line, ":"))
    return true;
  // Gmail in many languages: "пн, 12 мар. 2024 г. в 10:00, Иван <ivan@example.ru>:".
  if (ends_with(line, ">:") && line.find('@') != std::string_view::npos &&
      line.find_first_of("0123456789") != std::string_view::npos && line.size() < 300)
    return true;
  // "On Mon, 1 Jan 2024 at 10:00, Ann <ann@example.com>" + "wrote:" on the next line.
  if (starts_with(lowered, "on ") && i + 1 < lines.size() && attribution_end(trim(lines[i + 1])) &&
      trim(lines[i + 1]).size() < 40)
    return true;
  // Outlook: "From: …" then "Sent: …" (or "От: …" then "Отправлено: …").
  if ((starts_with(lowered, "from:") || starts_with(line, "От:")) && i + 1 < lines.size()) {
    const std::string next = ascii_lower(trim(lines[i + 1]));
    if (starts_with(next, "sent:") || starts_with(next, "date:") || starts_with(next, "отправлено:") ||
        starts_with(next, "Отправлено:"))
      return true;
  }
  if (starts_with(line, "________________________________") && i + 1 < lines.size() &&
      (starts_with(ascii_lower(trim(lines[i + 1])), "from:") || starts_with(trim(lines[i + 1]), "От:")))
    return true;
  return false;
}

}  // namespace

std::string trim_quoted(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= text.size();) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  std::size_t keep = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (marker_at(lines, i)) {
      keep = i;
      break;
    }
  // Trailing quoted lines and blanks go too.
  while (keep > 0 && (trim(lines[keep - 1]).empty() || starts_with(trim(lines[keep - 1]), ">"))) --keep;
  std::string out;
  for (std::size_t i = 0; i < keep; ++i) {
    if (i > 0) out += '\n';
    out += trim(lines[i]).empty() ? std::string_view() : lines[i];
  }
  const auto last = out.find_last_not_of(" \t\r\n");
  out.erase(last == std::string::npos ? 0 : last + 1);
  const auto first = out.find_first_not_of(" \t\r\n");
  out.erase(0, first == std::string::npos ? out.size() : first);
  if (!out.empty()) return out;
  const auto text_first = text.find_first_not_of(" \t\r\n");
  if (text_first == std::string_view::npos) return {};
  return std::string(text.substr(text_first, text.find_last_not_of(" \t\r\n") - text_first + 1));
}

}  // namespace tandem::service
