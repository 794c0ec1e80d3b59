// Small string helpers shared by the parser, the HTTP client and the runner.
#pragma once

#include <algorithm>
#include <cctype>
#include <string_view>

namespace tandem::api_test {

/// `text` without leading and trailing spaces, tabs, CRs and LFs.
inline std::string_view trim(std::string_view text) {
  constexpr std::string_view kBlank = " \t\r\n";
  const auto first = text.find_first_not_of(kBlank);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kBlank) - first + 1);
}

/// True when `a` and `b` are equal ignoring ASCII case, as HTTP header and cookie attribute names compare.
inline bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::ranges::equal(
      a, b, [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

}  // namespace tandem::api_test
