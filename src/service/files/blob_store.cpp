#include "service/files/blob_store.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

namespace tandem::service {

namespace {

Error storage_error(std::string what, std::string detail) {
  return Error{ErrorCode::unavailable, "the file could not be stored", std::move(what) + ": " + detail, {}};
}

std::filesystem::path place_of(const std::filesystem::path& root, std::string_view sha256) {
  return root / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256;
}

std::string hex_of(crypto_hash_sha256_state& hash) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&hash, digest.data());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

// Renames `from` to `to`, creating the folders of `to` only when they are missing.
void move_into_place(const std::filesystem::path& from, const std::filesystem::path& to,
                     std::error_code& ec) {
  std::filesystem::rename(from, to, ec);
  if (ec != std::errc::no_such_file_or_directory) return;
  ec.clear();
  std::filesystem::create_directories(to.parent_path(), ec);
  if (!ec) std::filesystem::rename(from, to, ec);
}

}  // namespace

BlobStore::Writer::Writer(std::filesystem::path temp_path, int fd, std::filesystem::path root)
    : temp_path_(std::move(temp_path)), fd_(fd), root_(std::move(root)) {
  crypto_hash_sha256_init(&hash_);
}

BlobStore::Writer::~Writer() {
  if (fd_ >= 0) ::close(fd_);
  std::error_code ignored;
  if (!temp_path_.empty()) std::filesystem::remove(temp_path_, ignored);
}

Status BlobStore::Writer::write(std::string_view bytes) {
  crypto_hash_sha256_update(&hash_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  size_ += bytes.size();
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return storage_error("write " + temp_path_.string(), std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

Result<std::string> BlobStore::Writer::commit() {
  const std::string sha256 = hex_of(hash_);
  if (::close(std::exchange(fd_, -1)) != 0)
    return storage_error("close " + temp_path_.string(), std::strerror(errno));
  const std::filesystem::path place = place_of(root_, sha256);
  std::error_code ec;
  if (std::filesystem::exists(place, ec)) return sha256;  // stored once; the destructor drops the copy
  move_into_place(temp_path_, place, ec);
  if (ec) return storage_error("store " + place.string(), ec.message());
  temp_path_.clear();
  return sha256;
}

Result<std::unique_ptr<BlobStore::Writer>> BlobStore::begin() const {
  const std::filesystem::path temp_dir = root_ / "tmp";
  const std::string pattern = (temp_dir / "blob-XXXXXX").string();
  std::string name = pattern;
  int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {  // the first content, or the folder was removed
    std::error_code ec;
    std::filesystem::create_directories(temp_dir, ec);
    if (ec) return storage_error("create " + temp_dir.string(), ec.message());
    name = pattern;
    fd = ::mkostemp(name.data(), O_CLOEXEC);
  }
  if (fd < 0) return storage_error("create a file in " + temp_dir.string(), std::strerror(errno));
  return std::make_unique<Writer>(name, fd, root_);
}

Result<std::string> BlobStore::put(std::string_view bytes) const {
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  crypto_hash_sha256_update(&hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::string sha256 = hex_of(hash);
  std::error_code ec;
  if (std::filesystem::exists(place_of(root_, sha256), ec)) return sha256;
  TANDEM_ASSIGN(auto writer, begin());
  TANDEM_TRY(writer->write(bytes));
  return writer->commit();
}

std::filesystem::path BlobStore::path_of(std::string_view sha256) const {
  return place_of(root_, sha256);
}

}  // namespace tandem::service
