#include "store/search/search_repository.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <set>
#include <thread>

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
                                  const std::string& word = "needle",
                                  const SqlFilter& visible_messages = {"1", {}}) {
    const SqlFilter visible =
        Policy::visible_items(agent ? Actor::user(2, Role::agent, "A") : Actor::system());
    std::vector<std::int64_t> ids;
    EXPECT_TRUE(temp_.db()
                    .read([&](Txn& txn) -> Status {
                      TANDEM_ASSIGN(ids, newest_message_matches(txn, TextQuery({word}), visible,
                                                                visible_messages, after, before, limit));
                      return {};
                    })
                    .ok());
    return ids;
  }

  void write(const std::string& sql) {
    ASSERT_TRUE(temp_.db().write([&](Txn& txn) { return txn.exec(sql, {}); }).ok()) << sql;
  }

  TempDatabase temp_{"search-repository-test"};
  std::set<std::int64_t> with_needle_;
};

}  // namespace

TEST_F(SearchRepositoryTest, MessageMatchesComeNewestItemFirstWithinTheRange) {
  ASSERT_GT(with_needle_.size(), 50u);
  for (const bool agent : {false, true})
    for (const auto& [after, before, limit] : std::vector<std::tuple<std::int64_t, std::int64_t, int>>{
             {0, 1000, 21},
             {0, 1000, 500},
             {50, 150, 10},
             {120, 121, 5},
             {0, 1, 5},
             {0, std::numeric_limits<std::int64_t>::max(), 7}})
      EXPECT_EQ(found(after, before, limit, agent), expected(after, before, limit, agent))
          << after << " " << before;
}

TEST_F(SearchRepositoryTest, TheItemOrderedMessageIndexFollowsNewEditedMovedAndDeletedMessages) {
  write(
      "INSERT INTO messages(id, item_id, visibility, author_kind, body, body_html, created_at, updated_at) "
      "VALUES (601, 7, 'public', 'user', 'a thimble', '', 0, 0), "
      "(602, 9, 'public', 'user', 'another thimble', '', 0, 0)");
  EXPECT_EQ(found(0, 1000, 10, false, "thimble"), (std::vector<std::int64_t>{9, 7}));
  write("UPDATE messages SET body = 'a spindle' WHERE id = 601");
  EXPECT_EQ(found(0, 1000, 10, false, "thimble"), (std::vector<std::int64_t>{9}));
  EXPECT_EQ(found(0, 1000, 10, false, "spindle"), (std::vector<std::int64_t>{7}));
  write("UPDATE messages SET item_id = 150 WHERE id = 601");
  EXPECT_EQ(found(0, 1000, 10, false, "spindle"), (std::vector<std::int64_t>{150}));
  write("DELETE FROM messages WHERE id IN (601, 602)");
  EXPECT_EQ(found(0, 1000, 10, false, "spindle"), std::vector<std::int64_t>{});
  EXPECT_EQ(found(0, 1000, 10, false, "thimble"), std::vector<std::int64_t>{});
  // A deleted item takes its messages out of the index too: it holds one entry for each message left.
  write("DELETE FROM items WHERE id = 40");
  ASSERT_TRUE(temp_.db()
                  .read([&](Txn& txn) -> Status {
                    TANDEM_ASSIGN(const auto row,
                                  txn.one("SELECT COUNT(*) FROM item_messages_fts WHERE item_messages_fts "
                                          "MATCH 'needle OR hay'",
                                          {}));
                    TANDEM_ASSIGN(const auto messages, txn.one("SELECT COUNT(*) FROM messages", {}));
                    EXPECT_EQ(row->int64(0), messages->int64(0));
                    return {};
                  })
                  .ok());
}

