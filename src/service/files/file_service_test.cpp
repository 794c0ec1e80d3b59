#include "service/files/file_service.h"

#include <gtest/gtest.h>

#include "service/files/files_test_world.h"

namespace tandem::service {

namespace {

class FileServiceTest : public FilesTestWorld {
 protected:
  // Content files stored (the temporary folder aside).
  std::size_t stored_contents() const {
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(files_dir()))
      if (entry.is_regular_file() && entry.path().parent_path().filename() != "tmp") ++count;
    return count;
  }
  std::size_t temporary_files() const {
    const auto tmp = files_dir() / "tmp";
    if (!std::filesystem::exists(tmp)) return 0;
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(tmp), {}));
  }
  void expect_error(const Result<store::FileRow>& result, ErrorCode code, std::string_view message) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, code) << result.error().message;
    EXPECT_NE(result.error().message.find(message), std::string::npos) << result.error().message;
  }
};

}  // namespace

TEST_F(FileServiceTest, StoresTheContentByItsHashWithASniffedTypeAndASafeName) {
  const auto file = upload(member_, "../../evil\x01.html", kPng);
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_GT(file->id, 0);
  EXPECT_EQ(file->name, "evil.html");
  EXPECT_EQ(file->mime, "image/png") << "sniffed from the bytes, not the client's text/html or name";
  EXPECT_EQ(file->size, static_cast<std::int64_t>(kPng.size()));
  EXPECT_EQ(file->sha256.size(), 64u);
  EXPECT_EQ(file->uploaded_by, member_.user_id);
  EXPECT_EQ(file->created_at, kWorldStart);
  const auto stored = files_dir() / file->sha256.substr(0, 2) / file->sha256.substr(2, 2) / file->sha256;
  std::ifstream in(stored, std::ios::binary);
  const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, kPng);
  EXPECT_EQ(number("SELECT COUNT(*) FROM events WHERE kind = 'file.uploaded' AND entity_id = " +
                   std::to_string(file->id)),
            1);
  EXPECT_EQ(temporary_files(), 0u);
}

TEST_F(FileServiceTest, KnownHashesAndTypes) {
  const auto empty = upload(member_, "empty.txt", "");
  ASSERT_TRUE(empty.ok()) << empty.error().message;
  EXPECT_EQ(empty->sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(empty->mime, "application/octet-stream");
  const auto text = upload(member_, "a.png", "hello world\n");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->sha256, "a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447");
  EXPECT_EQ(text->mime, "text/plain");
  const auto html =
      upload(member_, "a.txt", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->mime, "text/html");
}

TEST_F(FileServiceTest, TheSameContentIsStoredOnce) {
  const auto first = upload(member_, "one.png", kPng);
  const auto second = upload(outsider_, "two.png", kPng);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->id, second->id);
  EXPECT_EQ(first->sha256, second->sha256);
  EXPECT_EQ(stored_contents(), 1u);
  ASSERT_TRUE(upload(member_, "three.txt", "other").ok());
  EXPECT_EQ(stored_contents(), 2u);
  EXPECT_EQ(temporary_files(), 0u);
}

TEST_F(FileServiceTest, ContentsFromMemoryAreHashedTypedAndStoredOnceLikeUploads) {
  const std::string html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";
  for (const std::string& content : {kPng, std::string("hello world\n"), html, std::string()}) {
    const auto uploaded = upload(member_, "a.bin", content);
    const auto stored = files_.store_content("b.bin", content);
    ASSERT_TRUE(uploaded.ok() && stored.ok());
    EXPECT_EQ(stored->sha256, uploaded->sha256);
    EXPECT_EQ(stored->mime, uploaded->mime) << "the same type from memory as from the stored file";
    EXPECT_EQ(stored->size, static_cast<std::int64_t>(content.size()));
  }
  const auto fresh = files_.store_content("c.txt", "only in memory so far");
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(files_.read_content(fresh->sha256).value(), "only in memory so far");
  EXPECT_EQ(stored_contents(), 5u);
  EXPECT_EQ(temporary_files(), 0u);
}

