#include "store/sqlite/wal_batching_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <string>

namespace tandem::store {

namespace {

constexpr int kFrameHeaderBytes = 24;                // a WAL frame's header; the WAL's own header is 32
constexpr std::size_t kMaxGatheredBytes = 4u << 20;  // a longer transaction is handed over in parts
constexpr std::size_t kMaxWriteBytes = 0x1ffff;      // the unix VFS's xWrite takes at most this at once

// A WAL file as SQLite sees it; the system VFS's file for it lives just after this struct.
struct WalFile {
  sqlite3_file base;
  sqlite3_file* real;
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
    rc = file.real->pMethods->xWrite(file.real, gathered.data() + at, static_cast<int>(size),
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
  const int closed = f.real->pMethods->xClose(f.real);
  delete f.gathered;
  return flushed != SQLITE_OK ? flushed : closed;
}

// The system file's method `Member`, called directly or after the gathered writes are handed over.
template <auto Member>
struct Forward;
template <typename R, typename... Args, R (*sqlite3_io_methods::*Member)(sqlite3_file*, Args...)>
struct Forward<Member> {
  static R direct(sqlite3_file* file, Args... args) {
    sqlite3_file* real = wal(file).real;
    return (real->pMethods->*Member)(real, args...);
  }
  static R flushed(sqlite3_file* file, Args... args) {
    if (const int rc = flush(wal(file)); rc != SQLITE_OK) return rc;
    return direct(file, args...);
  }
};

const sqlite3_io_methods kWalMethods = {
    3,
    close,
    Forward<&sqlite3_io_methods::xRead>::flushed,
    write,
    Forward<&sqlite3_io_methods::xTruncate>::flushed,
    Forward<&sqlite3_io_methods::xSync>::flushed,
    Forward<&sqlite3_io_methods::xFileSize>::flushed,
    Forward<&sqlite3_io_methods::xLock>::flushed,
    Forward<&sqlite3_io_methods::xUnlock>::flushed,
    Forward<&sqlite3_io_methods::xCheckReservedLock>::flushed,
    Forward<&sqlite3_io_methods::xFileControl>::flushed,
    Forward<&sqlite3_io_methods::xSectorSize>::direct,
    Forward<&sqlite3_io_methods::xDeviceCharacteristics>::direct,
    Forward<&sqlite3_io_methods::xShmMap>::direct,
    Forward<&sqlite3_io_methods::xShmLock>::direct,
    Forward<&sqlite3_io_methods::xShmBarrier>::direct,
    Forward<&sqlite3_io_methods::xShmUnmap>::direct,
    Forward<&sqlite3_io_methods::xFetch>::flushed,
    Forward<&sqlite3_io_methods::xUnfetch>::direct,
};

// Opens WAL files (of a system VFS with version 3 files) wrapped; every other file is the system's own.
int open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  auto* system = static_cast<sqlite3_vfs*>(vfs->pAppData);
  if ((flags & SQLITE_OPEN_WAL) == 0) return system->xOpen(system, name, file, flags, out_flags);
  WalFile& f = wal(file);
  f.base.pMethods = nullptr;
  f.real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + sizeof(WalFile));
  const int rc = system->xOpen(system, name, f.real, flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  if (f.real->pMethods->iVersion < 3) {
    f.real->pMethods->xClose(f.real);
    return SQLITE_CANTOPEN;
  }
  f.gathered = new std::string();
  f.gathered_at = 0;
  f.after_commit_header = false;
  f.base.pMethods = &kWalMethods;
  return SQLITE_OK;
}

}  // namespace

const char* wal_batching_vfs() {
  static sqlite3_vfs vfs;
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_vfs* system = sqlite3_vfs_find(nullptr);
    vfs = *system;  // the system's methods take no state from their VFS but through xOpen, replaced here
    vfs.pNext = nullptr;
    vfs.zName = "tandem-wal-batching";
    vfs.szOsFile = static_cast<int>(sizeof(WalFile)) + system->szOsFile;
    vfs.pAppData = system;
    vfs.xOpen = open;
    sqlite3_vfs_register(&vfs, 0);
  });
  return vfs.zName;
}

}  // namespace tandem::store
