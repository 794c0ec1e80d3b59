// Uploaded files: a multipart upload is parsed from the spooled body, its content stored once by SHA-256
// and typed by sniffing; reading a file follows the items it is attached to.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "service/files/blob_store.h"
#include "service/settings/module_service.h"
#include "store/database.h"
#include "store/files/file_repository.h"

namespace tandem::service {

/// A stored file and where its content is.
struct FileContent {
  store::FileRow file;
  std::filesystem::path path;
};

/// Whose own unattached uploads the actor may read: a user's or a customer's.
store::FileReader file_reader(const Actor& actor);

class FileService {
 public:
  /// Contents live under `files_dir`; uploads larger than `max_bytes` are refused. A file attached only
  /// to items whose module `modules` switches off is not found.
  FileService(store::Database& db, const Clock& clock, ModuleService& modules,
              std::filesystem::path files_dir, std::uint64_t max_bytes)
      : db_(db), clock_(clock), modules_(modules), blobs_(std::move(files_dir)), max_bytes_(max_bytes) {}

  /// Stores the one part named `file` of a multipart/form-data body kept in the file `body_path`, sent with
  /// the Content-Type `content_type`, and records `file.uploaded`. The type is sniffed from the content;
  /// the name is sanitised. Users and signed-in customers may upload. Errors: forbidden,
  /// unsupported_media_type (not multipart/form-data), bad_request (malformed multipart), validation_failed
  /// (no `file` part, several, or no filename; details.field = "file"), payload_too_large, unavailable
  /// (disk).
  Result<store::FileRow> upload(const Actor& actor, const std::filesystem::path& body_path,
                                std::string_view content_type);
  /// Writes `bytes` to the content store and returns the row that describes them (type sniffed, `name`
  /// sanitised, created now), not inserted yet: the caller inserts it (store::insert_file) in the
  /// transaction that uses it. Content already stored is not written again. Errors: unavailable (disk).
  Result<store::FileRow> store_content(std::string_view name, std::string_view bytes);
  /// Writes `bytes` to the content store, once, and returns their SHA-256 (lowercase hex), without typing
  /// them: for contents whose type is known. Errors: unavailable (disk).
  Result<std::string> store_bytes(std::string_view bytes);
  /// The bytes of the stored content with this SHA-256. Errors: not_found, unavailable.
  Result<std::string> read_content(std::string_view sha256);
  /// The file `id` when the actor may read it (see store::find_readable_file). Errors: not_found.
  Result<store::FileRow> get_file(const Actor& actor, std::int64_t id);
  /// The file `id` and its content's path, when the actor may read it. Errors: not_found.
  Result<FileContent> open_file(const Actor& actor, std::int64_t id);

 private:
  // Parses the multipart body at `body_path` and stores its file part's content: the row to insert, less
  // who uploaded it and when.
  Result<store::FileRow> store_upload(const std::filesystem::path& body_path, std::string_view content_type);

  store::Database& db_;
  const Clock& clock_;
  ModuleService& modules_;
  BlobStore blobs_;
  std::uint64_t max_bytes_;
};

}  // namespace tandem::service
