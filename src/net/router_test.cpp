#include "net/router.h"

#include <gtest/gtest.h>

namespace tandem::net {

namespace {

Handler answer(int status) {
  return [status](Request&) { return Response::empty(status); };
}

}  // namespace

TEST(Router, MatchesLiteralAndParameterSegments) {
  Router router;
  router.add("GET", "/api/v1/users", answer(200));
  router.add("GET", "/api/v1/users/{id}", answer(201));
  std::vector<std::pair<std::string, std::string>> params;

  auto m = router.match("GET", "/api/v1/users/42", params);
  ASSERT_EQ(m.outcome, Router::Outcome::matched);
  EXPECT_EQ(m.pattern, "/api/v1/users/{id}");
  ASSERT_EQ(params.size(), 1u);
  EXPECT_EQ(params[0].first, "id");
  EXPECT_EQ(params[0].second, "42");

  m = router.match("GET", "/api/v1/users", params);
  ASSERT_EQ(m.outcome, Router::Outcome::matched);
  EXPECT_EQ(m.pattern, "/api/v1/users");
}

TEST(Router, LiteralSegmentsWinOverParameters) {
  Router router;
  router.add("GET", "/api/v1/users/{id}", answer(200));
  router.add("GET", "/api/v1/users/me", answer(201));
  std::vector<std::pair<std::string, std::string>> params;
  EXPECT_EQ(router.match("GET", "/api/v1/users/me", params).pattern, "/api/v1/users/me");
}

TEST(Router, TellsNotFoundFromMethodNotAllowed) {
  Router router;
  router.add("GET", "/api/v1/me", answer(200));
  router.add("PUT", "/api/v1/me", answer(200));
  std::vector<std::pair<std::string, std::string>> params;
  EXPECT_EQ(router.match("GET", "/api/v1/nope", params).outcome, Router::Outcome::not_found);
  auto m = router.match("DELETE", "/api/v1/me", params);
  EXPECT_EQ(m.outcome, Router::Outcome::method_not_allowed);
  EXPECT_EQ(m.allowed, "GET, PUT");
  EXPECT_EQ(router.match("HEAD", "/api/v1/me", params).outcome, Router::Outcome::matched);
}

TEST(Router, APathMatchesOnlyRoutesWithAsManySegments) {
  Router router;
  router.add("GET", "/api/v1/items/{id}/messages", answer(200));
  router.add("GET", "/api/v1/items", answer(200));
  router.add("POST", "/api/v1/items/{id}/convert", answer(200));
  router.add("GET", "/api/v1/items/{id}", answer(200));
  std::vector<std::pair<std::string, std::string>> params;
  EXPECT_EQ(router.match("GET", "/api/v1/items/7", params).pattern, "/api/v1/items/{id}");
  EXPECT_EQ(router.match("GET", "/api/v1/items", params).pattern, "/api/v1/items");
  EXPECT_EQ(router.match("GET", "/api/v1/items/7/messages", params).pattern, "/api/v1/items/{id}/messages");
  EXPECT_EQ(router.match("GET", "/api/v1", params).outcome, Router::Outcome::not_found);
  EXPECT_EQ(router.match("GET", "/api/v1/items/7/messages/9/more", params).outcome,
            Router::Outcome::not_found);
  EXPECT_EQ(router.match("GET", "/api/v1/items/7/convert", params).allowed, "POST");
}

TEST(Router, DecodesParametersAndIgnoresDuplicateSlashes) {
  Router router;
  router.add("GET", "/files/{name}", answer(200));
  std::vector<std::pair<std::string, std::string>> params;
  ASSERT_EQ(router.match("GET", "//files/a%20b", params).outcome, Router::Outcome::matched);
  EXPECT_EQ(params[0].second, "a b");
}

TEST(Request, ReadsQueryParametersAndCookies) {
  Request request;
  request.query = "a=1&q=hello+world&x=%2Fpath";
  request.headers.add("Cookie", "theme=dark; tandem_session=abc123 ; other=1");
  EXPECT_EQ(request.query_param("q"), "hello world");
  EXPECT_EQ(request.query_param("x"), "/path");
  EXPECT_EQ(request.query_param("missing"), "");
  EXPECT_EQ(request.cookie("tandem_session"), "abc123");
  EXPECT_EQ(request.cookie("nope"), "");
}

}  // namespace tandem::net
