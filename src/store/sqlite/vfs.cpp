#include "store/sqlite/vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>

#include "store/sqlite/shared_mapping_file.h"
#include "store/sqlite/wal_batching_file.h"

namespace tandem::store {

namespace {

// Opens WAL and main database files wrapped; every other file is the system's own.
int open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  auto* system = static_cast<sqlite3_vfs*>(vfs->pAppData);
  if (flags & SQLITE_OPEN_WAL) return wal_batching_file.open(system, name, file, flags, out_flags);
  if (flags & SQLITE_OPEN_MAIN_DB) return shared_mapping_file.open(system, name, file, flags, out_flags);
  return system->xOpen(system, name, file, flags, out_flags);
}

}  // namespace

const char* tandem_vfs() {
  static sqlite3_vfs vfs;
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_vfs* system = sqlite3_vfs_find(nullptr);
    vfs = *system;  // the system's methods take no state from their VFS but through xOpen, replaced here
    vfs.pNext = nullptr;
    vfs.zName = "tandem";
    vfs.szOsFile =
        static_cast<int>(std::max(wal_batching_file.wrapper_bytes, shared_mapping_file.wrapper_bytes)) +
        system->szOsFile;
    vfs.pAppData = system;
    vfs.xOpen = open;
    sqlite3_vfs_register(&vfs, 0);
  });
  return vfs.zName;
}

}  // namespace tandem::store
