#include "store/items/fts_query.h"

#include <vector>

namespace tandem::store {

namespace {

// Word characters: letters and digits of any script (bytes >= 0x80 are parts of UTF-8 letters).
bool is_word_byte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

}  // namespace

std::string fts_match_expression(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start && words.size() < 32) words.push_back(text.substr(start, i - start));
  }
  std::string expression;
  for (std::size_t w = 0; w < words.size(); ++w) {
    expression += (w ? " \"" : "\"") + std::string(words[w]) + "\"";
    if (w + 1 == words.size()) expression += "*";
  }
  return expression;
}

}  // namespace tandem::store
