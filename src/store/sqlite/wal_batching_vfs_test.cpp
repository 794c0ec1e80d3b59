#include "store/sqlite/wal_batching_vfs.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

namespace tandem::store {

namespace {

class WalBatchingVfsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "tandem-wal-vfs-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A connection to the test database through `vfs` (nullptr: SQLite's default) that leaves the WAL in
  // place when it closes, so the next connection has to read it back.
  sqlite3* open(const char* vfs) {
    sqlite3* db = nullptr;
    const std::string path = (dir_ / "test.db").string();
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs), SQLITE_OK);
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    exec(db,
         "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0; PRAGMA "
         "cache_size=8");
    return db;
  }

  static void exec(sqlite3* db, const std::string& sql) {
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
        << sql << ": " << (message ? message : "");
    sqlite3_free(message);
  }

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

}  // namespace

// Transactions of one row to hundreds of pages (larger than the writer's cache, so pages spill into the
// WAL before the commit and are read back and rewritten), and one of over 4 MB, are each whole to a reader
// as soon as they commit, and SQLite's own VFS recovers every one of them from the WAL the batching VFS
// wrote.
TEST_F(WalBatchingVfsTest, EveryCommitIsWholeToReadersAndTheLogRecoversWithTheSystemVfs) {
  sqlite3* writer = open(wal_batching_vfs());
  sqlite3* reader = open(wal_batching_vfs());
  exec(writer, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  std::int64_t rows = 0, bytes = 0;
  for (int round = 0; round < 40; ++round) {
    const int count = round % 4 == 0 ? 300 : round % 4;
    const std::string body(round % 3 == 0 ? 1500 : 40, static_cast<char>('a' + round % 26));
    exec(writer, "BEGIN");
    for (int n = 0; n < count; ++n) exec(writer, "INSERT INTO notes(body) VALUES ('" + body + "')");
    if (round % 10 == 9) exec(writer, "UPDATE notes SET body = body || 'x'");  // rewrites spilled frames
    exec(writer, "COMMIT");
    rows += count;
    bytes += static_cast<std::int64_t>(count) * static_cast<std::int64_t>(body.size());
    if (round % 10 == 9) bytes += rows;
    EXPECT_EQ(text(reader, "SELECT count(*) || ' ' || total(length(body)) FROM notes"),
              std::to_string(rows) + " " + std::to_string(bytes) + ".0")
        << "after round " << round;
  }
  // Over 4 MB in the writer's cache: its frames, all written at the commit, are handed over in parts
  // before the committing one.
  exec(writer, "PRAGMA cache_size=-65536");
  exec(writer, "BEGIN");
  const std::string large(1500, 'z');
  for (int n = 0; n < 3500; ++n) exec(writer, "INSERT INTO notes(body) VALUES ('" + large + "')");
  exec(writer, "COMMIT");
  rows += 3500;
  bytes += 3500 * 1500;
  EXPECT_EQ(text(reader, "SELECT count(*) || ' ' || total(length(body)) FROM notes"),
            std::to_string(rows) + " " + std::to_string(bytes) + ".0");
  EXPECT_EQ(text(reader, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(sqlite3_close(reader), SQLITE_OK);
  EXPECT_EQ(sqlite3_close(writer), SQLITE_OK);
  ASSERT_TRUE(std::filesystem::exists(dir_ / "test.db-wal"));

  sqlite3* plain = open(nullptr);
  EXPECT_EQ(text(plain, "SELECT count(*) || ' ' || total(length(body)) FROM notes"),
            std::to_string(rows) + " " + std::to_string(bytes) + ".0");
  EXPECT_EQ(text(plain, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(sqlite3_close(plain), SQLITE_OK);
}

}  // namespace tandem::store
