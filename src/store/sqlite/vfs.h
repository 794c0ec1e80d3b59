// The SQLite VFS Tandem opens its connections with: the system's own, except that WAL files hand each
// transaction to the system in one call (wal_batching_file.h) and main database files are read through
// one mapping for the whole process (shared_mapping_file.h).
#pragma once

namespace tandem::store {

/// The name to open SQLite connections with (registered on first call; the system VFS stays the default).
const char* tandem_vfs();

}  // namespace tandem::store
