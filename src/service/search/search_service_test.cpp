#include "service/search/search_service.h"

#include <gtest/gtest.h>

#include <set>

#include "store/temp_database.h"

namespace tandem::service {

namespace {

const Actor kAdmin = Actor::user(1, Role::admin, "Ada");
const Actor kAgent = Actor::user(2, Role::agent, "Alan");  // a member of project 1 only

class SearchServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    exec(
        "INSERT INTO users(id, email, name, role, password_hash, created_at, updated_at) VALUES "
        "(1, 'ada@example.com', 'Ada', 'admin', 'x', 0, 0), (2, 'alan@example.com', 'Alan', 'agent', 'x', 0, "
        "0)");
    exec(
        "INSERT INTO projects(id, name, created_at, updated_at) VALUES (1, 'Mine', 0, 0), (2, 'Theirs', 0, "
        "0)");
    exec("INSERT INTO project_members(project_id, user_id, role) VALUES (1, 2, 'standard')");
  }

  void exec(std::string sql, std::vector<store::Value> params = {}) {
    ASSERT_TRUE(temp_.db().write([&](store::Txn& txn) { return txn.exec(sql, params); }).ok()) << sql;
  }

  // Inserts item `id` (number 1000 + id) in `project_id` (0 for none).
  void add_item(std::int64_t id, std::string title, std::string description = "",
                std::int64_t project_id = 0) {
    exec(
        "INSERT INTO items(id, number, type_id, status_id, state, title, description, priority, project_id, "
        "created_at, updated_at) VALUES (?, ?, 1, 1, 'not_started', ?, ?, 2, ?, 0, ?)",
        {id, 1000 + id, std::move(title), std::move(description),
         project_id ? store::Value(project_id) : store::Value(nullptr), id * 1000});
  }

  // Items 900.. and their messages that match nothing, so that words of the tests are rare enough for bm25.
  void add_fillers() {
    for (std::int64_t id = 900; id < 920; ++id) {
      add_item(id, "filler " + std::to_string(id), "nothing of interest");
      add_message(id, id, "small talk");
    }
  }

  // Inserts message `id` on an item.
  void add_message(std::int64_t id, std::int64_t item_id, std::string body) {
    exec(
        "INSERT INTO messages(id, item_id, visibility, author_kind, body, body_html, created_at, updated_at) "
        "VALUES (?, ?, 'public', 'user', ?, ?, 0, 0)",
        {id, item_id, body, body});
  }

  SearchPage search(const Actor& actor, std::string q, std::string sort = "newest", int limit = 20,
                    std::string cursor = "") {
    auto page = search_.search(actor, {std::move(q), limit, std::move(cursor), std::move(sort)});
    EXPECT_TRUE(page.ok()) << page.error().message << page.error().internal;
    return page.ok() ? std::move(page).value() : SearchPage{};
  }

  static std::vector<std::int64_t> ids(const SearchPage& page) {
    std::vector<std::int64_t> ids;
    for (const auto& result : page.results) ids.push_back(result.item.id);
    return ids;
  }

  // Every item id of a search, following cursors page by page.
  std::vector<std::int64_t> all_pages(const Actor& actor, const std::string& q, const std::string& sort,
                                      int limit) {
    std::vector<std::int64_t> all;
    std::string cursor;
    for (int pages = 0; pages < 100; ++pages) {
      const SearchPage page = search(actor, q, sort, limit, cursor);
      EXPECT_LE(page.results.size(), static_cast<std::size_t>(limit));
      for (const auto id : ids(page)) all.push_back(id);
      if (page.next_cursor.empty()) return all;
      cursor = page.next_cursor;
    }
    ADD_FAILURE() << "the pages never end";
    return all;
  }

  store::TempDatabase temp_{"search-test"};
  FakeClock clock_{0};
  ModuleService modules_{temp_.db(), clock_};
  SearchService search_{temp_.db(), modules_};
};

}  // namespace

TEST_F(SearchServiceTest, FindsItemsByTitleDescriptionAndMessage) {
  add_item(1, "Printer jams on page two");
  add_item(2, "Office supplies", "The printer on floor 3 is offline");
  add_item(3, "Cannot work");
  add_message(10, 3, "My printer smokes when I print");
  add_item(4, "Nothing to see", "no match here");

  const SearchPage page = search(kAdmin, "printer");
  ASSERT_EQ(ids(page), (std::vector<std::int64_t>{3, 2, 1}));
  EXPECT_EQ(page.results[0].matched_in, "message");
  EXPECT_EQ(page.results[0].message_id, 10);
  EXPECT_EQ(page.results[0].snippet, "My <mark>printer</mark> smokes when I print");
  EXPECT_EQ(page.results[1].matched_in, "description");
  EXPECT_EQ(page.results[1].message_id, std::nullopt);
  EXPECT_EQ(page.results[1].snippet, "The <mark>printer</mark> on floor 3 is offline");
  EXPECT_EQ(page.results[2].matched_in, "title");
  EXPECT_EQ(page.results[2].snippet, "<mark>Printer</mark> jams on page two");
  EXPECT_EQ(page.next_cursor, "");

  const auto& item = page.results[2].item;
  EXPECT_EQ(item.number, 1001);
  EXPECT_EQ(item.type_key, "ticket");
  EXPECT_EQ(item.status_id, 1);
  EXPECT_EQ(item.state, "not_started");
  EXPECT_EQ(item.priority, 2);
  EXPECT_EQ(item.project_id, std::nullopt);
  EXPECT_EQ(item.updated_at, 1000);
}

