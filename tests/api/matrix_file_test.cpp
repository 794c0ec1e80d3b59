#include "matrix_file.h"

#include <gtest/gtest.h>

#include "matrix_runner.h"

namespace tandem::api_test {
namespace {

const char* const kExample = R"(setup admin create-user --email a@t.test --name "Ada Admin" --password 'p w'

=== the admin signs in
as admin
POST /api/v1/auth/login
{"email":"a@t.test","password":"p w"}
---
200
capture admin_csrf = csrf_token

=== customer: a portal account
as customer
POST /portal/api/v1/auth/login
{}
---
200

matrix   admin  customer  anonymous
pending  customer
header X-CSRF-Token: ${my_csrf}
request upload
crlf
Content-Type: multipart/form-data; boundary=XyZ

--XyZ
--XyZ--
end
# a comment
GET    /api/v1/me                -                          200  401  401
PATCH  /api/v1/items/${item}     {"title": "Two words"}     200  -    401
POST   /api/v1/files             @upload                    201  401  401
)";

TEST(MatrixFile, ParsesThePreambleAndTheTable) {
  const MatrixFile file = parse_matrix_text(kExample, "example.matrix");
  ASSERT_EQ(file.preamble.cases.size(), 2u);
  EXPECT_EQ(file.preamble.setup.size(), 1u);
  EXPECT_EQ(file.actors, (std::vector<std::string>{"admin", "customer", "anonymous"}));
  EXPECT_TRUE(file.pending.contains("customer"));
  EXPECT_FALSE(file.prepares_pending(file.preamble.cases[0]));
  EXPECT_TRUE(file.prepares_pending(file.preamble.cases[1]));
  ASSERT_EQ(file.headers.size(), 1u);
  EXPECT_EQ(file.headers[0], (std::pair<std::string, std::string>{"X-CSRF-Token", "${my_csrf}"}));

  ASSERT_EQ(file.rows.size(), 3u);
  EXPECT_EQ(file.rows[0].line, 29);
  EXPECT_EQ(file.rows[0].method, "GET");
  EXPECT_EQ(file.rows[0].target, "/api/v1/me");
  EXPECT_EQ(file.rows[0].body, "");
  EXPECT_EQ(file.rows[0].expect, (std::vector<int>{200, 401, 401}));
  EXPECT_EQ(file.rows[1].body, R"({"title": "Two words"})");
  EXPECT_EQ(file.rows[1].expect, (std::vector<int>{200, kNotApplicable, 401}));
  EXPECT_EQ(file.rows[2].request, "upload");
  const MatrixRequest* upload = file.request("upload");
  ASSERT_NE(upload, nullptr);
  EXPECT_EQ(upload->headers.at(0).second, "multipart/form-data; boundary=XyZ");
  EXPECT_EQ(upload->body, "--XyZ\r\n--XyZ--");
}

std::string syntax_error(const std::string& table) {
  try {
    parse_matrix_text("=== sign in\nGET /\n---\n200\n" + table, "bad.matrix");
  } catch (const CaseSyntaxError& error) {
    return error.what();
  }
  return "no error";
}

TEST(MatrixFile, ExplainsMistakesWithTheirLine) {
  EXPECT_EQ(syntax_error("GET /x - 200\n"), "bad.matrix: no `matrix ACTOR...` line starts the table");
  EXPECT_EQ(
      syntax_error("matrix a b\nGET /x - 200\n"),
      "bad.matrix:6: expected `METHOD /path BODY` and 2 expected answers (BODY is - when there is none), "
      "got: GET /x - 200");
  EXPECT_EQ(syntax_error("matrix a b\nGET /x - 200 ok\n"),
            "bad.matrix:6: an expected answer is a status (e.g. 404) or -, got: ok");
  EXPECT_EQ(syntax_error("matrix a\npending b\nGET /x - 200\n"),
            "bad.matrix:6: `pending` names an actor that is not a column: b");
  EXPECT_EQ(syntax_error("matrix a\nGET /x @nope 200\n"),
            "bad.matrix:6: no `request nope` block above this row");
  EXPECT_EQ(syntax_error("matrix a\nrequest body\nX-A: 1\n"), "bad.matrix:6: request body has no `end` line");
  EXPECT_EQ(syntax_error("matrix a a\nGET /x - 200 200\n"), "bad.matrix:5: actor a appears twice");
  EXPECT_EQ(syntax_error("matrix a\n"),
            "bad.matrix:5: the matrix has no rows (e.g. `GET /api/v1/me - 200 ... 401`)");
}

TEST(MatrixFile, MismatchTableAlignsItsColumns) {
  const std::vector<MatrixMismatch> mismatches = {
      {12, "GET /api/v1/items/${item}", "agent_out", "404", "200"},
      {130, "DELETE /x", "anonymous", "401", "no answer (timeout)"},
  };
  EXPECT_EQ(mismatch_table(mismatches),
            "line  request                    actor      expected  got\n"
            "12    GET /api/v1/items/${item}  agent_out  404       200\n"
            "130   DELETE /x                  anonymous  401       no answer (timeout)\n");
}

}  // namespace
}  // namespace tandem::api_test
