// The embedded SQLite backend: WAL, one writer thread with group commit, a pool of read connections.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace tandem::store {

struct SqliteOptions {
  std::string path;                  // database file; created when missing
  int busy_timeout_ms = 5000;        // how long a reader waits on a lock
  std::size_t max_group_size = 512;  // write transactions committed together at most
  bool synchronous_full = false;     // fsync every commit (power-loss safe) instead of NORMAL
};

/// Opens (creating when missing) the database at options.path and starts its writer thread.
/// Errors: `unavailable` when the file cannot be opened or configured.
Result<std::unique_ptr<Database>> open_sqlite(const SqliteOptions& options);

}  // namespace tandem::store
