#include "net/static_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>

namespace tandem::net {

namespace {

// Our pages load only our own scripts and styles; the live channel is same-origin WebSocket.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

bool safe_relative_path(std::string_view path) {
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = path.find('/', start);
    const std::string_view segment =
        path.substr(start, end == std::string_view::npos ? path.npos : end - start);
    if (segment == ".." || segment == "." || (!segment.empty() && segment.front() == '.')) return false;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

// Whether the request's Accept-Encoding takes gzip: named, and not refused with a zero quality (q=0).
bool accepts_gzip(const Request& request) {
  const std::string_view accepted = request.headers.get("Accept-Encoding");
  const auto at = accepted.find("gzip");
  if (at == std::string_view::npos) return false;
  const auto end = std::min(accepted.find(',', at), accepted.size());
  std::string params;
  for (const char c : accepted.substr(at + 4, end - (at + 4)))
    if (c != ' ') params += c;
  return !(params.starts_with(";q=0") && params.find_first_not_of("0.", 4) == std::string::npos);
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

std::string_view StaticFiles::mime_type(const std::filesystem::path& file) {
  static const std::unordered_map<std::string, std::string_view> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  const auto it = types.find(file.extension().string());
  return it == types.end() ? std::string_view("application/octet-stream") : it->second;
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  std::string relative = percent_decode(request.path);
  while (!relative.empty() && relative.front() == '/') relative.erase(0, 1);
  if (relative.empty()) relative = "index.html";
  if (!safe_relative_path(relative)) return std::nullopt;
  const std::filesystem::path file = root_ / relative;
  if (auto response = serve_file(request, file)) return response;
  if (std::filesystem::path(relative).has_extension()) return std::nullopt;
  return serve_file(request, root_ / "index.html");  // a client-side route
}

std::optional<Response> StaticFiles::serve_file(const Request& request,
                                                const std::filesystem::path& file) const {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  // A compressed copy built beside the file (NAME.gz) goes to the clients that take gzip.
  std::filesystem::path compressed = file;
  compressed += ".gz";
  const bool has_compressed = std::filesystem::is_regular_file(compressed, ec);
  const bool gzip = has_compressed && accepts_gzip(request);
  const std::filesystem::path& body = gzip ? compressed : file;
  const auto size = std::filesystem::file_size(body, ec);
  const auto modified = std::filesystem::last_write_time(body, ec);
  if (ec) return std::nullopt;
  const auto stamp =
      std::chrono::duration_cast<std::chrono::microseconds>(modified.time_since_epoch()).count();
  const std::string etag = fmt::format("\"{:x}-{:x}\"", size, stamp);

  Response response;
  const bool hashed_asset = request.path.starts_with("/assets/");
  response.headers.add("ETag", etag);
  response.headers.add("Cache-Control", hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  response.headers.add("X-Content-Type-Options", "nosniff");
  if (has_compressed) response.headers.add("Vary", "Accept-Encoding");
  const std::string_view type = mime_type(file);
  if (type.starts_with("text/html")) {
    response.headers.add("Content-Security-Policy", std::string(kContentSecurityPolicy));
    response.headers.add("X-Frame-Options", "DENY");
    response.headers.add("Referrer-Policy", "same-origin");
  }
  if (request.headers.get("If-None-Match") == etag) {
    response.status = 304;
    return response;
  }
  response.headers.add("Content-Type", std::string(type));
  if (gzip) response.headers.add("Content-Encoding", "gzip");
  response.file_path = body.string();
  return response;
}

}  // namespace tandem::net