TEST_F(SearchServiceTest, EveryWordMustMatchInOneText) {
  add_item(1, "printer broken");
  add_item(2, "printer", "it is broken");
  add_item(3, "printer fine");
  add_message(10, 3, "broken anyway");
  EXPECT_EQ(ids(search(kAdmin, "broken printer")), (std::vector<std::int64_t>{2, 1}));
}

TEST_F(SearchServiceTest, ATitleMatchWinsOverAMessageMatchOfTheSameItem) {
  add_item(1, "router reboots");
  add_message(10, 1, "the router again");
  const SearchPage page = search(kAdmin, "router");
  ASSERT_EQ(page.results.size(), 1u);
  EXPECT_EQ(page.results[0].matched_in, "title");
}

TEST_F(SearchServiceTest, TheNewestMatchingMessageIsShown) {
  add_item(1, "call");
  add_message(10, 1, "first invoice");
  add_message(11, 1, "unrelated");
  add_message(12, 1, "second invoice");
  const SearchPage page = search(kAdmin, "invoice");
  ASSERT_EQ(page.results.size(), 1u);
  EXPECT_EQ(page.results[0].message_id, 12);
}

TEST_F(SearchServiceTest, PagesWalkDownTheItemIdsWithoutDuplicates) {
  // Matches alternate between titles and messages; messages of old items are the newest messages.
  for (std::int64_t id = 1; id <= 30; ++id) {
    add_item(id, id % 2 ? "lamp " + std::to_string(id) : "item " + std::to_string(id), "", 0);
    add_item(100 + id, "other " + std::to_string(id));
  }
  for (std::int64_t id = 30; id >= 1; --id)
    if (id % 2 == 0) add_message(1000 - id, id, "the lamp flickers");
  add_message(2000, 2, "lamp again");

  std::vector<std::int64_t> expected;
  for (std::int64_t id = 30; id >= 1; --id) expected.push_back(id);
  const SearchPage first = search(kAdmin, "lamp", "newest", 7);
  EXPECT_EQ(ids(first), (std::vector<std::int64_t>(expected.begin(), expected.begin() + 7)));
  EXPECT_EQ(first.next_cursor, "24");
  EXPECT_EQ(all_pages(kAdmin, "lamp", "newest", 7), expected);
  EXPECT_EQ(all_pages(kAdmin, "lamp", "newest", 1), expected);
  EXPECT_EQ(all_pages(kAdmin, "lamp", "newest", 30), expected);
}

