// Main database files whose pages every connection of the process reads through one memory mapping.
//
// SQLite's own VFS maps the database once per connection, and a connection unmaps it whenever it begins
// a read transaction after any commit; its next reads fault every page back in. With a database of
// gigabytes, a commit every few milliseconds and a connection per thread, readers would spend their time
// rebuilding page tables. Here the process maps each database file once, when a connection first fetches
// a page, and keeps that mapping until the last connection to the file closes. Making the mapping also
// maps in every page of the file the system already holds in memory, so the reads after a start do not
// fault them in one by one.
//
// Each connection still fetches only what SQLite's own would let it: bytes below its mmap_size and below
// the file's size as measured after SQLite last told it to forget its mapping (a read transaction that saw
// a change) or after it truncated the file itself. Anything else SQLite reads with xRead.
#pragma once

#include "store/sqlite/wrapped_file.h"

namespace tandem::store {

/// Main database files, wrapped as above.
extern const WrappedFileKind shared_mapping_file;

}  // namespace tandem::store
