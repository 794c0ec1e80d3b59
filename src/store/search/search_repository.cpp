#include "store/search/search_repository.h"

#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

namespace tandem::store {

namespace {

// The FTS5 string literal of a word: in double quotes, inner quotes doubled.
std::string fts_string(const std::string& word) {
  std::string out = "\"";
  for (char c : word) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// True when `word` has a letter or digit: an ASCII one, or any byte of a UTF-8 sequence.
bool has_word_byte(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 || (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
           (byte >= 'A' && byte <= 'Z');
  });
}

// `head` + the visibility condition + `tail`, with the parameters in order.
struct Sql {
  std::string text;
  std::vector<Value> params;
};

Sql with_visibility(std::string head, std::vector<Value> head_params, const SqlFilter& visible,
                    std::string_view tail, std::vector<Value> tail_params) {
  Sql sql{std::move(head) + visible.sql + std::string(tail), std::move(head_params)};
  sql.params.insert(sql.params.end(), visible.params.begin(), visible.params.end());
  sql.params.insert(sql.params.end(), tail_params.begin(), tail_params.end());
  return sql;
}

Result<std::vector<std::int64_t>> ids_of(Txn& txn, const Sql& sql) {
  std::vector<std::int64_t> ids;
  TANDEM_TRY(txn.exec(sql.text, sql.params, [&](const Row& row) { ids.push_back(row.int64(0)); }));
  return ids;
}

// The lowest key item_messages_fts can give a message of item `item_id` or of a later item.
std::int64_t first_message_key(std::int64_t item_id) {
  constexpr std::int64_t kLastKeyedItem = std::numeric_limits<std::int64_t>::max() >> 32;
  return item_id > kLastKeyedItem ? std::numeric_limits<std::int64_t>::max() : item_id << 32;
}

// Texts a word must be found in to count as common.
constexpr int kCommonWordTexts = 10000;
// The most indexed words a word being typed stands for.
constexpr int kMaxCompletions = 64;

std::string json_ids(const std::vector<std::int64_t>& ids) {
  return nlohmann::json(ids).dump();
}

}  // namespace

TextQuery::TextQuery(const std::vector<std::string>& words) {
  // Words without letters or digits tokenise to nothing; dropped, they cannot void an AND.
  for (const auto& word : words)
    if (has_word_byte(word)) (expression_.empty() ? expression_ : expression_ += ' ') += fts_string(word);
  if (expression_.empty()) expression_ = "\"\"";  // matches nothing
}

Result<TextQuery> query_completing_last_word(Txn& txn, const std::vector<std::string>& words) {
  TextQuery query(words);
  if (!has_word_byte(words.back())) return query;
  const std::string last = fts_string(words.back());
  // A common word needs no completion, and completing it would read all its matches.
  TANDEM_ASSIGN(
      const auto common,
      txn.one("SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM items_fts WHERE items_fts MATCH ?1 LIMIT ?2)) "
              "+ (SELECT COUNT(*) FROM (SELECT 1 FROM messages_fts WHERE messages_fts MATCH ?1 LIMIT ?2))",
              {last, std::int64_t{kCommonWordTexts}}));
  if (common->int64(0) >= kCommonWordTexts) return query;

  // The indexed words in [prefix, prefix with its last byte raised), lowercase as the index keeps them.
  std::string prefix = words.back();
  for (char& c : prefix)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::string end = prefix;
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xff) end.pop_back();
  if (end.empty()) return query;  // no text has such bytes
  end.back() = static_cast<char>(end.back() + 1);
  std::vector<std::string> completions;
  // Both bounds are plain constraints that fts5vocab applies itself: it reads only the words in range.
  TANDEM_TRY(
      txn.exec("SELECT term FROM (SELECT term, doc FROM items_fts_vocab WHERE term >= ?1 AND term < ?2 "
               "UNION ALL SELECT term, doc FROM messages_fts_vocab WHERE term >= ?1 AND term < ?2) "
               "GROUP BY term ORDER BY SUM(doc) DESC, term LIMIT ?3",
               {prefix, end, std::int64_t{kMaxCompletions}},
               [&](const Row& row) { completions.push_back(row.text(0)); }));
  if (!completions.empty()) {
    // The other words, then the alternatives: a parenthesised group joins only through an explicit AND.
    const TextQuery others(std::vector<std::string>(words.begin(), words.end() - 1));
    query.expression_ =
        words.size() > 1 && others.expression_ != "\"\"" ? others.expression_ + " AND (" : "(";
    for (std::size_t i = 0; i < completions.size(); ++i)
      (query.expression_ += i ? " OR " : "") += fts_string(completions[i]);
    query.expression_ += ')';
  } else if (std::any_of(prefix.begin(), prefix.end(),
                         [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    query.expression_ += '*';
  }
  return query;
}

Result<std::vector<std::int64_t>> newest_item_text_matches(Txn& txn, const TextQuery& query,
                                                           const SqlFilter& visible, std::int64_t before_id,
                                                           int limit) {
  // items_fts drives the loop in rowid order, so LIMIT stops the walk once enough visible items are seen.
  return ids_of(txn, with_visibility("SELECT items_fts.rowid FROM items_fts CROSS JOIN items "
                                     "ON items.id = items_fts.rowid "
                                     "WHERE items_fts MATCH ? AND items_fts.rowid < ? AND ",
                                     {query.expression(), before_id}, visible,
                                     " ORDER BY items_fts.rowid DESC LIMIT ?", {std::int64_t{limit}}));
}

Result<std::vector<std::int64_t>> newest_message_matches(Txn& txn, const TextQuery& query,
                                                         const SqlFilter& visible,
                                                         const SqlFilter& visible_messages,
                                                         std::int64_t after_id, std::int64_t before_id,
                                                         int limit) {
  // item_messages_fts drives the loop down its keys (item_id << 32 | message id): the newest items' messages
  // come first, so LIMIT stops the walk once enough visible items are seen.
  Sql sql = with_visibility(
      "SELECT DISTINCT f.rowid >> 32 FROM item_messages_fts f "
      "CROSS JOIN items ON items.id = f.rowid >> 32 CROSS JOIN messages m ON m.id = f.rowid & 4294967295 "
      "WHERE item_messages_fts MATCH ? AND f.rowid >= ? AND f.rowid < ? AND ",
      {query.expression(), first_message_key(after_id + 1), first_message_key(before_id)}, visible, " AND ",
      {});
  sql = with_visibility(std::move(sql.text), std::move(sql.params), visible_messages,
                        " ORDER BY f.rowid DESC LIMIT ?", {std::int64_t{limit}});
  return ids_of(txn, sql);
}

Result<std::vector<RankedMatch>> ranked_matches(Txn& txn, const TextQuery& query,
                                                const SqlFilter& visible_messages) {
  std::vector<RankedMatch> ranked;
  // bm25 reads every scored text's statistics: scoring only the newest matches bounds the cost.
  TANDEM_TRY(
      txn.exec("SELECT rowid, bm25(items_fts, 2.0, 1.0) FROM items_fts WHERE items_fts MATCH ? "
               "ORDER BY rowid DESC LIMIT ?",
               {query.expression(), std::int64_t{kRankWindow}}, [&](const Row& row) {
                 ranked.push_back({row.int64(0), std::nullopt, row.real(1)});
               }));
  const Sql messages = with_visibility(
      "SELECT m.item_id, f.id, f.score FROM (SELECT rowid AS id, bm25(messages_fts) AS score FROM "
      "messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f "
      "CROSS JOIN messages m INDEXED BY messages_item_of ON m.id = f.id WHERE ",
      {query.expression(), std::int64_t{kRankWindow}}, visible_messages, "", {});
  TANDEM_TRY(txn.exec(messages.text, messages.params, [&](const Row& row) {
    ranked.push_back({row.int64(0), row.int64(1), row.real(2)});
  }));
  std::stable_sort(ranked.begin(), ranked.end(), [](const RankedMatch& a, const RankedMatch& b) {
    return a.score != b.score ? a.score < b.score : a.item_id > b.item_id;
  });
  return ranked;
}

Result<std::vector<std::int64_t>> visible_item_ids(Txn& txn, const std::vector<std::int64_t>& ids,
                                                   const SqlFilter& visible) {
  return ids_of(txn, with_visibility("SELECT items.id FROM items "
                                     "WHERE items.id IN (SELECT value FROM json_each(?)) AND ",
                                     {json_ids(ids)}, visible, "", {}));
}

Result<std::optional<MatchDescription>> describe_item_match(Txn& txn, const TextQuery& query,
                                                            const SqlFilter& visible_messages,
                                                            std::int64_t item_id) {
  TANDEM_ASSIGN(const auto text, txn.one("SELECT snippet(items_fts, 0, char(1), char(2), '…', 16), "
                                         "snippet(items_fts, 1, char(1), char(2), '…', 16) "
                                         "FROM items_fts WHERE items_fts MATCH ? AND rowid = ?",
                                         {query.expression(), item_id}));
  if (text) {
    std::string title = text->text(0);
    if (title.find(kMatchStart) != std::string::npos)
      return std::optional(MatchDescription{"title", std::nullopt, std::move(title)});
    return std::optional(MatchDescription{"description", std::nullopt, text->text(1)});
  }
  return describe_newest_message_match(txn, query, visible_messages, item_id);
}

Result<std::optional<MatchDescription>> describe_newest_message_match(Txn& txn, const TextQuery& query,
                                                                      const SqlFilter& visible_messages,
                                                                      std::int64_t item_id) {
  const Sql newest = with_visibility(
      "SELECT m.id, snippet(messages_fts, 0, char(1), char(2), '…', 16) "
      "FROM messages m CROSS JOIN messages_fts ON messages_fts.rowid = m.id "
      "WHERE m.item_id = ? AND messages_fts MATCH ? AND ",
      {item_id, query.expression()}, visible_messages, " ORDER BY m.id DESC LIMIT 1", {});
  TANDEM_ASSIGN(const auto message, txn.one(newest.text, newest.params));
  if (!message) return std::optional<MatchDescription>{};
  return std::optional(MatchDescription{"message", message->int64(0), message->text(1)});
}

Result<std::optional<MatchDescription>> describe_message_match(Txn& txn, const TextQuery& query,
                                                               std::int64_t message_id) {
  TANDEM_ASSIGN(const auto message,
                txn.one("SELECT snippet(messages_fts, 0, char(1), char(2), '…', 16) FROM messages_fts "
                        "WHERE messages_fts MATCH ? AND rowid = ?",
                        {query.expression(), message_id}));
  if (!message) return std::optional<MatchDescription>{};
  return std::optional(MatchDescription{"message", message_id, message->text(0)});
}

Result<std::vector<SearchItemRow>> search_item_rows(Txn& txn, const std::vector<std::int64_t>& ids) {
  std::vector<SearchItemRow> rows;
  TANDEM_TRY(txn.exec(
      "SELECT i.id, i.number, t.key, i.title, i.status_id, i.state, i.priority, i.project_id, i.updated_at "
      "FROM items i JOIN item_types t ON t.id = i.type_id WHERE i.id IN (SELECT value FROM json_each(?))",
      {json_ids(ids)}, [&](const Row& r) {
        rows.push_back(SearchItemRow{r.int64(0), r.int64(1), r.text(2), r.text(3), r.int64(4), r.text(5),
                                     static_cast<int>(r.int64(6)), r.opt_int64(7), r.int64(8)});
      }));
  return rows;
}

}  // namespace tandem::store
