// What the tests of Tandem's SQLite VFS share: a temporary directory holding one database, connections to
// it and the SQL helpers they run.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

namespace tandem::store {

class VfsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "tandem-vfs-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path database() const { return dir_ / "test.db"; }

  // A connection to the test database through `vfs` (nullptr: SQLite's default) in WAL mode that
  // checkpoints only when told and leaves the WAL in place when it closes, after running `pragmas`.
  sqlite3* open(const char* vfs, const std::string& pragmas = "") {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(database().c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs),
              SQLITE_OK);
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0; " + pragmas);
    return db;
  }

  static void exec(sqlite3* db, const std::string& sql) {
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
        << sql << ": " << (message ? message : "");
    sqlite3_free(message);
  }

  // The first column of the first row `sql` gives, as text.
  static std::string text(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    std::string out = sqlite3_step(stmt) == SQLITE_ROW
                          ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))
                          : std::string("(no row: ") + sqlite3_errmsg(db) + ")";
    sqlite3_finalize(stmt);
    return out;
  }

  std::filesystem::path dir_;
};

}  // namespace tandem::store
