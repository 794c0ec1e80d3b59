#include "service/search/search_service.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "core/policy.h"

namespace tandem::service {

namespace {

constexpr std::size_t kMaxQueryBytes = 500;
constexpr std::size_t kMaxWords = 16;
// A shorter last word is searched as a whole word: a one- or two-letter beginning starts too many words.
constexpr std::size_t kMinPrefixBytes = 3;

Error invalid(std::string field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::move(field));
}

// Spaces and control characters separate words (a NUL would end an FTS5 expression early).
bool is_blank(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte <= ' ' || byte == 0x7f;
}

// A non-negative integer cursor, or 0 when absent. Errors: validation_failed.
Result<std::int64_t> cursor_value(const std::string& cursor) {
  if (cursor.empty()) return std::int64_t{0};
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), value);
  if (ec != std::errc() || end != cursor.data() + cursor.size() || value < 0)
    return invalid("cursor", "cursor must be the next_cursor of the previous page");
  return value;
}

// The words of `q`. Errors: validation_failed.
Result<std::vector<std::string>> checked_words(std::string_view q) {
  if (q.size() > kMaxQueryBytes) return invalid("q", "q must have at most 500 characters");
  std::vector<std::string> words = search_words(q);
  if (words.empty()) return invalid("q", "q must hold a word to search for");
  if (words.size() > kMaxWords) return invalid("q", "q must have at most 16 words");
  return words;
}

// The FTS query of `words`; the last one is completed while it is being typed (no blank after it).
Result<store::TextQuery> text_query(store::Txn& txn, std::string_view q,
                                    const std::vector<std::string>& words) {
  if (is_blank(q.back()) || words.back().size() < kMinPrefixBytes) return store::TextQuery(words);
  return store::query_completing_last_word(txn, words);
}

// What a search may show: the items, and of their messages those it may read.
struct Visibility {
  SqlFilter items;
  SqlFilter messages;
};

SearchResult result_of(store::SearchItemRow item, store::MatchDescription match) {
  return SearchResult{std::move(item), std::move(match.matched_in), match.message_id,
                      snippet_html(match.snippet)};
}

// The page's results in the order of `ids`, each described by `describe(id)`.
template <typename Describe>
Result<std::vector<SearchResult>> results_for(store::Txn& txn, const std::vector<std::int64_t>& ids,
                                              Describe describe) {
  TANDEM_ASSIGN(auto rows, store::search_item_rows(txn, ids));
  std::unordered_map<std::int64_t, store::SearchItemRow> by_id;
  for (auto& row : rows) by_id.emplace(row.id, std::move(row));
  std::vector<SearchResult> results;
  for (const auto id : ids) {
    TANDEM_ASSIGN(auto match, describe(id));
    const auto row = by_id.find(id);
    if (match && row != by_id.end()) results.push_back(result_of(std::move(row->second), std::move(*match)));
  }
  return results;
}

// Newest first: the merge of two walks down the item ids, one over item texts, one over messages.
Result<SearchPage> newest_page(store::Txn& txn, const store::TextQuery& query, const Visibility& visible,
                               std::int64_t before_id, int limit) {
  TANDEM_ASSIGN(const auto text_ids,
                store::newest_item_text_matches(txn, query, visible.items, before_id, limit + 1));
  // With a full page of text matches, only items above the last of them can still make the page.
  const std::int64_t floor = static_cast<int>(text_ids.size()) > limit ? text_ids.back() : 0;
  TANDEM_ASSIGN(const auto message_ids,
                store::newest_message_matches(txn, query, visible.items, visible.messages, floor, before_id,
                                              limit + 1));
  std::vector<std::int64_t> ids;
  std::set_union(text_ids.begin(), text_ids.end(), message_ids.begin(), message_ids.end(),
                 std::back_inserter(ids), std::greater<>());
  const bool more = static_cast<int>(ids.size()) > limit;
  if (more) ids.resize(static_cast<std::size_t>(limit));
  SearchPage page;
  TANDEM_ASSIGN(page.results, results_for(txn, ids, [&](std::int64_t id) {
                  // An item only its messages matched needs no look at its own text.
                  return std::binary_search(text_ids.begin(), text_ids.end(), id, std::greater<>())
                             ? store::describe_item_match(txn, query, visible.messages, id)
                             : store::describe_newest_message_match(txn, query, visible.messages, id);
                }));
  if (more) page.next_cursor = std::to_string(ids.back());
  return page;
}

