// Names of uploaded files: what is kept of the client's name, and how it is offered back on download.
#pragma once

#include <string>
#include <string_view>

namespace tandem::service {

/// The name to store for a client's file name: its last path segment (after '/' or '\'), without control
/// or bidirectional-override characters, invalid UTF-8 replaced by '_', blanks trimmed, at most 255 bytes
/// (cut at a character boundary, keeping a short extension); "file" when nothing usable is left.
std::string sanitize_file_name(std::string_view name);

/// A Content-Disposition value offering `name` for download: `attachment` (or `inline`), an ASCII
/// `filename` fallback (other characters, quotes and backslashes become '_') and the exact UTF-8 name as
/// RFC 5987 `filename*`. `name` must be valid UTF-8 (as sanitize_file_name makes it).
std::string content_disposition(std::string_view name, bool show_inline);

/// True for the raster image types a browser may show inline safely: PNG, JPEG, GIF and WebP.
bool displays_inline(std::string_view mime);

}  // namespace tandem::service
