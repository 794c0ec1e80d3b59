// A SQLite VFS over the system's own that writes each transaction's write-ahead log in one system call.
//
// SQLite writes a WAL frame as two writes (its 24-byte header, then the page) and a transaction as one
// frame per changed page, so a commit of 200 pages costs 400 pwrite calls. This VFS gathers the writes
// that continue one another and hands them to the system at once: when the frame that commits a
// transaction is complete, and before any other use of the file (read, sync, truncate, lock, size, close).
// Other connections learn of a commit only after SQLite's writes for it return, by which time the whole
// transaction has reached the file; a crash before that loses only a transaction that never committed.
#pragma once

namespace tandem::store {

/// The name to open SQLite connections with (registered on first call; the system VFS stays the default).
const char* wal_batching_vfs();

}  // namespace tandem::store
