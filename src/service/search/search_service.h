// Full-text search over the items an actor may see: their titles, descriptions and messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/result.h"
#include "service/settings/module_service.h"
#include "store/database.h"
#include "store/search/search_repository.h"

namespace tandem::service {

struct SearchRequest {
  std::string q;                // words separated by blanks; the last one may be the start of a word
  int limit = 20;               // 1..100
  std::string cursor;           // from the previous page; "" for the first
  std::string sort = "newest";  // "newest" (highest item id first) or "rank" (best match first)
};

struct SearchResult {
  store::SearchItemRow item;
  std::string matched_in;  // "title", "description" or "message"
  std::optional<std::int64_t> message_id;
  std::string snippet;  // HTML: escaped text with <mark>…</mark> around matches
};

struct SearchPage {
  std::vector<SearchResult> results;
  std::string next_cursor;  // "" on the last page
};

class SearchService {
 public:
  SearchService(store::Database& db, ModuleService& modules) : db_(db), modules_(modules) {}

  /// One page of the items `actor` may see that match every word of `request.q`, each item once.
  /// Newest-first pages continue below the last item id (the cursor); ranked pages continue at an
  /// offset. Errors: forbidden, validation_failed (details.field: q, sort or cursor).
  Result<SearchPage> search(const Actor& actor, const SearchRequest& request);

 private:
  store::Database& db_;
  ModuleService& modules_;
};

/// The words of a search: `q` split at spaces and control characters. Exposed for tests.
std::vector<std::string> search_words(std::string_view q);
/// A snippet with store::kMatchStart / kMatchEnd marks as HTML: the text escaped, the marks as balanced
/// <mark> tags. Exposed for tests.
std::string snippet_html(std::string_view raw);

}  // namespace tandem::service
