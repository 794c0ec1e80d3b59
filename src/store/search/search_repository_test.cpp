#include "store/search/search_repository.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "store/temp_database.h"

namespace tandem::store {

namespace {

// 200 items, half in project 1 (where user 2 is a member), half in project 2; 600 messages on items
// picked out of order, a third of them holding the word "needle".
class SearchRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(
        temp_.db()
            .write([&](Txn& txn) -> Status {
              TANDEM_TRY(
                  txn.exec("INSERT INTO users(id, email, name, role, password_hash, created_at, updated_at) "
                           "VALUES (2, 'a@example.com', 'A', 'agent', 'x', 0, 0)",
                           {}));
              TANDEM_TRY(
                  txn.exec("INSERT INTO projects(id, name, created_at, updated_at) VALUES (1, 'a', 0, 0), "
                           "(2, 'b', 0, 0)",
                           {}));
              TANDEM_TRY(txn.exec(
                  "INSERT INTO project_members(project_id, user_id, role) VALUES (1, 2, 'standard')", {}));
              for (std::int64_t id = 1; id <= 200; ++id)
                TANDEM_TRY(
                    txn.exec("INSERT INTO items(id, number, type_id, status_id, state, title, project_id, "
                             "created_at, updated_at) VALUES (?, ?, 1, 1, 'not_started', 'item', ?, 0, 0)",
                             {id, id, id % 2 + 1}));
              for (std::int64_t id = 1; id <= 600; ++id) {
                const std::int64_t item = (id * 37) % 200 + 1;
                const bool needle = id % 3 == 0;
                if (needle) with_needle_.insert(item);
                TANDEM_TRY(
                    txn.exec("INSERT INTO messages(id, item_id, visibility, author_kind, body, body_html, "
                             "created_at, updated_at) VALUES (?, ?, 'public', 'user', ?, '', 0, 0)",
                             {id, item, std::string(needle ? "a needle here" : "just hay")}));
              }
              return Status{};
            })
            .ok());
  }

  // What the search must answer: the items with a needle in (after, before), visible to user 2 when
  // `agent`, newest first, at most `limit`.
  std::vector<std::int64_t> expected(std::int64_t after, std::int64_t before, int limit, bool agent) {
    std::vector<std::int64_t> ids;
    for (auto it = with_needle_.rbegin(); it != with_needle_.rend(); ++it)
      if (*it > after && *it < before && (!agent || *it % 2 == 0) && static_cast<int>(ids.size()) < limit)
        ids.push_back(*it);
    return ids;
  }

  std::vector<std::int64_t> found(std::int64_t after, std::int64_t before, int limit, bool agent,
                                  int gather_limit) {
    const SqlFilter visible =
        Policy::visible_items(agent ? Actor::user(2, Role::agent, "A") : Actor::system());
    std::vector<std::int64_t> ids;
    EXPECT_TRUE(temp_.db()
                    .read([&](Txn& txn) -> Status {
                      TANDEM_ASSIGN(ids, newest_message_matches(txn, TextQuery({"needle"}), visible, after,
                                                                before, limit, gather_limit));
                      return {};
                    })
                    .ok());
    return ids;
  }

  TempDatabase temp_{"search-repository-test"};
  std::set<std::int64_t> with_needle_;
};

}  // namespace

TEST_F(SearchRepositoryTest, GatheringAndCheckingItemByItemAgree) {
  ASSERT_GT(with_needle_.size(), 50u);
  for (const bool agent : {false, true})
    for (const auto& [after, before, limit] : std::vector<std::tuple<std::int64_t, std::int64_t, int>>{
             {0, 1000, 21}, {0, 1000, 500}, {50, 150, 10}, {120, 121, 5}, {0, 1, 5}}) {
      const auto want = expected(after, before, limit, agent);
      EXPECT_EQ(found(after, before, limit, agent, /*gather_limit=*/1000), want) << after << " " << before;
      EXPECT_EQ(found(after, before, limit, agent, /*gather_limit=*/0), want) << after << " " << before;
    }
}

TEST_F(SearchRepositoryTest, QueriesQuoteEveryWord) {
  EXPECT_EQ(TextQuery({"a\"b", "OR", "("}).expression(), "\"a\"\"b\" \"OR\"");
  EXPECT_EQ(TextQuery({"-", "("}).expression(), "\"\"");
  EXPECT_EQ(TextQuery({"near"}).expression(), "\"near\"");
}

TEST_F(SearchRepositoryTest, AWordBeingTypedStandsForTheIndexedWordsItBegins) {
  ASSERT_TRUE(
      temp_.db()
          .write([](Txn& txn) {
            return txn.exec(
                "INSERT INTO items(id, number, type_id, status_id, state, title, description, created_at, "
                "updated_at) VALUES (1000, 1000, 1, 1, 'not_started', 'Needlework needles', 'Ärger', 0, 0)",
                {});
          })
          .ok());
  const auto completed = [&](std::vector<std::string> words) {
    std::string expression;
    bool cheap = false;
    EXPECT_TRUE(temp_.db()
                    .read([&](Txn& txn) -> Status {
                      TANDEM_ASSIGN(const auto query, query_completing_last_word(txn, words));
                      expression = query.expression();
                      cheap = query.cheap_per_row();
                      return {};
                    })
                    .ok());
    return std::pair{expression, cheap};
  };
  // "needle" is in 200 messages, "needles" and "needlework" in one title: the most found come first.
  EXPECT_EQ(completed({"a", "NEEDL"}),
            std::pair(std::string("\"a\" AND (\"needle\" OR \"needles\" OR \"needlework\")"), true));
  EXPECT_EQ(completed({"zzz"}).first, "\"zzz\"");  // no word begins so: nothing matches
  EXPECT_EQ(completed({"Ärg"}), std::pair(std::string("\"Ärg\"*"), false));  // left to FTS5's folding
}

}  // namespace tandem::store
