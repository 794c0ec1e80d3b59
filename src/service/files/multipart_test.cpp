#include "service/files/multipart.h"

#include <gtest/gtest.h>

#include <vector>

namespace tandem::service {

namespace {

struct Part {
  PartInfo info;
  std::string data;
  bool ended = false;
};

struct Parsed {
  Status status;
  std::vector<Part> parts;
};

// Parses `body` fed in pieces of `piece` bytes (0 = all at once), collecting every part.
Parsed parse(std::string_view body, std::size_t piece = 0, std::string boundary = "XyZ") {
  Parsed out;
  MultipartParser parser(std::move(boundary), {[&](const PartInfo& info) {
                                                 out.parts.push_back({info, {}, false});
                                                 return Status{};
                                               },
                                               [&](std::string_view data) {
                                                 out.parts.back().data.append(data);
                                                 return Status{};
                                               },
                                               [&]() {
                                                 out.parts.back().ended = true;
                                                 return Status{};
                                               }});
  if (piece == 0) piece = body.size() + 1;
  for (std::size_t at = 0; at < body.size() && out.status.ok(); at += piece)
    out.status = parser.feed(body.substr(at, piece));
  if (out.status.ok()) out.status = parser.finish();
  return out;
}

constexpr std::string_view kTwoParts =
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"note\"\r\n"
    "\r\n"
    "hello\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"report.txt\"\r\n"
    "Content-Type: text/html\r\n"
    "\r\n"
    "line one\r\n--XyY\r\na--XyZ\r\n-XyZ\r\n--Xy\r\n"
    "--XyZ--\r\n";

}  // namespace

TEST(Multipart, ParsesPartsWhereverTheReadsSplitTheBody) {
  for (std::size_t piece = 1; piece <= kTwoParts.size(); ++piece) {
    const Parsed parsed = parse(kTwoParts, piece);
    ASSERT_TRUE(parsed.status.ok()) << "piece " << piece << ": " << parsed.status.error().message;
    ASSERT_EQ(parsed.parts.size(), 2u) << "piece " << piece;
    EXPECT_EQ(parsed.parts[0].info.name, "note");
    EXPECT_FALSE(parsed.parts[0].info.filename.has_value());
    EXPECT_EQ(parsed.parts[0].data, "hello");
    EXPECT_EQ(parsed.parts[1].info.name, "file");
    EXPECT_EQ(parsed.parts[1].info.filename, "report.txt");
    EXPECT_EQ(parsed.parts[1].info.content_type, "text/html");
    EXPECT_EQ(parsed.parts[1].data, "line one\r\n--XyY\r\na--XyZ\r\n-XyZ\r\n--Xy") << "piece " << piece;
    EXPECT_TRUE(parsed.parts[1].ended);
  }
}

TEST(Multipart, IgnoresPreambleAndEpilogueAndAllowsEmptyParts) {
  const Parsed parsed = parse(
      "this is a preamble\r\n--XyZ  \r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"empty.bin\"\r\n\r\n"
      "\r\n--XyZ--\r\nand an epilogue");
  ASSERT_TRUE(parsed.status.ok()) << parsed.status.error().message;
  ASSERT_EQ(parsed.parts.size(), 1u);
  EXPECT_EQ(parsed.parts[0].data, "");
  EXPECT_TRUE(parsed.parts[0].ended);
}

TEST(Multipart, KeepsBinaryContentExactly) {
  std::string content;
  for (int i = 0; i < 256; ++i) content.push_back(static_cast<char>(i));  // CR, LF and '-' among them
  const std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b\"\r\n\r\n" +
                           content + "\r\n--XyZ--";
  for (std::size_t piece : {1u, 7u, 64u}) {
    const Parsed parsed = parse(body, piece);
    ASSERT_TRUE(parsed.status.ok()) << parsed.status.error().message;
    EXPECT_EQ(parsed.parts.at(0).data, content);
  }
}

TEST(Multipart, PrefersTheExtendedFileNameAndDecodesIt) {
  const Parsed parsed = parse(
      "--XyZ\r\ncontent-disposition: form-data; name=file; filename=\"fallback.txt\"; "
      "filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.txt\r\n\r\nx\r\n--XyZ--");
  ASSERT_TRUE(parsed.status.ok()) << parsed.status.error().message;
  EXPECT_EQ(parsed.parts.at(0).info.name, "file");
  EXPECT_EQ(parsed.parts.at(0).info.filename, "\xD0\xBE\xD1\x82\xD1\x87\xD1\x91\xD1\x82.txt");
}

TEST(Multipart, UnescapesQuotedFileNames) {
  const Parsed parsed = parse(
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\" C:\\x.txt\"\r\n\r\n"
      "x\r\n--XyZ--");
  ASSERT_TRUE(parsed.status.ok()) << parsed.status.error().message;
  EXPECT_EQ(parsed.parts.at(0).info.filename, "a \"b\" C:\\x.txt");
}

TEST(Multipart, RefusesABodyWithoutItsClosingBoundary) {
  for (std::string_view body :
       {std::string_view("--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx"),
        std::string_view("no boundary at all"), std::string_view("")}) {
    const Parsed parsed = parse(body);
    ASSERT_FALSE(parsed.status.ok()) << body;
    EXPECT_EQ(parsed.status.error().code, ErrorCode::bad_request);
    EXPECT_NE(parsed.status.error().message.find("closing boundary"), std::string::npos);
  }
}

TEST(Multipart, RefusesBadPartHeaders) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"--XyZ\r\nthis is not a header\r\n\r\nx\r\n--XyZ--", "Name: value"},
      {"--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", "no Content-Disposition"},
      {"--XyZ\r\nContent-Disposition: attachment; name=\"file\"\r\n\r\nx\r\n--XyZ--", "form-data"},
      {"--XyZ\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nx\r\n--XyZ--", "has no name"},
      {"--XyZ\r\nContent-Disposition: form-data; name=\"file\r\n\r\nx\r\n--XyZ--", "form-data"},
      {"--XyZ junk\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--XyZ--", "line break"},
  };
  for (const auto& [body, message] : cases) {
    for (std::size_t piece : {0u, 1u, 5u}) {
      const Parsed parsed = parse(body, piece);
      ASSERT_FALSE(parsed.status.ok()) << body;
      EXPECT_EQ(parsed.status.error().code, ErrorCode::bad_request) << body;
      EXPECT_NE(parsed.status.error().message.find(message), std::string::npos)
          << body << " -> " << parsed.status.error().message;
    }
  }
}

