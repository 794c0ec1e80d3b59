#include "store/sqlite/shared_mapping_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <list>
#include <mutex>
#include <tuple>
#include <utility>
#include <vector>

#include "store/sqlite/wrapped_file.h"

namespace tandem::store {

namespace {

// One database file the process has open, with the read-only mapping its connections share.
struct SharedFile {
  dev_t device;
  ino_t inode;
  int users = 0;  // the connections that have the file open
  // The descriptor the mapping was made with, closed only after the last connection: closing any
  // descriptor of a file drops all the process's POSIX locks on it, SQLite's included.
  int descriptor = -1;
  char* base = nullptr;  // the mapping, made at the first fetch; null before or when it failed
  sqlite3_int64 length = 0;
  bool tried = false;  // a fetch tried to map the file
};

std::mutex shared_files_mutex;
std::list<SharedFile> shared_files;

// The process's entry for the file at `path`, which a connection has just opened; nullptr when the file
// cannot be identified (its pages are then read).
SharedFile* enter_shared_file(const char* path) {
  struct stat status {};
  if (::stat(path, &status) != 0) return nullptr;
  std::lock_guard lock(shared_files_mutex);
  auto it = std::find_if(shared_files.begin(), shared_files.end(), [&](const SharedFile& file) {
    return file.device == status.st_dev && file.inode == status.st_ino;
  });
  SharedFile& file = it != shared_files.end() ? *it : shared_files.emplace_back(status.st_dev, status.st_ino);
  ++file.users;
  return &file;
}

// Enters the pages of the file that the system holds in memory into the page tables of `base`, a mapping
// of the file's first `size` bytes, a run of pages per call. Reads after a start then find those pages
// mapped instead of faulting them in a few at a time (in the first seconds of reading a 2 GB database at
// random, the faults more than doubled the CPU of a read). Pages on disk stay there.
// Best effort: where the system lacks these calls, the reads fault the pages in as before.
void map_resident_pages(char* base, std::size_t size) {
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> resident((size + page - 1) / page);
  if (::mincore(base, size, resident.data()) != 0) return;
  for (std::size_t first = 0; first < resident.size();) {
    std::size_t end = first;
    while (end < resident.size() && (resident[end] & 1) != 0) ++end;
    if (end > first) ::madvise(base + first * page, (end - first) * page, MADV_POPULATE_READ);
    first = end + 1;
  }
}

// Maps the file at `path` for `length` bytes unless an earlier fetch already tried; the mapping's start and
// length, or nullptr when the file cannot be mapped.
std::pair<char*, sqlite3_int64> map_shared_file(SharedFile& file, const char* path, sqlite3_int64 length) {
  std::lock_guard lock(shared_files_mutex);
  if (!file.tried) {
    file.tried = true;
    file.descriptor = ::open(path, O_RDONLY | O_CLOEXEC);
    if (file.descriptor >= 0)
      if (void* base =
              ::mmap(nullptr, static_cast<std::size_t>(length), PROT_READ, MAP_SHARED, file.descriptor, 0);
          base != MAP_FAILED) {
        file.base = static_cast<char*>(base);
        file.length = length;
        struct stat status {};
        if (::fstat(file.descriptor, &status) == 0)
          map_resident_pages(file.base,
                             static_cast<std::size_t>(std::min<sqlite3_int64>(status.st_size, length)));
      }
  }
  return {file.base, file.length};
}

// Gives up a closed connection's use of `file`, unmapping and closing it after the last.
void leave_shared_file(SharedFile* file) {
  std::lock_guard lock(shared_files_mutex);
  if (--file->users > 0) return;
  if (file->base) ::munmap(file->base, static_cast<std::size_t>(file->length));
  if (file->descriptor >= 0) ::close(file->descriptor);
  shared_files.remove_if([&](const SharedFile& f) { return &f == file; });
}

// A main database file as SQLite sees it.
struct MappedFile {
  WrappedFile wrapped;
  const char* path;          // SQLite keeps the name it opened the file with valid until it closes it
  SharedFile* shared;        // the process's entry for the file; nullptr: every page is read
  char* base;                // the shared mapping, once this connection's first fetch asked for it
  sqlite3_int64 length;      // the shared mapping's length; 0 before the first fetch or when mapping failed
  bool asked;                // a fetch of this connection asked for the mapping
  sqlite3_int64 mmap_limit;  // the connection's mmap_size: no fetch reaches past it
  sqlite3_int64 fetchable;   // the bytes fetches may reach now; -1: measure the file before the next
};

MappedFile& mapped(sqlite3_file* file) {
  return *reinterpret_cast<MappedFile*>(file);
}

// Points *page at the `amount` bytes at `offset` in the mapping, or at nothing when they are not to be
// fetched (SQLite then reads them).
int fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** page) {
  MappedFile& f = mapped(file);
  *page = nullptr;
  if (f.mmap_limit <= 0 || !f.shared) return SQLITE_OK;
  if (!f.asked) {
    f.asked = true;
    std::tie(f.base, f.length) = map_shared_file(*f.shared, f.path, f.mmap_limit);
  }
  if (!f.base) return SQLITE_OK;
  if (f.fetchable < 0) {
    sqlite3_int64 size = 0;
    if (Forward<&sqlite3_io_methods::xFileSize>::call(file, &size) != SQLITE_OK) return SQLITE_OK;
    f.fetchable = size;
  }
  if (offset + amount <= std::min({f.fetchable, f.mmap_limit, f.length})) *page = f.base + offset;
  return SQLITE_OK;
}

// SQLite's "forget the mapping" (no page given) only makes the next fetch measure the file again.
int unfetch(sqlite3_file* file, sqlite3_int64, void* page) {
  if (!page) mapped(file).fetchable = -1;
  return SQLITE_OK;
}

int truncate(sqlite3_file* file, sqlite3_int64 size) {
  MappedFile& f = mapped(file);
  const int rc = Forward<&sqlite3_io_methods::xTruncate>::call(file, size);
  if (rc == SQLITE_OK && f.fetchable > size) f.fetchable = size;
  return rc;
}

// Keeps mmap_size for this file, so the system's file never maps the database itself.
int file_control(sqlite3_file* file, int op, void* argument) {
  if (op != SQLITE_FCNTL_MMAP_SIZE)
    return Forward<&sqlite3_io_methods::xFileControl>::call(file, op, argument);
  MappedFile& f = mapped(file);
  auto* limit = static_cast<sqlite3_int64*>(argument);
  const sqlite3_int64 requested = *limit;
  *limit = f.mmap_limit;
  if (requested >= 0) f.mmap_limit = requested;
  return SQLITE_OK;
}

int close(sqlite3_file* file) {
  SharedFile* shared = mapped(file).shared;
  const int rc = Forward<&sqlite3_io_methods::xClose>::call(file);  // releases SQLite's locks first
  if (shared) leave_shared_file(shared);
  return rc;
}

constexpr sqlite3_io_methods kMappedMethods = [] {
  sqlite3_io_methods methods = forwarding_methods();
  methods.xClose = close;
  methods.xTruncate = truncate;
  methods.xFileControl = file_control;
  methods.xFetch = fetch;
  methods.xUnfetch = unfetch;
  return methods;
}();

int open(sqlite3_vfs* system, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  const int rc = open_wrapped(system, name, file, sizeof(MappedFile), flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  MappedFile& f = mapped(file);
  sqlite3_int64 system_limit = 0;  // the system's file maps nothing of its own
  Forward<&sqlite3_io_methods::xFileControl>::call(file, SQLITE_FCNTL_MMAP_SIZE, &system_limit);
  f.path = name;
  f.shared = enter_shared_file(name);
  f.base = nullptr;
  f.length = 0;
  f.asked = false;
  f.mmap_limit = 0;
  f.fetchable = -1;
  f.wrapped.base.pMethods = &kMappedMethods;
  return SQLITE_OK;
}

}  // namespace

const WrappedFileKind shared_mapping_file{sizeof(MappedFile), open};

}  // namespace tandem::store
