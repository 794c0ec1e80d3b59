#include "service/email_in/tnef_reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>

namespace tandem::service {

namespace {

std::string le(std::uint32_t value, int bytes) {
  std::string out;
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
  return out;
}

std::string padded(std::string value) {
  value.append((4 - value.size() % 4) % 4, '\0');
  return value;
}

// One TNEF attribute: level, id, length, data and the checksum of the data.
std::string attribute(int level, std::uint32_t id, const std::string& data) {
  std::uint32_t sum = 0;
  for (const char c : data) sum += static_cast<unsigned char>(c);
  return le(level, 1) + le(id, 4) + le(static_cast<std::uint32_t>(data.size()), 4) + data +
         le(sum & 0xFFFF, 2);
}

std::string tnef(const std::string& attributes) {
  return le(0x223E9F78, 4) + le(0x0101, 2) + attributes;
}

// A MAPI property of a variable-size type with one value.
std::string variable(std::uint16_t type, std::uint16_t id, const std::string& value) {
  return le(type, 2) + le(id, 2) + le(1, 4) + le(static_cast<std::uint32_t>(value.size()), 4) + padded(value);
}

std::string properties(int count, const std::string& encoded) {
  return le(count, 4) + encoded;
}

std::string utf16(std::u16string_view text) {
  std::string out;
  for (const char16_t c : text) out += le(c, 2);
  return out + le(0, 2);
}

constexpr std::uint32_t kBody = 0x0002800C, kAttachData = 0x0006800F, kAttachTitle = 0x00018010,
                        kRendData = 0x00069002, kMsgProps = 0x00069003, kAttachment = 0x00069005,
                        kCodepage = 0x00069007;

// A winmail.dat as Outlook sends it: a plain body, one attachment with a short title and a long Unicode
// name, a named property and fixed-size properties to step over.
std::string sample() {
  const std::string attachment_props = properties(
      4, le(0x0003, 2) + le(0x3705, 2) + le(1, 4) +                                        // PR_ATTACH_METHOD
             le(0x001E, 2) + le(0x8005, 2) + std::string(16, 'g') + le(0, 4) + le(7, 4) +  // named, by id
             le(1, 4) + le(4, 4) + "abc" + std::string(1, '\0') +                          // its value
             variable(0x001F, 0x3707, utf16(u"отчёт 2024.txt")) +                          // long file name
             variable(0x001E, 0x370E, std::string("text/plain") + '\0'));                  // MIME tag
  return tnef(attribute(1, kCodepage, le(1251, 4) + le(0, 4)) +
              attribute(1, kBody, "Hello from Outlook\r\n" + std::string(1, '\0')) +
              attribute(2, kRendData, std::string(14, '\0')) +
              attribute(2, kAttachTitle, "OTCHET~1.TXT" + std::string(1, '\0')) +
              attribute(2, kAttachData, "report contents") + attribute(2, kAttachment, attachment_props));
}

}  // namespace

TEST(TnefReader, ReadsTheBodyAndTheFilesWithTheirLongNames) {
  const TnefContent content = read_tnef(sample());
  EXPECT_EQ(content.text, "Hello from Outlook\r\n");
  ASSERT_EQ(content.attachments.size(), 1u);
  EXPECT_EQ(content.attachments[0].name, "отчёт 2024.txt");
  EXPECT_EQ(content.attachments[0].mime, "text/plain");
  EXPECT_EQ(content.attachments[0].content, "report contents");
}

TEST(TnefReader, ReadsTheBodiesOfTheMessageProperties) {
  const std::string props = properties(3, le(0x0040, 2) + le(0x0E06, 2) + std::string(8, '\x01') +  // a time
                                              variable(0x001F, 0x1000, utf16(u"Счёт оплачен")) +
                                              variable(0x0102, 0x1013, "<p>HTML <b>body</b></p>"));
  const TnefContent content = read_tnef(tnef(attribute(1, kMsgProps, props)));
  EXPECT_EQ(content.text, "Счёт оплачен");
  EXPECT_EQ(content.html, "<p>HTML <b>body</b></p>");
  EXPECT_TRUE(content.attachments.empty());
}

TEST(TnefReader, NamesInTheCodePageOfTheStreamAndTitlesWithoutLongNames) {
  // "Счёт.txt" in Windows-1251, with no long file name.
  const std::string title = "\xD1\xF7\xB8\xF2.txt" + std::string(1, '\0');
  const TnefContent content =
      read_tnef(tnef(attribute(1, kCodepage, le(1251, 4) + le(0, 4)) + attribute(2, kRendData, "") +
                     attribute(2, kAttachTitle, title) + attribute(2, kAttachData, "x")));
  ASSERT_EQ(content.attachments.size(), 1u);
  EXPECT_EQ(content.attachments[0].name, "Счёт.txt");
  EXPECT_EQ(content.attachments[0].mime, "application/octet-stream");
}

TEST(TnefReader, NotTnefGivesNothing) {
  EXPECT_FALSE(is_tnef("PK\x03\x04 a zip"));
  EXPECT_FALSE(is_tnef(""));
  EXPECT_TRUE(is_tnef(sample()));
  const TnefContent content = read_tnef("plain text, no signature");
  EXPECT_TRUE(content.text.empty());
  EXPECT_TRUE(content.attachments.empty());
}

TEST(TnefReader, TruncatedStreamsGiveWhatWasReadBeforeTheCut) {
  const std::string whole = sample();
  for (std::size_t size = 0; size < whole.size(); ++size) {
    const TnefContent content = read_tnef(whole.substr(0, size));
    for (const auto& file : content.attachments) EXPECT_EQ(file.content, "report contents");
  }
  // Cut inside the attachment's properties: the file is still there, under its short title.
  const TnefContent cut = read_tnef(whole.substr(0, whole.size() - 20));
  EXPECT_EQ(cut.text, "Hello from Outlook\r\n");
  ASSERT_EQ(cut.attachments.size(), 1u);
  EXPECT_EQ(cut.attachments[0].content, "report contents");
}

TEST(TnefReader, GarbageNeverCrashes) {
  std::mt19937 random(42);
  const std::string whole = sample();
  for (int round = 0; round < 5000; ++round) {
    std::string bytes = whole;
    // Flip a few bytes (lengths, counts, types included), or append random bytes after the signature.
    if (round % 2 == 0) {
      for (int flips = 0; flips < 4; ++flips)
        bytes[6 + random() % (bytes.size() - 6)] = static_cast<char>(random() & 0xFF);
    } else {
      bytes = tnef("");
      const std::size_t length = random() % 200;
      for (std::size_t i = 0; i < length; ++i) bytes += static_cast<char>(random() & 0xFF);
    }
    const TnefContent content = read_tnef(bytes);
    EXPECT_LE(content.attachments.size(), bytes.size());
  }
  // Counts and lengths that claim more than there is.
  const std::string huge_count = le(0xFFFFFFFF, 4) + le(0x001E, 2) + le(0x1000, 2) + le(0xFFFFFFF0, 4);
  EXPECT_TRUE(read_tnef(tnef(attribute(1, kMsgProps, huge_count))).text.empty());
  EXPECT_TRUE(read_tnef(tnef(le(1, 1) + le(kBody, 4) + le(0xFFFFFFFF, 4) + "short")).text.empty());
}

TEST(TnefReader, MailWithWinmailDatCarriesItsFilesAndBody) {
  std::string encoded;
  {
    // base64 of the sample, by hand: the parser decodes the part, then opens the TNEF inside.
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const std::string raw = sample();
    for (std::size_t i = 0; i < raw.size(); i += 3) {
      std::uint32_t chunk = static_cast<unsigned char>(raw[i]) << 16;
      if (i + 1 < raw.size()) chunk |= static_cast<unsigned char>(raw[i + 1]) << 8;
      if (i + 2 < raw.size()) chunk |= static_cast<unsigned char>(raw[i + 2]);
      encoded += kAlphabet[(chunk >> 18) & 63];
      encoded += kAlphabet[(chunk >> 12) & 63];
      encoded += i + 1 < raw.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
      encoded += i + 2 < raw.size() ? kAlphabet[chunk & 63] : '=';
    }
  }
  const std::string message =
      "From: a@example.com\r\nSubject: tnef\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
      "Content-Type: application/ms-tnef; name=winmail.dat\r\nContent-Transfer-Encoding: base64\r\n"
      "Content-Disposition: attachment; filename=winmail.dat\r\n\r\n" +
      encoded + "\r\n--b--\r\n";
  const ParsedMail mail = parse_mail(message);
  EXPECT_EQ(mail.text, "Hello from Outlook");
  ASSERT_EQ(mail.attachments.size(), 1u);
  EXPECT_EQ(mail.attachments[0].name, "отчёт 2024.txt");
  EXPECT_EQ(mail.attachments[0].content, "report contents");
}

}  // namespace tandem::service
