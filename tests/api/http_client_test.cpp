#include "http_client.h"

#include <gtest/gtest.h>

#include "cookie_jar.h"

namespace tandem::api_test {
namespace {

TEST(HttpClient, SerializesRequestsAsGiven) {
  EXPECT_EQ(serialize_request("POST", "/x", {{"Host", "h"}, {"Content-Length", "2"}}, "{}"),
            "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}");
}

TEST(HttpClient, ParsesContentLengthBodies) {
  const std::string raw =
      "HTTP/1.1 201 Created\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nContent-Length: 2\r\n\r\n{}";
  EXPECT_EQ(parse_response(raw.substr(0, raw.size() - 1), false, false).state, ParseState::incomplete);
  const ParsedResponse parsed = parse_response(raw, false, false);
  ASSERT_EQ(parsed.state, ParseState::complete);
  EXPECT_EQ(parsed.response.status, 201);
  EXPECT_EQ(parsed.response.reason, "Created");
  EXPECT_EQ(parsed.response.body, "{}");
  EXPECT_EQ(parsed.response.header("content-length"), "2");
  EXPECT_EQ(parsed.response.header("X-Nope"), std::nullopt);
  EXPECT_EQ(parsed.response.header_values("SET-COOKIE"), (std::vector<std::string>{"a=1", "b=2"}));
}

TEST(HttpClient, DecodesChunkedBodies) {
  const std::string raw =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\nA\r\n0123456789\r\n0\r\n\r\n";
  EXPECT_EQ(parse_response(raw.substr(0, raw.size() - 2), false, false).state, ParseState::incomplete);
  EXPECT_EQ(parse_response(raw.substr(0, raw.size() - 2), true, false).state, ParseState::malformed);
  const ParsedResponse parsed = parse_response(raw, false, false);
  ASSERT_EQ(parsed.state, ParseState::complete);
  EXPECT_EQ(parsed.response.body, "abc0123456789");
  EXPECT_EQ(parse_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", false, false).state,
            ParseState::malformed);
}

TEST(HttpClient, ReadsToCloseWithoutALength) {
  const std::string raw = "HTTP/1.1 200 OK\r\n\r\nhello";
  EXPECT_EQ(parse_response(raw, false, false).state, ParseState::incomplete);
  EXPECT_EQ(parse_response(raw, true, false).response.body, "hello");
}

TEST(HttpClient, KnowsResponsesWithoutBodies) {
  EXPECT_EQ(parse_response("HTTP/1.1 204 No Content\r\n\r\n", false, false).state, ParseState::complete);
  EXPECT_EQ(parse_response("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", false, true).state,
            ParseState::complete);
}

TEST(HttpClient, RejectsMalformedResponses) {
  EXPECT_EQ(parse_response("garbage\r\n\r\n", false, false).state, ParseState::malformed);
  EXPECT_EQ(parse_response("HTTP/1.1 2x0 OK\r\n\r\n", false, false).state, ParseState::malformed);
  EXPECT_EQ(parse_response("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", false, false).state, ParseState::malformed);
  EXPECT_EQ(parse_response("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", true, false).state,
            ParseState::malformed);
  EXPECT_EQ(parse_response("HTTP/1.1 200 OK\r\n", true, false).state, ParseState::malformed);
}

TEST(CookieJar, KeepsAndRemovesCookies) {
  CookieJar jar;
  EXPECT_EQ(jar.header(), "");
  HttpResponse response;
  response.headers = {{"Set-Cookie", "tandem_session=abc; HttpOnly; Path=/"}, {"Set-Cookie", "theme=dark"}};
  jar.update(response);
  EXPECT_EQ(jar.header(), "tandem_session=abc; theme=dark");
  response.headers = {{"Set-Cookie", "tandem_session=; Path=/"}, {"Set-Cookie", "theme=x; max-age=0"}};
  jar.update(response);
  EXPECT_EQ(jar.header(), "");
}

}  // namespace
}  // namespace tandem::api_test