TEST_F(SearchRepositoryTest, WritesCommittedInOneGroupAreIndexedExceptTheFailedOnes) {
  constexpr int kThreads = 8, kPerThread = 25;  // every fifth write fails after storing its item
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i)
        (void)temp_.db().write([&](Txn& txn) -> Status {
          const std::int64_t id = 1000 + t * kPerThread + i;
          TANDEM_TRY(txn.exec(
              "INSERT INTO items(id, number, type_id, status_id, state, title, created_at, updated_at) "
              "VALUES (?, ?, 1, 1, 'not_started', ?, 0, 0)",
              {id, id, "word" + std::to_string(id)}));
          if (i % 5 == 4) return Error::make(ErrorCode::conflict, "refused after the insert");
          return {};
        });
    });
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(temp_.db()
                  .write([&](Txn& txn) -> Status {
                    for (std::int64_t id = 1000; id < 1000 + kThreads * kPerThread; ++id) {
                      TANDEM_ASSIGN(const auto row, txn.one("SELECT COUNT(*) FROM items_fts WHERE items_fts "
                                                            "MATCH ?",
                                                            {"word" + std::to_string(id)}));
                      EXPECT_EQ(row->int64(0), (id - 1000) % 5 == 4 ? 0 : 1) << id;
                    }
                    return txn.exec("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)",
                                    {});
                  })
                  .ok());
}

TEST_F(SearchRepositoryTest, InternalNotesMatchOnlyForThoseWhoMayReadThem) {
  write(
      "INSERT INTO messages(id, item_id, visibility, author_kind, body, body_html, created_at, updated_at) "
      "VALUES (601, 11, 'internal', 'user', 'a private thimble', '', 0, 0), "
      "(602, 13, 'public', 'user', 'a public thimble', '', 0, 0)");
  const SqlFilter customer = Policy::visible_messages(Actor::customer(5, 0, "C", PortalScope{}));
  EXPECT_EQ(found(0, 1000, 10, false, "thimble", customer), (std::vector<std::int64_t>{13}));
  EXPECT_EQ(found(0, 1000, 10, false, "thimble", Policy::visible_messages(Actor::user(2, Role::agent, "A"))),
            (std::vector<std::int64_t>{13, 11}));
  ASSERT_TRUE(temp_.db()
                  .read([&](Txn& txn) -> Status {
                    TANDEM_ASSIGN(const auto note,
                                  describe_item_match(txn, TextQuery({"thimble"}), customer, 11));
                    EXPECT_FALSE(note.has_value());
                    TANDEM_ASSIGN(const auto ranked, ranked_matches(txn, TextQuery({"thimble"}), customer));
                    EXPECT_EQ(ranked.size(), 1u);
                    for (const auto& match : ranked) EXPECT_EQ(match.message_id, 602);
                    return {};
                  })
                  .ok());
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
    EXPECT_TRUE(temp_.db()
                    .read([&](Txn& txn) -> Status {
                      TANDEM_ASSIGN(const auto query, query_completing_last_word(txn, words));
                      expression = query.expression();
                      return {};
                    })
                    .ok());
    return expression;
  };
  // "needle" is in 200 messages, "needles" and "needlework" in one title: the most found come first.
  EXPECT_EQ(completed({"a", "NEEDL"}), "\"a\" AND (\"needle\" OR \"needles\" OR \"needlework\")");
  EXPECT_EQ(completed({"zzz"}), "\"zzz\"");   // no word begins so: nothing matches
  EXPECT_EQ(completed({"Ärg"}), "\"Ärg\"*");  // left to FTS5's folding
}

TEST_F(SearchRepositoryTest, EachSearchIndexMergesItsSegmentsEightAtATime) {
  for (const std::string table : {"items_fts", "messages_fts", "item_messages_fts"}) {
    std::int64_t automerge = 0;
    ASSERT_TRUE(temp_.db()
                    .read([&](Txn& txn) -> Status {
                      TANDEM_ASSIGN(const auto row,
                                    txn.one("SELECT v FROM " + table + "_config WHERE k = 'automerge'"));
                      if (row) automerge = row->int64(0);
                      return {};
                    })
                    .ok());
    EXPECT_EQ(automerge, 8) << table;
  }
}

}  // namespace tandem::store
