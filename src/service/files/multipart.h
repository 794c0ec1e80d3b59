// A streaming multipart/form-data parser (RFC 7578 over RFC 2046): bytes go in as they are read, part
// contents come out in pieces, so a body never needs to fit in memory.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tandem::service {

/// What a part's headers say about it.
struct PartInfo {
  std::string name;                     // the form field name, from Content-Disposition
  std::optional<std::string> filename;  // present for file parts (filename* is preferred and decoded)
  std::string content_type;             // as the client sent it (never trusted)
};

/// The boundary of a `multipart/form-data; boundary=...` Content-Type value. Errors: unsupported_media_type
/// (another type), bad_request (no usable boundary).
Result<std::string> multipart_boundary(std::string_view content_type);

class MultipartParser {
 public:
  /// Called for each part: begin (with its headers), its content in zero or more pieces, end. An error
  /// returned by a callback stops the parse and is returned by feed()/finish().
  struct Callbacks {
    std::function<Status(const PartInfo&)> begin_part;
    std::function<Status(std::string_view)> part_data;
    std::function<Status()> end_part;
  };

  MultipartParser(std::string boundary, Callbacks callbacks);

  /// Parses the next bytes of the body (any split is fine). Errors: bad_request (malformed body), or a
  /// callback's error. After an error the parser must not be fed again.
  Status feed(std::string_view bytes);
  /// Ends the body. Errors: bad_request when the closing boundary has not been seen.
  Status finish();

 private:
  enum class State { preamble, after_delimiter, headers, content, epilogue };

  Status step(bool& progressed);
  Status parse_headers(std::string_view block);

  std::string delimiter_;  // CRLF "--" boundary
  Callbacks callbacks_;
  State state_ = State::preamble;
  std::string buffer_;  // bytes received and not yet consumed
};

}  // namespace tandem::service
