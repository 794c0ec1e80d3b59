#include "net/response_head.h"

#include <gtest/gtest.h>

namespace tandem::net {

TEST(ResponseHead, ListsTheStatusTheFieldsInOrderTheServerAndTheBodyLength) {
  Response response = Response::json(201, "{}");
  response.headers.add("ETag", "\"i5.1\"");
  response.headers.add("Set-Cookie", "a=1");
  response.headers.add("Set-Cookie", "b=2");
  EXPECT_EQ(response_head(response, "Created", 1, true, 2),
            "HTTP/1.1 201 Created\r\n"
            "Content-Type: application/json\r\n"
            "ETag: \"i5.1\"\r\n"
            "Set-Cookie: a=1\r\n"
            "Set-Cookie: b=2\r\n"
            "Server: tandem\r\n"
            "Content-Length: 2\r\n"
            "\r\n");
}

TEST(ResponseHead, SaysConnectionCloseOrKeepAliveOnlyWhereTheVersionsDefaultDiffers) {
  const Response response = Response::empty(200);
  EXPECT_EQ(response_head(response, "OK", 1, false, 0),
            "HTTP/1.1 200 OK\r\nServer: tandem\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(response_head(response, "OK", 0, true, 0),
            "HTTP/1.0 200 OK\r\nServer: tandem\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(response_head(response, "OK", 0, false, 0),
            "HTTP/1.0 200 OK\r\nServer: tandem\r\nContent-Length: 0\r\n\r\n");
}

TEST(ResponseHead, GivesNoContentLengthToStatusesWithoutABody) {
  for (const int status : {101, 204, 304}) {
    EXPECT_TRUE(status_has_no_body(status)) << status;
    const std::string head = response_head(Response::empty(status), "X", 1, true, 0);
    EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;
  }
  for (const int status : {200, 201, 302, 404, 500}) EXPECT_FALSE(status_has_no_body(status)) << status;
}

TEST(ResponseHead, LeavesOutAFieldWhoseNameOrValueHoldsALineBreak) {
  Response response = Response::empty(302);
  response.headers.add("Location", "/next\r\nSet-Cookie: stolen=1");
  response.headers.add("X-Bad\nName", "v");
  response.headers.add("X-Fine", "kept");
  EXPECT_EQ(response_head(response, "Found", 1, true, 0),
            "HTTP/1.1 302 Found\r\nX-Fine: kept\r\nServer: tandem\r\nContent-Length: 0\r\n\r\n");
}

}  // namespace tandem::net
