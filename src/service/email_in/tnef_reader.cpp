#include "service/email_in/tnef_reader.h"

#include <glib.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>

namespace tandem::service {

namespace {

constexpr std::uint32_t kSignature = 0x223E9F78;
constexpr std::size_t kMaxAttachments = 1000;

// TNEF attributes (MS-OXTNEF 2.1.3.1): the attribute type in the high word, its id in the low one.
constexpr std::uint32_t kAttBody = 0x0002800C;
constexpr std::uint32_t kAttAttachData = 0x0006800F;
constexpr std::uint32_t kAttAttachTitle = 0x00018010;
constexpr std::uint32_t kAttAttachRendData = 0x00069002;
constexpr std::uint32_t kAttMsgProps = 0x00069003;
constexpr std::uint32_t kAttAttachment = 0x00069005;
constexpr std::uint32_t kAttOemCodepage = 0x00069007;

// MAPI property ids and types (MS-OXPROPS, MS-OXCDATA 2.11.1).
constexpr std::uint16_t kPrBody = 0x1000;
constexpr std::uint16_t kPrBodyHtml = 0x1013;
constexpr std::uint16_t kPrAttachDataBin = 0x3701;
constexpr std::uint16_t kPrAttachFilename = 0x3704;
constexpr std::uint16_t kPrAttachLongFilename = 0x3707;
constexpr std::uint16_t kPrAttachMimeTag = 0x370E;
constexpr std::uint16_t kPrAttachContentId = 0x3712;
constexpr std::uint16_t kPtString8 = 0x001E;
constexpr std::uint16_t kPtUnicode = 0x001F;
constexpr std::uint16_t kPtBinary = 0x0102;
constexpr std::uint16_t kPtObject = 0x000D;
constexpr std::uint16_t kMultiValued = 0x1000;

// Little-endian reads that never pass the end: a read past it fails and leaves the reader failed.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  std::size_t left() const { return data_.size() - pos_; }
  std::optional<std::string_view> take(std::size_t n) {
    if (n > left()) return fail<std::string_view>();
    const std::string_view out = data_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  std::optional<std::uint32_t> u32() { return number(4); }
  std::optional<std::uint32_t> u16() { return number(2); }
  std::optional<std::uint32_t> u8() { return number(1); }
  // Skips the padding that aligns a value of `n` bytes to 4 (the stream may end without it).
  void pad(std::size_t n) { pos_ += std::min((4 - n % 4) % 4, left()); }

 private:
  template <typename T>
  std::optional<T> fail() {
    pos_ = data_.size();
    return std::nullopt;
  }
  std::optional<std::uint32_t> number(std::size_t bytes) {
    const auto raw = take(bytes);
    if (!raw) return std::nullopt;
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < bytes; ++i)
      value |= std::uint32_t{static_cast<unsigned char>((*raw)[i])} << (8 * i);
    return value;
  }

  std::string_view data_;
  std::size_t pos_ = 0;
};

std::string_view until_nul(std::string_view bytes) {
  return bytes.substr(0, bytes.find('\0'));
}

// 8-bit text: UTF-8 when it is valid, else in the stream's code page.
std::string eight_bit(std::string_view bytes, const std::string& charset) {
  bytes = until_nul(bytes);
  if (g_utf8_validate(bytes.data(), static_cast<gssize>(bytes.size()), nullptr)) return std::string(bytes);
  return to_utf8(bytes, charset);
}

// UTF-16LE text up to its terminating NUL character.
std::string utf16(std::string_view bytes) {
  std::size_t end = 0;
  while (end + 1 < bytes.size() && (bytes[end] != '\0' || bytes[end + 1] != '\0')) end += 2;
  return to_utf8(bytes.substr(0, end), "UTF-16LE");
}

// The size of one value of a fixed-size property type, 0 for a type of variable size, nullopt when unknown.
std::optional<std::size_t> fixed_size(std::uint16_t type) {
  switch (type) {
    case 0x0001:  // null
    case 0x0002:  // 16-bit integer, padded
    case 0x0003:  // 32-bit integer
    case 0x0004:  // float
    case 0x000A:  // error code
    case 0x000B:  // boolean, padded
      return 4;
    case 0x0005:  // double
    case 0x0006:  // currency
    case 0x0007:  // application time
    case 0x0014:  // 64-bit integer
    case 0x0040:  // system time
      return 8;
    case 0x0048:  // GUID
      return 16;
    case kPtString8:
    case kPtUnicode:
    case kPtBinary:
    case kPtObject:
      return 0;
    default:
      return std::nullopt;
  }
}

// A MAPI property of interest: its id, type and the bytes of its (first) value.
using PropertySink = std::function<void(std::uint16_t id, std::uint16_t type, std::string_view value)>;

// Reads an attMsgProps or attAttachment list of MAPI properties (MS-OXTNEF 2.1.3.4), passing each property
// with a standard id to `sink`; stops at the first damage.
void read_properties(std::string_view data, const PropertySink& sink) {
  Reader r(data);
  const auto count = r.u32();
  if (!count) return;
  for (std::uint32_t i = 0; i < *count && r.left() > 0; ++i) {
    const auto type = r.u16();
    const auto id = r.u16();
    if (!type || !id) return;
    if (*id >= 0x8000) {  // a named property: its GUID and its id or name come first
      if (!r.take(16)) return;
      const auto kind = r.u32();
      if (!kind) return;
      if (*kind == 0) {
        if (!r.u32()) return;
      } else {
        const auto length = r.u32();
        if (!length || !r.take(*length)) return;
        r.pad(*length);
      }
    }
    const bool multi = (*type & kMultiValued) != 0;
    const auto base = static_cast<std::uint16_t>(*type & ~kMultiValued);
    const auto size = fixed_size(base);
    if (!size) return;  // an unknown type: its length is unknown, nothing after it can be read
    if (*size > 0) {
      std::uint32_t values = 1;
      if (multi) {
        const auto n = r.u32();
        if (!n) return;
        values = *n;
      }
      if (values > r.left() / *size || !r.take(values * *size)) return;
      continue;
    }
    const auto values = r.u32();  // variable-size types always carry their count of values
    if (!values || *values > r.left() / 4) return;
    for (std::uint32_t v = 0; v < *values; ++v) {
      const auto length = r.u32();
      if (!length) return;
      const auto value = r.take(*length);
      if (!value) return;
      r.pad(*length);
      if (v == 0 && *id < 0x8000) sink(*id, base, *value);
    }
  }
}

struct Pending {
  std::string title, long_name, short_name, mime, content_id, data;
  bool has_data = false;
};

std::string property_text(std::uint16_t type, std::string_view value, const std::string& charset) {
  return type == kPtUnicode ? utf16(value) : eight_bit(value, charset);
}

}  // namespace

