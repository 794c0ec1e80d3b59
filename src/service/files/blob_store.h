// Content-addressed storage of file contents: each content is kept once, at
// <root>/<2 hex>/<2 hex>/<sha256>, named by its SHA-256.
#pragma once

#include <sodium.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tandem::service {

class BlobStore {
 public:
  /// A content being written to a temporary file while it is hashed; the file is removed unless committed.
  class Writer {
   public:
    Writer(std::filesystem::path temp_path, int fd, std::filesystem::path root);
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    /// Appends bytes. Errors: unavailable (the disk refused them).
    Status write(std::string_view bytes);
    /// Bytes written so far.
    std::uint64_t size() const { return size_; }
    /// Moves the content to its place (or drops it when that content is stored already) and returns its
    /// SHA-256 as lowercase hex. Call once. Errors: unavailable.
    Result<std::string> commit();

   private:
    std::filesystem::path temp_path_;
    int fd_;
    std::filesystem::path root_;
    crypto_hash_sha256_state hash_;
    std::uint64_t size_ = 0;
  };

  /// A store under `root` (created on first use); temporary files go to <root>/tmp.
  explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}

  /// Starts a new content. Errors: unavailable (the folder cannot be written).
  Result<std::unique_ptr<Writer>> begin() const;
  /// Stores `bytes` held in memory and returns their SHA-256 (lowercase hex); content stored already is
  /// neither written nor copied again. Errors: unavailable.
  Result<std::string> put(std::string_view bytes) const;
  /// Where the content with this SHA-256 (lowercase hex) is stored.
  std::filesystem::path path_of(std::string_view sha256) const;

 private:
  std::filesystem::path root_;
};

}  // namespace tandem::service
