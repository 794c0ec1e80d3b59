// Full-text search over items (title, description) and their messages, with SQLite FTS5. Words reach
// FTS5 only quoted, so no input is ever read as query syntax. Snippets mark matches with \x01 (start)
// and \x02 (end) in the raw text; turning them into HTML is the caller's business.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/policy.h"
#include "store/database.h"

namespace tandem::store {

/// Marks around matched words in snippets.
inline constexpr char kMatchStart = '\x01';
inline constexpr char kMatchEnd = '\x02';

/// A query made of words: a text matches when it holds every word.
class TextQuery {
 public:
  /// Every word taken literally (quotes included); words without a letter or digit are left out, and
  /// without any word left the query matches nothing.
  explicit TextQuery(const std::vector<std::string>& words);
  /// The FTS5 expression: each word as a quoted string.
  const std::string& expression() const { return expression_; }

 private:
  friend Result<TextQuery> query_completing_last_word(Txn& txn, const std::vector<std::string>& words);
  TextQuery() = default;

  std::string expression_;
};

/// The query for `words` (at least one) whose last word, being typed, also stands for the longer indexed
/// words it begins: the 64 found in the most texts. A word found in 10,000 texts or more stands for itself
/// only (its matches fill any page). A beginning with letters beyond ASCII that no indexed word starts
/// with byte for byte (an upper-case or accented one) is left to FTS5's own prefix search.
Result<TextQuery> query_completing_last_word(Txn& txn, const std::vector<std::string>& words);

/// Where an item matched, with a snippet of the matching text.
struct MatchDescription {
  std::string matched_in;  // "title", "description" or "message"
  std::optional<std::int64_t> message_id;
  std::string snippet;  // raw text with kMatchStart / kMatchEnd marks
};

/// A match found by rank: an item's own text, or one of its messages. Lower scores are better (bm25).
struct RankedMatch {
  std::int64_t item_id = 0;
  std::optional<std::int64_t> message_id;
  double score = 0;
};

/// The fields of an item a search result shows.
struct SearchItemRow {
  std::int64_t id = 0;
  std::int64_t number = 0;
  std::string type_key;
  std::string title;
  std::int64_t status_id = 0;
  std::string state;
  int priority = 0;
  std::optional<std::int64_t> project_id;
  TimestampMs updated_at = 0;
};

/// Ids of the items visible through `visible` whose title or description matches, below `before_id`,
/// newest (highest id) first, at most `limit`. Walks the index from the newest match and stops early.
Result<std::vector<std::int64_t>> newest_item_text_matches(Txn& txn, const TextQuery& query,
                                                           const SqlFilter& visible, std::int64_t before_id,
                                                           int limit);
/// Ids of the items visible through `visible` with a message visible through `visible_messages` that
/// matches, between `after_id` and `before_id` (both exclusive), newest first, at most `limit`. Walks the
/// messages in item order from the newest item down and stops early.
Result<std::vector<std::int64_t>> newest_message_matches(Txn& txn, const TextQuery& query,
                                                         const SqlFilter& visible,
                                                         const SqlFilter& visible_messages,
                                                         std::int64_t after_id, std::int64_t before_id,
                                                         int limit);
/// How many of the newest matching texts of each source a ranked search scores.
inline constexpr int kRankWindow = 1000;

/// Every match among the newest kRankWindow matching item texts (title weighs double) and those of the
/// newest kRankWindow matching messages that `visible_messages` lets through, best bm25 score first (ties:
/// newest item first).
Result<std::vector<RankedMatch>> ranked_matches(Txn& txn, const TextQuery& query,
                                                const SqlFilter& visible_messages);
/// Those of `ids` that `visible` lets through, in no particular order.
Result<std::vector<std::int64_t>> visible_item_ids(Txn& txn, const std::vector<std::int64_t>& ids,
                                                   const SqlFilter& visible);
/// Where the item matches: its title, else its description, else its newest matching message that
/// `visible_messages` lets through; nullopt when nothing of it matches.
Result<std::optional<MatchDescription>> describe_item_match(Txn& txn, const TextQuery& query,
                                                            const SqlFilter& visible_messages,
                                                            std::int64_t item_id);
/// The item's newest matching message that `visible_messages` lets through; nullopt when none matches.
Result<std::optional<MatchDescription>> describe_newest_message_match(Txn& txn, const TextQuery& query,
                                                                      const SqlFilter& visible_messages,
                                                                      std::int64_t item_id);
/// The snippet of one matching message; nullopt when it does not match.
Result<std::optional<MatchDescription>> describe_message_match(Txn& txn, const TextQuery& query,
                                                               std::int64_t message_id);
/// The rows of the items with these ids, in no particular order (missing ids are skipped).
Result<std::vector<SearchItemRow>> search_item_rows(Txn& txn, const std::vector<std::int64_t>& ids);

}  // namespace tandem::store