// Best first: each visible item once, at its best match.
Result<std::vector<store::RankedMatch>> ranked_visible(store::Txn& txn, const store::TextQuery& query,
                                                       const Visibility& visible) {
  TANDEM_ASSIGN(auto ranked, store::ranked_matches(txn, query, visible.messages));
  std::vector<store::RankedMatch> best;
  std::unordered_set<std::int64_t> seen;
  for (auto& match : ranked)
    if (seen.insert(match.item_id).second) best.push_back(std::move(match));
  TANDEM_ASSIGN(
      const auto visible_ids,
      store::visible_item_ids(txn, std::vector<std::int64_t>(seen.begin(), seen.end()), visible.items));
  const std::unordered_set<std::int64_t> shown(visible_ids.begin(), visible_ids.end());
  std::erase_if(best, [&](const auto& match) { return !shown.contains(match.item_id); });
  return best;
}

Result<SearchPage> ranked_page(store::Txn& txn, const store::TextQuery& query, const Visibility& visible,
                               std::int64_t offset, int limit) {
  const auto start = static_cast<std::size_t>(offset);
  TANDEM_ASSIGN(const auto best, ranked_visible(txn, query, visible));
  std::vector<std::int64_t> ids;
  std::unordered_map<std::int64_t, std::optional<std::int64_t>> message_of;
  for (std::size_t i = start; i < best.size() && ids.size() < static_cast<std::size_t>(limit); ++i) {
    ids.push_back(best[i].item_id);
    message_of[best[i].item_id] = best[i].message_id;
  }
  SearchPage page;
  TANDEM_ASSIGN(page.results, results_for(txn, ids, [&](std::int64_t id) {
                  const auto message_id = message_of.at(id);
                  return message_id ? store::describe_message_match(txn, query, *message_id)
                                    : store::describe_item_match(txn, query, visible.messages, id);
                }));
  if (best.size() > start + ids.size()) page.next_cursor = std::to_string(start + ids.size());
  return page;
}

}  // namespace

std::vector<std::string> search_words(std::string_view q) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && is_blank(q[i])) ++i;
    const std::size_t start = i;
    while (i < q.size() && !is_blank(q[i])) ++i;
    if (i > start) words.emplace_back(q.substr(start, i - start));
  }
  return words;
}

std::string snippet_html(std::string_view raw) {
  std::string html;
  html.reserve(raw.size() + 32);
  bool open = false;
  for (const char c : raw) {
    switch (c) {
      case store::kMatchStart:
        if (!open) html += "<mark>";
        open = true;
        break;
      case store::kMatchEnd:
        if (open) html += "</mark>";
        open = false;
        break;
      case '&':
        html += "&amp;";
        break;
      case '<':
        html += "&lt;";
        break;
      case '>':
        html += "&gt;";
        break;
      case '"':
        html += "&quot;";
        break;
      case '\'':
        html += "&#39;";
        break;
      default:
        html += c;
    }
  }
  if (open) html += "</mark>";
  return html;
}

Result<SearchPage> SearchService::search(const Actor& actor, const SearchRequest& request) {
  if (!Policy::can(actor, Action::view_work)) return Error::make(ErrorCode::forbidden, "you may not search");
  if (request.sort != "newest" && request.sort != "rank")
    return invalid("sort", "sort must be newest or rank");
  TANDEM_ASSIGN(const auto words, checked_words(request.q));
  TANDEM_ASSIGN(const auto cursor, cursor_value(request.cursor));
  const int limit = std::clamp(request.limit, 1, 100);
  TANDEM_ASSIGN(SqlFilter items, modules_.shown_items(Policy::visible_items(actor)));
  const Visibility visible{std::move(items), Policy::visible_messages(actor)};
  SearchPage page;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto query, text_query(txn, request.q, words));
    if (request.sort == "rank") {
      TANDEM_ASSIGN(page, ranked_page(txn, query, visible, cursor, limit));
    } else {
      const std::int64_t before = cursor > 0 ? cursor : std::numeric_limits<std::int64_t>::max();
      TANDEM_ASSIGN(page, newest_page(txn, query, visible, before, limit));
    }
    return {};
  }));
  return page;
}

}  // namespace tandem::service
