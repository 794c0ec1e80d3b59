#include "net/static_files.h"

#include <gtest/gtest.h>

#include <fstream>

#include "store/temp_database.h"

namespace tandem::net {

namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(root() / "assets");
    std::ofstream(root() / "index.html") << "<!doctype html><title>Tandem</title>";
    std::ofstream(root() / "assets" / "app-3f2a.js") << "console.log(1)";
    std::ofstream(temp_.dir() / "secret.txt") << "outside the web root";
  }
  std::filesystem::path root() const { return temp_.dir() / "web"; }
  std::optional<Response> get(std::string path, std::string if_none_match = "", std::string encodings = "") {
    Request request;
    request.method = "GET";
    request.path = std::move(path);
    if (!if_none_match.empty()) request.headers.add("If-None-Match", if_none_match);
    if (!encodings.empty()) request.headers.add("Accept-Encoding", encodings);
    return StaticFiles(root()).serve(request);
  }
  store::TempDatabase temp_{"static-test"};  // only for its temporary folder
};

}  // namespace

TEST_F(StaticFilesTest, ServesFilesWithTypeAndCaching) {
  auto index = get("/");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(index->headers.get("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->headers.get("Cache-Control"), "no-cache");
  EXPECT_FALSE(index->headers.get("Content-Security-Policy").empty());
  EXPECT_EQ(index->file_path, (root() / "index.html").string());

  auto script = get("/assets/app-3f2a.js");
  ASSERT_TRUE(script.has_value());
  EXPECT_EQ(script->headers.get("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(script->headers.get("Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, AnswersNotModifiedForAMatchingETag) {
  auto first = get("/assets/app-3f2a.js");
  ASSERT_TRUE(first.has_value());
  auto again = get("/assets/app-3f2a.js", std::string(first->headers.get("ETag")));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->file_path.empty());
}

TEST_F(StaticFilesTest, SendsTheCompressedCopyToClientsThatTakeGzip) {
  std::ofstream(root() / "assets" / "app-3f2a.js.gz") << "compressed";
  const auto plain = (root() / "assets" / "app-3f2a.js").string();
  const auto compressed = plain + ".gz";
  for (const char* encodings : {"gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8"}) {
    auto script = get("/assets/app-3f2a.js", "", encodings);
    ASSERT_TRUE(script.has_value());
    const bool named = std::string_view(encodings).find("gzip") != std::string_view::npos;
    EXPECT_EQ(script->file_path, named ? compressed : plain) << encodings;
    EXPECT_EQ(script->headers.get("Content-Encoding"), named ? "gzip" : "") << encodings;
    EXPECT_EQ(script->headers.get("Content-Type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(script->headers.get("Vary"), "Accept-Encoding");
  }
  for (const char* encodings : {"", "br", "gzip;q=0", "deflate, gzip; q=0.0"}) {
    auto script = get("/assets/app-3f2a.js", "", encodings);
    ASSERT_TRUE(script.has_value());
    EXPECT_EQ(script->file_path, plain) << encodings;
    EXPECT_EQ(script->headers.get("Content-Encoding"), "") << encodings;
  }
  // Each copy has its own ETag, so a cache never revalidates one with the other.
  EXPECT_NE(get("/assets/app-3f2a.js", "", "gzip")->headers.get("ETag"),
            get("/assets/app-3f2a.js")->headers.get("ETag"));
  // Without a compressed copy the file goes as it is, whatever the client takes.
  auto index = get("/", "", "gzip");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(index->file_path, (root() / "index.html").string());
  EXPECT_EQ(index->headers.get("Vary"), "");
}

TEST_F(StaticFilesTest, ClientRoutesGetIndexButMissingAssetsDoNot) {
  auto route = get("/tickets/1042");
  ASSERT_TRUE(route.has_value());
  EXPECT_EQ(route->file_path, (root() / "index.html").string());
  EXPECT_FALSE(get("/assets/missing.js").has_value());
}

TEST_F(StaticFilesTest, NeverLeavesTheRoot) {
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/.env",
                           "/assets/..%2f..%2fsecret.txt", "/a\\..\\secret.txt"})
    EXPECT_FALSE(get(path).has_value() && get(path)->file_path.find("secret") != std::string::npos) << path;
}

}  // namespace tandem::net