TEST_F(SearchServiceTest, RankPutsTheBestMatchFirstAndPagesByOffset) {
  add_fillers();
  add_item(1, "zebra zebra zebra", "zebra crossing");
  add_item(2, "animals", "a long description of many animals where a zebra appears once among lions tigers");
  add_item(3, "misc");
  add_message(10, 3, "zebra zebra stripes");
  add_item(4, "giraffe");

  const SearchPage ranked = search(kAdmin, "zebra", "rank");
  ASSERT_EQ(ranked.results.size(), 3u);
  EXPECT_EQ(ranked.results[0].item.id, 1);
  EXPECT_EQ(ranked.results[2].item.id, 2);
  EXPECT_EQ(ranked.results[1].matched_in, "message");
  EXPECT_EQ(ranked.results[1].message_id, 10);

  const SearchPage first = search(kAdmin, "zebra", "rank", 2);
  EXPECT_EQ(ids(first), (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(first.next_cursor, "2");
  EXPECT_EQ(all_pages(kAdmin, "zebra", "rank", 1), (std::vector<std::int64_t>{1, 3, 2}));
}

TEST_F(SearchServiceTest, RankShowsEachItemOnceAtItsBestMatch) {
  add_fillers();
  add_item(1, "modem");
  for (std::int64_t id = 10; id < 20; ++id) add_message(id, 1, "modem modem modem trouble");
  add_item(2, "other", "a modem somewhere in a long text about many other things");
  const SearchPage first = search(kAdmin, "modem", "rank", 1);
  ASSERT_EQ(first.results.size(), 1u);
  EXPECT_EQ(first.results[0].item.id, 1);
  EXPECT_EQ(all_pages(kAdmin, "modem", "rank", 1), (std::vector<std::int64_t>{1, 2}));
}

TEST_F(SearchServiceTest, AgentsFindOnlyItemsTheyMaySee) {
  add_item(1, "keyboard outside any project");
  add_item(2, "keyboard in my project", "", 1);
  add_item(3, "keyboard in another project", "", 2);
  add_item(4, "quiet item in another project", "", 2);
  add_message(10, 4, "keyboard mentioned in a message");
  add_item(5, "keyboard where I am the assignee", "", 2);
  exec("INSERT INTO item_parties(item_id, role, party_kind, party_id) VALUES (5, 'assignee', 'user', 2)");

  EXPECT_EQ(ids(search(kAgent, "keyboard")), (std::vector<std::int64_t>{5, 2, 1}));
  EXPECT_EQ(ids(search(kAgent, "keyboard", "rank")).size(), 3u);
  EXPECT_EQ(std::set<std::int64_t>({5, 2, 1}), [&] {
    const auto found = ids(search(kAgent, "keyboard", "rank"));
    return std::set<std::int64_t>(found.begin(), found.end());
  }());
  EXPECT_EQ(ids(search(kAdmin, "keyboard")), (std::vector<std::int64_t>{5, 4, 3, 2, 1}));
  EXPECT_TRUE(search(kAgent, "mentioned").results.empty());
  EXPECT_EQ(search_.search(Actor::anonymous(), {"keyboard", 20, "", "newest"}).error().code,
            ErrorCode::forbidden);
}

TEST_F(SearchServiceTest, TheLastWordIsAPrefixWhileItIsBeingTyped) {
  add_item(1, "printer");
  add_item(2, "print");
  EXPECT_EQ(ids(search(kAdmin, "prin")), (std::vector<std::int64_t>{2, 1}));
  EXPECT_EQ(ids(search(kAdmin, "print ")), (std::vector<std::int64_t>{2}));
  EXPECT_TRUE(search(kAdmin, "pr").results.empty());            // too short to be a prefix
  EXPECT_TRUE(search(kAdmin, "prin printer").results.empty());  // only the last word is a prefix
}

TEST_F(SearchServiceTest, HostileQueriesAreSearchedAsPlainWords) {
  add_item(1, "say \"hi\" OR leave (now)", "NEAR the a\"b corner - with * and ^caret");
  for (const char* q : {"a\"b OR (", "-",          "NEAR(",     "\"",          "\"\"",   "*",
                        "AND",       "OR",         "NOT",       "title:x",     "^x",     "x NOT y",
                        "(((",       "{title}: x", "a\"b\"c\"", "\xff\xfe",    "near/2", "\"unterminated",
                        "a*b",       "col : (x)",  "+",         "NEAR(a b, 2)"}) {
    auto page = search_.search(kAdmin, {q, 20, "", "newest"});
    EXPECT_TRUE(page.ok()) << q << ": " << page.error().message;
    auto ranked = search_.search(kAdmin, {q, 20, "", "rank"});
    EXPECT_TRUE(ranked.ok()) << q << ": " << ranked.error().message;
  }
  EXPECT_EQ(ids(search(kAdmin, "\"hi\"")), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(ids(search(kAdmin, "a\"b OR (")), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(ids(search(kAdmin, "NEAR(")), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(ids(search(kAdmin, std::string("hi\0now", 6))), (std::vector<std::int64_t>{1}));
}

TEST_F(SearchServiceTest, BadRequestsAreRefusedWithTheField) {
  for (const char* q : {"", "   ", "\t\n", "\x01\x02"}) {
    auto page = search_.search(kAdmin, {q, 20, "", "newest"});
    ASSERT_FALSE(page.ok()) << q;
    EXPECT_EQ(page.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(page.error().details.at("field"), "q");
  }
  EXPECT_EQ(search_.search(kAdmin, {std::string(501, 'a'), 20, "", "newest"}).error().details.at("field"),
            "q");
  EXPECT_EQ(search_.search(kAdmin, {"a", 20, "", "oldest"}).error().details.at("field"), "sort");
  EXPECT_EQ(search_.search(kAdmin, {"a", 20, "x1", "newest"}).error().details.at("field"), "cursor");
  EXPECT_EQ(search_.search(kAdmin, {"a", 20, "-5", "rank"}).error().details.at("field"), "cursor");
}

TEST_F(SearchServiceTest, SnippetsAreEscapedHtmlWithMarks) {
  add_item(1, "<script>alert(1)</script> & printer's \"tray\"");
  const SearchPage page = search(kAdmin, "printer");
  ASSERT_EQ(page.results.size(), 1u);
  EXPECT_EQ(page.results[0].snippet,
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>printer</mark>&#39;s &quot;tray&quot;");
  EXPECT_EQ(snippet_html("a\x01"
                         "b\x02"
                         "\x02 c\x01"
                         "d"),
            "a<mark>b</mark> c<mark>d</mark>");
}

TEST_F(SearchServiceTest, WordsAreSplitAtBlanks) {
  EXPECT_EQ(search_words("  a\"b   OR\t(\n"), (std::vector<std::string>{"a\"b", "OR", "("}));
  EXPECT_TRUE(search_words(" \t ").empty());
}

}  // namespace tandem::service
