#include "case_file.h"

#include <gtest/gtest.h>

#include "text_expansion.h"

namespace tandem::api_test {
namespace {

const char* const kExample = R"(# a comment
setup admin create-user --email a@t.test --name "Ada Admin" --password 'p w'

=== login works
POST /api/v1/auth/login
{"email":"a@t.test",
 "password":"p w"}
---
200
Set-Cookie: ~tandem_session=
X-Frame-Options: DENY
Retry-After: <match ^[1-9]>
X-Debug: <absent>
~ csrf
{"user":{"email":"a@t.test"}}
capture csrf = csrf_token

=== as another session, repeated
as agent
repeat 3
DELETE /api/v1/me/tokens/${id}
X-CSRF-Token: ${csrf}
---
204

=== raw bytes
RAW
GET /{{a*3}} HTTP/1.1\r\n
\x00\r\n
---
400 or closed
)";

TEST(CaseFileParser, ReadsSetupRequestsAndExpectations) {
  const CaseFile file = parse_case_text(kExample, "example.case");
  ASSERT_EQ(file.setup.size(), 1u);
  EXPECT_EQ(file.setup[0].line, 2);
  EXPECT_EQ(file.setup[0].arguments, (std::vector<std::string>{"admin", "create-user", "--email", "a@t.test",
                                                               "--name", "Ada Admin", "--password", "p w"}));
  ASSERT_EQ(file.cases.size(), 3u);

  const Case& login = file.cases[0];
  EXPECT_EQ(login.line, 4);
  EXPECT_EQ(login.title, "login works");
  EXPECT_EQ(login.jar, kDefaultJar);
  EXPECT_EQ(login.request.method, "POST");
  EXPECT_EQ(login.request.target, "/api/v1/auth/login");
  EXPECT_TRUE(login.request.headers.empty());
  EXPECT_EQ(login.request.body, "{\"email\":\"a@t.test\",\n \"password\":\"p w\"}");
  EXPECT_EQ(login.expect.statuses, std::vector<int>{200});
  ASSERT_EQ(login.expect.headers.size(), 4u);
  EXPECT_EQ(login.expect.headers[0].kind, HeaderCheckKind::contains);
  EXPECT_EQ(login.expect.headers[0].value, "tandem_session=");
  EXPECT_EQ(login.expect.headers[1].kind, HeaderCheckKind::equals);
  EXPECT_EQ(login.expect.headers[2].kind, HeaderCheckKind::matches);
  EXPECT_EQ(login.expect.headers[2].value, "^[1-9]");
  EXPECT_EQ(login.expect.headers[3].kind, HeaderCheckKind::absent);
  EXPECT_EQ(login.expect.body_contains, std::vector<std::string>{"csrf"});
  EXPECT_EQ(login.expect.json, R"({"user":{"email":"a@t.test"}})");
  ASSERT_EQ(login.expect.captures.size(), 1u);
  EXPECT_EQ(login.expect.captures[0].name, "csrf");
  EXPECT_EQ(login.expect.captures[0].path, "csrf_token");

  const Case& revoke = file.cases[1];
  EXPECT_EQ(revoke.jar, "agent");
  EXPECT_EQ(revoke.repeat, 3);
  EXPECT_EQ(revoke.request.target, "/api/v1/me/tokens/${id}");
  EXPECT_EQ(revoke.request.headers, (HeaderList{{"X-CSRF-Token", "${csrf}"}}));
  EXPECT_TRUE(revoke.request.body.empty());
  EXPECT_TRUE(revoke.expect.json.empty());

  const Case& raw = file.cases[2];
  EXPECT_TRUE(raw.request.raw);
  EXPECT_EQ(raw.request.body, std::string("GET /aaa HTTP/1.1\r\n\0\r\n", 22));
  EXPECT_EQ(raw.expect.statuses, (std::vector<int>{400, kClosed}));
}

TEST(CaseFileParser, ABlankLineSeparatesHeadersFromABody) {
  const CaseFile file = parse_case_text("=== t\nPOST /x\nA: 1\n\nB: 2\n---\n200\n", "t.case");
  EXPECT_EQ(file.cases[0].request.headers, (HeaderList{{"A", "1"}}));
  EXPECT_EQ(file.cases[0].request.body, "B: 2");
}

TEST(CaseFileParser, EnvLinesSetServerVariables) {
  const CaseFile file = parse_case_text(
      "env TANDEM_MAX_FILE_BYTES=1024\nenv EMPTY=\nsetup version\n=== t\nGET /\n---\n200\n", "t.case");
  EXPECT_EQ(file.environment, (std::vector<std::pair<std::string, std::string>>{
                                  {"TANDEM_MAX_FILE_BYTES", "1024"}, {"EMPTY", ""}}));
  EXPECT_EQ(file.setup.size(), 1u);
}

TEST(CaseFileParser, CrlfBodiesJoinLinesWithCrlfAndDecodeEscapes) {
  const CaseFile file = parse_case_text(
      "=== t\ncrlf\nPOST /x\nContent-Type: multipart/form-data; boundary=B\n\n--B\nA: "
      "1\n\n\\x89PNG\n--B--\n---\n200\n",
      "t.case");
  const RequestSpec& request = file.cases[0].request;
  EXPECT_EQ(request.headers, (HeaderList{{"Content-Type", "multipart/form-data; boundary=B"}}));
  EXPECT_EQ(request.body, "--B\r\nA: 1\r\n\r\n\x89PNG\r\n--B--");
}

void expect_syntax_error(const std::string& text, const std::string& message_part) {
  try {
    parse_case_text(text, "bad.case");
    ADD_FAILURE() << "no error for:\n" << text;
  } catch (const CaseSyntaxError& error) {
    EXPECT_NE(std::string(error.what()).find(message_part), std::string::npos) << error.what();
  }
}

TEST(CaseFileParser, ReportsMistakesWithFileAndLine) {
  expect_syntax_error("", "bad.case:1: no cases");
  expect_syntax_error("hello\n=== t\nGET /\n---\n200\n", "bad.case:1: expected `setup");
  expect_syntax_error("=== \nGET /\n---\n200\n", "bad.case:1: a case needs a title");
  expect_syntax_error("=== t\nGET /\n200\n", "bad.case:1: case \"t\" has no `---`");
  expect_syntax_error("=== t\n---\n200\n", "has no request");
  expect_syntax_error("=== t\nget /\n---\n200\n", "bad.case:2: expected a request line");
  expect_syntax_error("=== t\nGET /\n---\n", "bad.case:3: expected a status");
  expect_syntax_error("=== t\nGET /\n---\n200 or\n", "bad.case:4: expected a status");
  expect_syntax_error("=== t\nGET /\n---\n20\n", "bad.case:4: expected a status");
  expect_syntax_error("=== t\nGET /\n---\n200\nnonsense\n", "bad.case:5: unexpected line");
  expect_syntax_error("=== t\nGET /\n---\n200\n{\"a\":\n", "bad.case:5: the expected JSON does not parse");
  expect_syntax_error("=== t\nGET /\n---\n200\ncapture x\n", "bad.case:5: expected `capture NAME = path");
  expect_syntax_error("=== t\nrepeat 0\nGET /\n---\n200\n", "bad.case:2: `repeat` needs a count");
  expect_syntax_error("=== t\nsetup x\nGET /\n---\n200\n", "bad.case:2: `setup` lines must come before");
  expect_syntax_error("=== t\nRAW\n\\q\n---\n200\n", "bad.case:3: unknown escape \\q");
  expect_syntax_error("=== t\nRAW\n---\n200\n", "bad.case:2: RAW needs the bytes");
  expect_syntax_error("env 1X=2\n=== t\nGET /\n---\n200\n", "bad.case:1: `env` needs NAME=VALUE");
  expect_syntax_error("env X\n=== t\nGET /\n---\n200\n", "bad.case:1: `env` needs NAME=VALUE");
  expect_syntax_error("=== t\ncrlf\nPOST /\n\n\\q\n---\n200\n", "bad.case:5: unknown escape \\q");
}

TEST(CaseFileParser, ExpectedJsonMayHoldVariables) {
  const CaseFile file =
      parse_case_text("=== t\nGET /\n---\n200\n{\"id\": ${id}, \"name\": \"${name}\"}\n", "t.case");
  EXPECT_EQ(file.cases[0].expect.json, R"({"id": ${id}, "name": "${name}"})");
}

TEST(SplitArguments, GroupsQuotesLikeAShell) {
  EXPECT_EQ(split_arguments(R"(a "b c" 'd "e"' "f \"g\"" h'i j')"),
            (std::vector<std::string>{"a", "b c", "d \"e\"", "f \"g\"", "hi j"}));
  EXPECT_THROW(split_arguments("\"open"), std::invalid_argument);
}

TEST(TextExpansion, ExpandsVariables) {
  const Variables variables{{"id", "42"}, {"token", "tdm_x"}};
  EXPECT_EQ(expand_variables("/t/${id}?a=${token}", variables), "/t/42?a=tdm_x");
  EXPECT_EQ(expand_variables("${ not a name } $ {id} ${", variables), "${ not a name } $ {id} ${");
  EXPECT_THROW(expand_variables("${missing}", variables), UndefinedVariable);
}

TEST(TextExpansion, ExpandsRepeatsOnly) {
  EXPECT_EQ(expand_repeats("x{{ab*3}}y"), "xabababy");
  EXPECT_EQ(expand_repeats("{{a*b*2}}"), "a*ba*b");
  EXPECT_EQ(expand_repeats("{{name}} {{*3}} {{a*}} {{a*3"), "{{name}} {{*3}} {{a*}} {{a*3");
  EXPECT_EQ(expand_repeats("{{A*70000}}").size(), 70000u);
}

TEST(TextExpansion, DecodesAndShowsEscapes) {
  EXPECT_EQ(decode_escapes(R"(a\r\n\t\\\x00\xff)"), std::string("a\r\n\t\\\0\xff", 7));
  EXPECT_THROW(decode_escapes(R"(\x4)"), std::invalid_argument);
  EXPECT_THROW(decode_escapes("\\"), std::invalid_argument);
  EXPECT_EQ(escape_bytes(std::string("a\r\n\0", 4)), "a\\r\\n\n\\x00");
}

}  // namespace
}  // namespace tandem::api_test
