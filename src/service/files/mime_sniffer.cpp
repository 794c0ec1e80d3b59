#include "service/files/mime_sniffer.h"

#include <magic.h>
#include <spdlog/spdlog.h>

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

}  // namespace

std::string sniff_mime_type(const std::filesystem::path& file) {
  static Magic magic;
  std::lock_guard lock(magic.mutex);
  const char* type = magic.handle != nullptr ? magic_file(magic.handle, file.c_str()) : nullptr;
  const std::string_view found = type != nullptr ? std::string_view(type) : kUnknown;
  const bool empty = found == "inode/x-empty" || found == "application/x-empty";
  return std::string(empty || found.find('/') == std::string_view::npos ? kUnknown : found);
}

}  // namespace tandem::service
