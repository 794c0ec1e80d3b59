#include "service/files/file_service.h"

#include <fstream>
#include <memory>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/policy.h"
#include "core/waiting.h"
#include "service/files/file_names.h"
#include "service/files/mime_sniffer.h"
#include "service/files/multipart.h"
#include "store/event_log.h"

namespace tandem::service {

namespace {

constexpr std::size_t kReadChunk = 64 * 1024;

Error invalid_file(std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", "file");
}

// The one `file` part of a multipart body, written to the blob store as it arrives.
class FilePart {
 public:
  FilePart(const BlobStore& blobs, std::uint64_t max_bytes) : blobs_(blobs), max_bytes_(max_bytes) {}

  MultipartParser::Callbacks callbacks() {
    return {[this](const PartInfo& part) { return begin(part); },
            [this](std::string_view data) { return append(data); },
            [this] {
              in_file_ = false;
              return Status{};
            }};
  }
  /// The writer of the part's content; null when no `file` part came.
  BlobStore::Writer* writer() const { return writer_.get(); }
  const std::string& filename() const { return filename_; }

 private:
  Status begin(const PartInfo& part) {
    in_file_ = part.name == "file";
    if (!in_file_) return {};
    if (writer_) return invalid_file("send one part named file per upload");
    if (!part.filename) return invalid_file("the part named file needs a filename");
    filename_ = *part.filename;
    TANDEM_ASSIGN(writer_, blobs_.begin());
    return {};
  }

  Status append(std::string_view data) {
    if (!in_file_) return {};
    TANDEM_TRY(writer_->write(data));
    if (writer_->size() > max_bytes_)
      return Error::make(ErrorCode::payload_too_large,
                         "the file is larger than " + std::to_string(max_bytes_) + " bytes");
    return {};
  }

  const BlobStore& blobs_;
  std::uint64_t max_bytes_;
  std::unique_ptr<BlobStore::Writer> writer_;
  std::string filename_;
  bool in_file_ = false;
};

}  // namespace

store::FileReader file_reader(const Actor& actor) {
  return {actor.is_user() ? actor.user_id : 0, actor.is_customer() ? actor.customer_id : 0};
}

Result<store::FileRow> FileService::upload(const Actor& actor, const std::filesystem::path& body_path,
                                           std::string_view content_type) {
  if (!Policy::can(actor, Action::upload_files))
    return Error::make(ErrorCode::forbidden, "you may not upload files");
  // Reading, hashing and sniffing a large file takes a while: off the loop when on a request fiber.
  TANDEM_ASSIGN(store::FileRow file, run_blocking([&] { return store_upload(body_path, content_type); }));
  if (actor.is_user()) file.uploaded_by = actor.user_id;
  if (actor.is_customer()) file.uploaded_by_customer = actor.customer_id;
  file.created_at = clock_.now_ms();
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(file.id, store::insert_file(txn, file));
    const nlohmann::json payload = {
        {"name", file.name}, {"size", file.size}, {"mime", file.mime}, {"sha256", file.sha256}};
    return status_of(
        store::append_event(txn, actor, file.created_at, "file", file.id, "file.uploaded", payload.dump()));
  }));
  return file;
}

Result<store::FileRow> FileService::store_upload(const std::filesystem::path& body_path,
                                                 std::string_view content_type) {
  TANDEM_ASSIGN(const std::string boundary, multipart_boundary(content_type));
  std::ifstream body(body_path, std::ios::binary);
  if (!body)
    return Error{
        ErrorCode::unavailable, "the upload could not be read", "cannot open " + body_path.string(), {}};

  FilePart part(blobs_, max_bytes_);
  MultipartParser parser(boundary, part.callbacks());
  std::vector<char> chunk(kReadChunk);
  while (body.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || body.gcount() > 0)
    TANDEM_TRY(parser.feed(std::string_view(chunk.data(), static_cast<std::size_t>(body.gcount()))));
  if (body.bad())
    return Error{
        ErrorCode::unavailable, "the upload could not be read", "cannot read " + body_path.string(), {}};
  TANDEM_TRY(parser.finish());
  if (part.writer() == nullptr) return invalid_file("send the file as a multipart part named file");

  store::FileRow file;
  TANDEM_ASSIGN(file.sha256, part.writer()->commit());
  file.size = static_cast<std::int64_t>(part.writer()->size());
  file.mime = sniff_mime_type(blobs_.path_of(file.sha256));
  file.name = sanitize_file_name(part.filename());
  return file;
}

Result<std::string> FileService::store_bytes(std::string_view bytes) {
  return blobs_.put(bytes);
}

Result<store::FileRow> FileService::store_content(std::string_view name, std::string_view bytes) {
  store::FileRow file;
  TANDEM_ASSIGN(file.sha256, store_bytes(bytes));
  file.size = static_cast<std::int64_t>(bytes.size());
  file.mime = sniff_mime_type(bytes);
  file.name = sanitize_file_name(name);
  file.created_at = clock_.now_ms();
  return file;
}

Result<std::string> FileService::read_content(std::string_view sha256) {
  const std::filesystem::path path = blobs_.path_of(sha256);
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::make(ErrorCode::not_found, "no stored content " + std::string(sha256));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad())
    return Error{ErrorCode::unavailable, "a stored file cannot be read", "cannot read " + path.string(), {}};
  return bytes;
}

Result<store::FileRow> FileService::get_file(const Actor& actor, std::int64_t id) {
  std::optional<store::FileRow> file;
  TANDEM_ASSIGN(const SqlFilter items, modules_.shown_items(Policy::visible_items(actor)));
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(
        file, store::find_readable_file(txn, id, file_reader(actor), items, Policy::visible_messages(actor)));
    return {};
  }));
  if (!file) return Error::make(ErrorCode::not_found, "no such file");
  return *file;
}

Result<FileContent> FileService::open_file(const Actor& actor, std::int64_t id) {
  TANDEM_ASSIGN(auto file, get_file(actor, id));
  std::filesystem::path path = blobs_.path_of(file.sha256);
  return FileContent{std::move(file), std::move(path)};
}

}  // namespace tandem::service