TEST_F(FileServiceTest, OnlyTheUploaderReadsAnUnattachedFile) {
  const auto file = upload(member_, "mine.png", kPng);
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE(files_.get_file(member_, file->id).ok());
  const auto content = files_.open_file(member_, file->id);
  ASSERT_TRUE(content.ok());
  EXPECT_TRUE(std::filesystem::exists(content->path));
  for (const Actor& other : {outsider_, admin_, Actor::anonymous()}) {
    const auto denied = files_.get_file(other, file->id);
    ASSERT_FALSE(denied.ok());
    EXPECT_EQ(denied.error().code, ErrorCode::not_found);
  }
  EXPECT_EQ(files_.get_file(member_, file->id + 100).error().code, ErrorCode::not_found);
}

TEST_F(FileServiceTest, OnceAttachedAFileIsReadByWhoeverSeesOneOfItsItems) {
  const auto file = upload(member_, "shared.png", kPng);
  ASSERT_TRUE(file.ok());
  assign(project_item_, member_);
  ASSERT_TRUE(conversations_.attach_file(member_, project_item_, file->id).ok());
  EXPECT_TRUE(files_.get_file(member_, file->id).ok());
  EXPECT_TRUE(files_.get_file(admin_, file->id).ok());
  EXPECT_EQ(files_.get_file(outsider_, file->id).error().code, ErrorCode::not_found)
      << "not a member of the item's project";
  const std::int64_t open_item = add_item("NULL");
  ASSERT_TRUE(conversations_.attach_file(admin_, open_item, file->id).ok());
  EXPECT_TRUE(files_.get_file(outsider_, file->id).ok()) << "now also on an item the outsider sees";
}

TEST_F(FileServiceTest, RefusesBodiesThatAreNotOneNamedFile) {
  const auto refuse = [&](const std::string& body,
                          const std::string& type = "multipart/form-data; boundary=XyZ") {
    return files_.upload(member_, write_body(body), type);
  };
  expect_error(refuse(multipart("name=\"file\"; filename=\"a\"", "x"), "application/json"),
               ErrorCode::unsupported_media_type, "multipart/form-data");
  expect_error(refuse(multipart("name=\"other\"; filename=\"a\"", "x")), ErrorCode::validation_failed,
               "part named file");
  expect_error(refuse(multipart("name=\"file\"", "x")), ErrorCode::validation_failed, "needs a filename");
  expect_error(
      refuse("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nx\r\n--XyZ\r\n"
             "Content-Disposition: form-data; name=\"file\"; filename=\"b\"\r\n\r\ny\r\n--XyZ--"),
      ErrorCode::validation_failed, "one part named file");
  expect_error(refuse("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nx"),
               ErrorCode::bad_request, "closing boundary");
  expect_error(refuse("--XyZ\r\nnot a header\r\n\r\nx\r\n--XyZ--"), ErrorCode::bad_request, "Name: value");
  const auto field = refuse(multipart("name=\"file\"", "x"));
  EXPECT_EQ(field.error().details.at("field"), "file");
  EXPECT_EQ(temporary_files(), 0u);
  EXPECT_EQ(stored_contents(), 0u);
  EXPECT_EQ(number("SELECT COUNT(*) FROM files"), 0);
}

TEST_F(FileServiceTest, RefusesFilesOverTheLimitAndKeepsNothing) {
  expect_error(upload(member_, "big.bin", std::string(4097, 'x')), ErrorCode::payload_too_large,
               "4096 bytes");
  EXPECT_TRUE(upload(member_, "fits.bin", std::string(4096, 'x')).ok());
  EXPECT_EQ(temporary_files(), 0u);
  EXPECT_EQ(stored_contents(), 1u);
}

TEST_F(FileServiceTest, AnonymousActorsMayNotUpload) {
  expect_error(upload(Actor::anonymous(), "a.txt", "x"), ErrorCode::forbidden, "may not upload");
}

}  // namespace tandem::service
