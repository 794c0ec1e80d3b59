// The type of a file from its content (libmagic), never from what the client claims.
#pragma once

#include <filesystem>
#include <string>

namespace tandem::service {

/// The MIME type of the file's content, e.g. "image/png", "text/plain"; "application/octet-stream" when
/// libmagic does not know it, or for an empty file. Thread-safe (one libmagic handle behind a mutex).
std::string sniff_mime_type(const std::filesystem::path& file);

}  // namespace tandem::service
