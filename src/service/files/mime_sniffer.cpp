#include "service/files/mime_sniffer.h"

#include <magic.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>

namespace tandem::service {

namespace {

constexpr std::string_view kUnknown = "application/octet-stream";

// The process's libmagic handle; libmagic handles are not thread-safe, so every use holds `mutex`.
struct Magic {
  Magic() : handle(magic_open(MAGIC_MIME_TYPE)) {
    if (handle != nullptr && magic_load(handle, nullptr) != 0) {
      spdlog::error("files: cannot load the libmagic database: {}", magic_error(handle));
      magic_close(handle);
      handle = nullptr;
    }
  }
  ~Magic() {
    if (handle != nullptr) magic_close(handle);
  }
  Magic(const Magic&) = delete;
  Magic& operator=(const Magic&) = delete;

  std::mutex mutex;
  magic_t handle;
};

// The type libmagic finds with `check` (run on the handle, holding its mutex), as sniff_mime_type states it.
template <typename Check>
std::string sniff(Check check) {
  static Magic magic;
  std::lock_guard lock(magic.mutex);
  const char* type = magic.handle != nullptr ? check(magic.handle) : nullptr;
  const std::string_view found = type != nullptr ? std::string_view(type) : kUnknown;
  const bool empty = found == "inode/x-empty" || found == "application/x-empty";
  return std::string(empty || found.find('/') == std::string_view::npos ? kUnknown : found);
}

}  // namespace

std::string sniff_mime_type(const std::filesystem::path& file) {
  return sniff([&](magic_t handle) { return magic_file(handle, file.c_str()); });
}

std::string sniff_mime_type(std::string_view content) {
  return sniff([&](magic_t handle) {
    // As much as libmagic reads of a file, no more.
    std::size_t max = content.size();
    magic_getparam(handle, MAGIC_PARAM_BYTES_MAX, &max);
    return magic_buffer(handle, content.data(), std::min(content.size(), max));
  });
}

}  // namespace tandem::service