TEST(Multipart, RefusesHugePartHeaders) {
  const std::string body = "--XyZ\r\nX-Padding: " + std::string(20000, 'a') + "\r\n\r\nx\r\n--XyZ--";
  const Parsed parsed = parse(body, 1000);
  ASSERT_FALSE(parsed.status.ok());
  EXPECT_NE(parsed.status.error().message.find("too large"), std::string::npos);
}

TEST(Multipart, StopsAtACallbackError) {
  int data_calls = 0;
  MultipartParser parser("XyZ", {[](const PartInfo&) { return Status{}; },
                                 [&](std::string_view) {
                                   ++data_calls;
                                   return Status(Error::make(ErrorCode::payload_too_large, "too big"));
                                 },
                                 [] { return Status{}; }});
  const Status status = parser.feed(kTwoParts);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::payload_too_large);
  EXPECT_EQ(data_calls, 1);
}

TEST(Multipart, FindsTheBoundaryInTheContentType) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=XyZ").value(), "XyZ");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\"").value(), "a b:c");
  const auto json = multipart_boundary("application/json");
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(json.error().code, ErrorCode::unsupported_media_type);
  for (std::string_view bad : {"multipart/form-data", "multipart/form-data; boundary=",
                               "multipart/form-data; boundary=\"unterminated"}) {
    const auto missing = multipart_boundary(bad);
    ASSERT_FALSE(missing.ok()) << bad;
    EXPECT_NE(missing.error().code, ErrorCode::internal) << bad;
  }
  const auto too_long = multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'b'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, ErrorCode::bad_request);
}

}  // namespace tandem::service
