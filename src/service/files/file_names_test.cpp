#include "service/files/file_names.h"

#include <gtest/gtest.h>

namespace tandem::service {

TEST(FileNames, KeepOnlyTheLastPathSegment) {
  EXPECT_EQ(sanitize_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(sanitize_file_name("C:\\Users\\ada\\report.pdf"), "report.pdf");
  EXPECT_EQ(sanitize_file_name("notes/"), "file");
  EXPECT_EQ(sanitize_file_name(".."), "file");
  EXPECT_EQ(sanitize_file_name(""), "file");
}

TEST(FileNames, DropControlAndBidiCharactersAndRepairUtf8) {
  EXPECT_EQ(sanitize_file_name("a\nb\r\tc\x7f.txt"), "abc.txt");
  EXPECT_EQ(sanitize_file_name("invoice\xE2\x80\xAEgpj.exe"), "invoicegpj.exe");  // U+202E
  EXPECT_EQ(sanitize_file_name("bad\xff\xfe.txt"), "bad__.txt");
  EXPECT_EQ(sanitize_file_name("\xC0\xAF.txt"), "__.txt");  // an overlong '/'
  EXPECT_EQ(sanitize_file_name("  отчёт 2026.pdf  "), "отчёт 2026.pdf");
}

TEST(FileNames, CutLongNamesAtACharacterBoundaryKeepingTheExtension) {
  std::string long_name;
  for (int i = 0; i < 200; ++i) long_name += "ж";  // 2 bytes each
  const std::string kept = sanitize_file_name(long_name + ".tar.gz");
  EXPECT_LE(kept.size(), 255u);
  EXPECT_TRUE(kept.ends_with(".gz")) << kept;
  EXPECT_EQ(sanitize_file_name(kept), kept) << "still valid UTF-8";
  EXPECT_EQ(sanitize_file_name(std::string(300, 'a')).size(), 255u);
}

TEST(FileNames, ContentDispositionHasAnAsciiFallbackAndTheExactName) {
  EXPECT_EQ(content_disposition("report.pdf", false),
            "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
  EXPECT_EQ(content_disposition("отчёт \"final\";.png", true),
            "inline; filename=\"_____ _final_;.png\"; "
            "filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82%20%22final%22%3B.png");
}

TEST(FileNames, OnlyRasterImagesDisplayInline) {
  for (std::string_view mime : {"image/png", "image/jpeg", "image/gif", "image/webp"})
    EXPECT_TRUE(displays_inline(mime));
  for (std::string_view mime :
       {"image/svg+xml", "text/html", "application/pdf", "text/plain", "application/xhtml+xml"})
    EXPECT_FALSE(displays_inline(mime)) << mime;
}

}  // namespace tandem::service
