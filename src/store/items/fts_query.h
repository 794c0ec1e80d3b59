// Turning what a person typed into a safe FTS5 query: every word quoted, so no input is FTS5 syntax.
#pragma once

#include <string>
#include <string_view>

namespace tandem::store {

/// An FTS5 MATCH expression that finds rows containing every word of `text` (the last word also as a
/// prefix). Quotes and operators in `text` are taken literally. Empty when `text` has no word.
std::string fts_match_expression(std::string_view text);

}  // namespace tandem::store
