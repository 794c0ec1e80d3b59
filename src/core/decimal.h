// Integers written as decimal text straight into a string, without a temporary.
#pragma once

#include <charconv>
#include <concepts>
#include <string>

namespace tandem {

/// Appends the decimal digits of `value` (with a leading '-' when negative) to `out`.
template <std::integral Integer>
void append_decimal(std::string& out, Integer value) {
  char digits[24];
  out.append(digits, std::to_chars(std::begin(digits), std::end(digits), value).ptr);
}

}  // namespace tandem
