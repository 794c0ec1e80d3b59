#include "text_expansion.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace tandem::api_test {
namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

constexpr std::size_t kMaxRepeatedBytes = 64 << 20;

}  // namespace

std::string expand_variables(std::string_view text, const Variables& variables) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto start = text.find("${", pos);
    const auto end = start == std::string_view::npos ? start : text.find('}', start + 2);
    const std::string_view name =
        end == std::string_view::npos ? std::string_view{} : text.substr(start + 2, end - start - 2);
    if (name.empty() || !std::ranges::all_of(name, is_name_char)) {
      const auto literal_end = start == std::string_view::npos ? text.size() : start + 2;
      out.append(text.substr(pos, literal_end - pos));
      pos = literal_end;
      continue;
    }
    const auto found = variables.find(std::string(name));
    if (found == variables.end()) throw UndefinedVariable(std::string(name));
    out.append(text.substr(pos, start - pos)).append(found->second);
    pos = end + 1;
  }
  return out;
}

std::string expand_repeats(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto start = text.find("{{", pos);
    const auto end = start == std::string_view::npos ? start : text.find("}}", start + 2);
    const std::string_view inside =
        end == std::string_view::npos ? std::string_view{} : text.substr(start + 2, end - start - 2);
    const auto star = inside.rfind('*');
    std::size_t count = 0;
    const std::string_view count_text =
        star == std::string_view::npos ? std::string_view{} : inside.substr(star + 1);
    const auto [count_end, ec] =
        std::from_chars(count_text.data(), count_text.data() + count_text.size(), count);
    if (star == 0 || count_text.empty() || ec != std::errc() ||
        count_end != count_text.data() + count_text.size()) {
      const auto literal_end = start == std::string_view::npos ? text.size() : start + 2;
      out.append(text.substr(pos, literal_end - pos));
      pos = literal_end;
      continue;
    }
    const std::string_view unit = inside.substr(0, star);
    if (unit.size() * count > kMaxRepeatedBytes) throw std::invalid_argument("repeat of more than 64 MiB");
    out.append(text.substr(pos, start - pos));
    for (std::size_t i = 0; i < count; ++i) out.append(unit);
    pos = end + 2;
  }
  return out;
}

std::string decode_escapes(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    const char kind = i + 1 < text.size() ? text[i + 1] : '\0';
    ++i;
    switch (kind) {
      case 'r':
        out += '\r';
        break;
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case '\\':
        out += '\\';
        break;
      case 'x': {
        unsigned value = 0;
        const char* digits = text.data() + i + 1;
        const auto [end, ec] =
            std::from_chars(digits, digits + std::min<std::size_t>(2, text.size() - i - 1), value, 16);
        if (ec != std::errc() || end != digits + 2) throw std::invalid_argument("\\x needs two hex digits");
        out += static_cast<char>(value);
        i += 2;
        break;
      }
      default:
        throw std::invalid_argument(std::string("unknown escape \\") +
                                    (kind ? std::string(1, kind) : "at end of line") +
                                    " (known: \\r \\n \\t \\\\ \\xHH)");
    }
  }
  return out;
}

std::string escape_bytes(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (byte < 0x20 || byte >= 0x7f) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace tandem::api_test
