// What the files of Tandem's SQLite VFS share: each wraps a file of the system's VFS, which lives in the
// same allocation just after the wrapper, and passes the calls it does not change on to it.
#pragma once

#include <sqlite3.h>

#include <cstddef>

namespace tandem::store {

/// The head of every wrapping file: SQLite's part, then the system's file this one passes calls on to.
struct WrappedFile {
  sqlite3_file base;
  sqlite3_file* real;
};

/// The wrapper `file`, whose struct begins with a WrappedFile.
inline WrappedFile& wrapped(sqlite3_file* file) {
  return *reinterpret_cast<WrappedFile*>(file);
}

/// The system file's method `Member`, called with the arguments SQLite gave the wrapper.
template <auto Member>
struct Forward;
template <typename R, typename... Args, R (*sqlite3_io_methods::*Member)(sqlite3_file*, Args...)>
struct Forward<Member> {
  static R call(sqlite3_file* file, Args... args) {
    sqlite3_file* real = wrapped(file).real;
    return (real->pMethods->*Member)(real, args...);
  }
};

/// Methods that pass every call on to the system's file; a wrapper replaces those it changes.
constexpr sqlite3_io_methods forwarding_methods() {
  return {3,
          Forward<&sqlite3_io_methods::xClose>::call,
          Forward<&sqlite3_io_methods::xRead>::call,
          Forward<&sqlite3_io_methods::xWrite>::call,
          Forward<&sqlite3_io_methods::xTruncate>::call,
          Forward<&sqlite3_io_methods::xSync>::call,
          Forward<&sqlite3_io_methods::xFileSize>::call,
          Forward<&sqlite3_io_methods::xLock>::call,
          Forward<&sqlite3_io_methods::xUnlock>::call,
          Forward<&sqlite3_io_methods::xCheckReservedLock>::call,
          Forward<&sqlite3_io_methods::xFileControl>::call,
          Forward<&sqlite3_io_methods::xSectorSize>::call,
          Forward<&sqlite3_io_methods::xDeviceCharacteristics>::call,
          Forward<&sqlite3_io_methods::xShmMap>::call,
          Forward<&sqlite3_io_methods::xShmLock>::call,
          Forward<&sqlite3_io_methods::xShmBarrier>::call,
          Forward<&sqlite3_io_methods::xShmUnmap>::call,
          Forward<&sqlite3_io_methods::xFetch>::call,
          Forward<&sqlite3_io_methods::xUnfetch>::call};
}

/// A kind of wrapping file: the bytes its wrapper takes before the system's file in a VFS file allocation,
/// and how to open one (xOpen's arguments and result, with the system's VFS in place of the wrapping one).
struct WrappedFileKind {
  std::size_t wrapper_bytes;
  int (*open)(sqlite3_vfs* system, const char* name, sqlite3_file* file, int flags, int* out_flags);
};

/// Opens the system's file for `name` just after the wrapper of `wrapper_bytes` at `file`, and sets the
/// wrapper's `real` to it; SQLITE_CANTOPEN when the system's files lack the version 3 methods (fetching
/// pages and shared memory) the wrappers pass on. The wrapper's methods are left unset for the caller.
inline int open_wrapped(sqlite3_vfs* system, const char* name, sqlite3_file* file, std::size_t wrapper_bytes,
                        int flags, int* out_flags) {
  WrappedFile& f = wrapped(file);
  f.base.pMethods = nullptr;
  f.real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + wrapper_bytes);
  const int rc = system->xOpen(system, name, f.real, flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  if (f.real->pMethods->iVersion < 3) {
    f.real->pMethods->xClose(f.real);
    return SQLITE_CANTOPEN;
  }
  return SQLITE_OK;
}

}  // namespace tandem::store