bool is_tnef(std::string_view bytes) {
  Reader r(bytes);
  const auto signature = r.u32();
  return signature && *signature == kSignature;
}

TnefContent read_tnef(std::string_view bytes) {
  TnefContent out;
  if (!is_tnef(bytes)) return out;
  Reader r(bytes.substr(4));
  if (!r.u16()) return out;  // the legacy key
  std::string charset;       // of 8-bit strings, from attOemCodepage
  std::vector<Pending> pending;
  auto current = [&]() -> Pending* {
    if (pending.empty()) pending.emplace_back();
    return &pending.back();
  };
  while (r.left() > 0) {
    const auto level = r.u8();
    const auto id = r.u32();
    const auto length = r.u32();
    if (!level || !id || !length) break;
    const auto data = r.take(*length);
    if (!data || !r.u16()) break;  // the data, then its checksum
    switch (*id) {
      case kAttOemCodepage:
        if (Reader cp(*data); const auto page = cp.u32())
          charset = *page == 65001 ? "UTF-8" : "CP" + std::to_string(*page);
        break;
      case kAttBody:
        out.text = eight_bit(*data, charset);
        break;
      case kAttMsgProps:
        read_properties(*data, [&](std::uint16_t prop, std::uint16_t type, std::string_view value) {
          if (prop == kPrBody && out.text.empty()) out.text = property_text(type, value, charset);
          if (prop == kPrBodyHtml && out.html.empty()) out.html = property_text(type, value, charset);
        });
        break;
      case kAttAttachRendData:
        if (pending.size() >= kMaxAttachments) return out;
        pending.emplace_back();
        break;
      case kAttAttachTitle:
        current()->title = eight_bit(*data, charset);
        break;
      case kAttAttachData:
        current()->data = std::string(*data);
        current()->has_data = true;
        break;
      case kAttAttachment:
        read_properties(*data, [&](std::uint16_t prop, std::uint16_t type, std::string_view value) {
          Pending& a = *current();
          if (prop == kPrAttachLongFilename) a.long_name = property_text(type, value, charset);
          if (prop == kPrAttachFilename) a.short_name = property_text(type, value, charset);
          if (prop == kPrAttachMimeTag) a.mime = property_text(type, value, charset);
          if (prop == kPrAttachContentId) a.content_id = property_text(type, value, charset);
          if (prop == kPrAttachDataBin && type == kPtBinary && !a.has_data) {
            a.data = std::string(value);
            a.has_data = true;
          }
        });
        break;
      default:
        break;
    }
  }
  for (auto& a : pending) {
    if (!a.has_data) continue;
    std::string name = !a.long_name.empty() ? a.long_name : !a.title.empty() ? a.title : a.short_name;
    out.attachments.push_back({name.empty() ? "attachment" : std::move(name),
                               a.mime.empty() ? "application/octet-stream" : std::move(a.mime),
                               std::move(a.data), std::move(a.content_id)});
  }
  return out;
}

}  // namespace tandem::service
