#include "store/sqlite/wal_batching_file.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "store/sqlite/wrapped_file.h"

namespace tandem::store {

namespace {

constexpr int kFrameHeaderBytes = 24;                // a WAL frame's header; the WAL's own header is 32
constexpr std::size_t kMaxGatheredBytes = 4u << 20;  // a longer transaction is handed over in parts
constexpr std::size_t kMaxWriteBytes = 0x1ffff;      // the unix VFS's xWrite takes at most this at once

// A WAL file as SQLite sees it.
struct WalFile {
  WrappedFile wrapped;
  std::string* gathered;  // writes not handed to the system yet, contiguous from gathered_at
  sqlite3_int64 gathered_at;
  bool after_commit_header;  // the last write was the header of a frame that commits a transaction
};

WalFile& wal(sqlite3_file* file) {
  return *reinterpret_cast<WalFile*>(file);
}

int flush(WalFile& file) {
  const std::string& gathered = *file.gathered;
  int rc = SQLITE_OK;
  for (std::size_t at = 0; at < gathered.size() && rc == SQLITE_OK; at += kMaxWriteBytes) {
    const std::size_t size = std::min(kMaxWriteBytes, gathered.size() - at);
    rc = file.wrapped.real->pMethods->xWrite(file.wrapped.real, gathered.data() + at, static_cast<int>(size),
                                             file.gathered_at + static_cast<sqlite3_int64>(at));
  }
  file.gathered->clear();
  return rc;
}

// A frame header's bytes 4–7: the database size after a commit, zero in the other frames.
bool commits(const void* header) {
  const auto* bytes = static_cast<const unsigned char*>(header);
  return (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
}

int write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  WalFile& f = wal(file);
  std::string& gathered = *f.gathered;
  if (!gathered.empty() && offset != f.gathered_at + static_cast<sqlite3_int64>(gathered.size()))
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  if (gathered.empty()) f.gathered_at = offset;
  gathered.append(static_cast<const char*>(data), static_cast<std::size_t>(amount));
  const bool ends_commit = f.after_commit_header;  // this is the page of the committing frame
  f.after_commit_header = amount == kFrameHeaderBytes && commits(data);
  return ends_commit || gathered.size() >= kMaxGatheredBytes ? flush(f) : SQLITE_OK;
}

int close(sqlite3_file* file) {
  WalFile& f = wal(file);
  const int flushed = flush(f);
  const int closed = Forward<&sqlite3_io_methods::xClose>::call(file);
  delete f.gathered;
  return flushed != SQLITE_OK ? flushed : closed;
}

// The system file's method `Member`, called after the gathered writes are handed over.
template <auto Member>
struct Flushed;
template <typename R, typename... Args, R (*sqlite3_io_methods::*Member)(sqlite3_file*, Args...)>
struct Flushed<Member> {
  static R call(sqlite3_file* file, Args... args) {
    if (const int rc = flush(wal(file)); rc != SQLITE_OK) return rc;
    return Forward<Member>::call(file, args...);
  }
};

constexpr sqlite3_io_methods kWalMethods = [] {
  sqlite3_io_methods methods = forwarding_methods();
  methods.xClose = close;
  methods.xRead = Flushed<&sqlite3_io_methods::xRead>::call;
  methods.xWrite = write;
  methods.xTruncate = Flushed<&sqlite3_io_methods::xTruncate>::call;
  methods.xSync = Flushed<&sqlite3_io_methods::xSync>::call;
  methods.xFileSize = Flushed<&sqlite3_io_methods::xFileSize>::call;
  methods.xLock = Flushed<&sqlite3_io_methods::xLock>::call;
  methods.xUnlock = Flushed<&sqlite3_io_methods::xUnlock>::call;
  methods.xCheckReservedLock = Flushed<&sqlite3_io_methods::xCheckReservedLock>::call;
  methods.xFileControl = Flushed<&sqlite3_io_methods::xFileControl>::call;
  methods.xFetch = Flushed<&sqlite3_io_methods::xFetch>::call;
  return methods;
}();

int open(sqlite3_vfs* system, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  const int rc = open_wrapped(system, name, file, sizeof(WalFile), flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  WalFile& f = wal(file);
  f.gathered = new std::string();
  f.gathered_at = 0;
  f.after_commit_header = false;
  f.wrapped.base.pMethods = &kWalMethods;
  return SQLITE_OK;
}

}  // namespace

const WrappedFileKind wal_batching_file{sizeof(WalFile), open};

}  // namespace tandem::store
