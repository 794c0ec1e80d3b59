// Serves the built web front end from a folder: correct MIME types, ETag/If-None-Match, long caching
// for hashed assets, index.html for client-side routes, a precompressed NAME.gz to clients that take gzip,
// and no way out of the folder.
#pragma once

#include <filesystem>
#include <optional>

#include "net/http.h"

namespace tandem::net {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  /// The response for a GET/HEAD of `request.path`: the file (its NAME.gz with Content-Encoding: gzip when
  /// there is one and Accept-Encoding takes gzip), 304 when the ETag matches, or index.html for paths
  /// without an extension (client-side routes). nullopt when nothing fits. Thread-safe.
  std::optional<Response> serve(const Request& request) const;

  /// The MIME type for a file name's extension ("application/octet-stream" when unknown).
  static std::string_view mime_type(const std::filesystem::path& file);

 private:
  std::optional<Response> serve_file(const Request& request, const std::filesystem::path& file) const;
  std::filesystem::path root_;
};

}  // namespace tandem::net
