#include "json_match.h"

#include <gtest/gtest.h>

namespace tandem::api_test {
namespace {

using nlohmann::json;

std::optional<std::string> mismatch(const char* expected, const char* actual) {
  return find_mismatch(json::parse(expected), json::parse(actual));
}

TEST(JsonMatch, ObjectsMatchAsSubsets) {
  EXPECT_EQ(mismatch(R"({"user":{"role":"admin"}})", R"({"user":{"role":"admin","id":1},"csrf":"x"})"),
            std::nullopt);
  EXPECT_EQ(mismatch(R"({"user":{"role":"admin"}})", R"({"user":{"role":"agent"}})"),
            R"(at user.role: expected "admin", got "agent")");
  EXPECT_EQ(mismatch(R"({"user":{"email":"a"}})", R"({"user":{}})"),
            R"(at user.email: missing (expected "a"))");
  EXPECT_EQ(mismatch(R"({"user":{}})", R"({"user":[1]})"), "at user: expected an object, got an array");
  EXPECT_EQ(mismatch(R"({"a":1})", R"([])"), "at the top: expected an object, got an array");
}

TEST(JsonMatch, ArraysMatchByPositionAndLength) {
  EXPECT_EQ(mismatch(R"({"data":[{"id":1},{"id":2}]})", R"({"data":[{"id":1,"x":0},{"id":2}]})"),
            std::nullopt);
  EXPECT_EQ(mismatch(R"({"data":[{"id":1}]})", R"({"data":[{"id":1},{"id":2}]})"),
            R"(at data: expected 1 elements, got 2: [{"id":1},{"id":2}])");
  EXPECT_EQ(mismatch(R"({"data":[{"id":1},{"id":3}]})", R"({"data":[{"id":1},{"id":2}]})"),
            "at data.1.id: expected 3, got 2");
}

TEST(JsonMatch, ContainsMatchesAnyElement) {
  EXPECT_EQ(mismatch(R"(["<contains>",{"id":2}])", R"([{"id":1},{"id":2}])"), std::nullopt);
  EXPECT_EQ(mismatch(R"(["<contains>"])", R"([])"), std::nullopt);
  EXPECT_EQ(mismatch(R"(["<contains>",{"id":3}])", R"([{"id":1}])"),
            R"(at the top: no element matches {"id":3})");
}

TEST(JsonMatch, MarkersForAnyAbsentAndPatterns) {
  EXPECT_EQ(mismatch(R"({"id":"*","at":"*"})", R"({"id":7,"at":null})"), std::nullopt);
  EXPECT_EQ(mismatch(R"({"id":"*"})", R"({})"), R"(at id: missing (expected "*"))");
  EXPECT_EQ(mismatch(R"({"password_hash":"<absent>"})", R"({"id":1})"), std::nullopt);
  EXPECT_EQ(mismatch(R"({"password_hash":"<absent>"})", R"({"password_hash":"$argon2"})"),
            R"(at password_hash: expected no such key, got "$argon2")");
  EXPECT_EQ(
      mismatch(R"({"token":"<match ^tdm_>","id":"<match ^[0-9]+$>"})", R"({"token":"tdm_abc","id":12})"),
      std::nullopt);
  EXPECT_EQ(mismatch(R"({"token":"<match ^tdm_>"})", R"({"token":"abc"})"),
            R"(at token: expected a match of /^tdm_/, got "abc")");
  EXPECT_NE(mismatch(R"({"token":"<match (>"})", R"({"token":"abc"})")->find("invalid pattern"),
            std::string::npos);
}

TEST(JsonMatch, NumbersCompareByValue) {
  EXPECT_EQ(mismatch("[1, 2.0, null, true]", "[1.0, 2, null, true]"), std::nullopt);
  EXPECT_EQ(mismatch("[null]", "[false]"), "at 0: expected null, got false");
}

TEST(FindPath, FollowsKeysAndIndexes) {
  const json document = json::parse(R"({"user":{"id":5},"data":[{"name":"a"},{"name":"b"}]})");
  EXPECT_EQ(*find_path(document, "user.id"), 5);
  EXPECT_EQ(*find_path(document, "data.1.name"), "b");
  EXPECT_EQ(find_path(document, ""), &document);
  EXPECT_EQ(find_path(document, "data.2.name"), nullptr);
  EXPECT_EQ(find_path(document, "data.x"), nullptr);
  EXPECT_EQ(find_path(document, "user.id.more"), nullptr);
}

}  // namespace
}  // namespace tandem::api_test
