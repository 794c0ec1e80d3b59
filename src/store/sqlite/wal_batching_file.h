// WAL files that reach the system one transaction per system call.
//
// SQLite writes a WAL frame as two writes (its 24-byte header, then the page) and a transaction as one
// frame per changed page, so a commit of 200 pages costs 400 pwrite calls. This file gathers the writes
// that continue one another and hands them to the system at once: when the frame that commits a
// transaction is complete, and before any other use of the file (read, sync, truncate, lock, size, close).
// Other connections learn of a commit only after SQLite's writes for it return, by which time the whole
// transaction has reached the file; a crash before that loses only a transaction that never committed.
#pragma once

#include "store/sqlite/wrapped_file.h"

namespace tandem::store {

/// WAL files, wrapped as above.
extern const WrappedFileKind wal_batching_file;

}  // namespace tandem::store
