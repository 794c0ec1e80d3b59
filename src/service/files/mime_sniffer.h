// The type of a file from its content (libmagic), never from what the client claims.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace tandem::service {

/// The MIME type of the file's content, e.g. "image/png", "text/plain"; "application/octet-stream" when
/// libmagic does not know it, or for an empty file. Thread-safe (one libmagic handle behind a mutex).
std::string sniff_mime_type(const std::filesystem::path& file);
/// The same for a content held in memory, without reading it back from a file.
std::string sniff_mime_type(std::string_view content);

}  // namespace tandem::service
