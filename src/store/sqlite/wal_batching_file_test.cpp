#include <string>

#include "store/sqlite/vfs.h"
#include "store/sqlite/vfs_test_support.h"

namespace tandem::store {

using WalBatchingFileTest = VfsTest;

// Transactions of one row to hundreds of pages (larger than the writer's cache, so pages spill into the
// WAL before the commit and are read back and rewritten), and one of over 4 MB, are each whole to a reader
// as soon as they commit, and SQLite's own VFS recovers every one of them from the WAL Tandem's VFS
// wrote.
TEST_F(WalBatchingFileTest, EveryCommitIsWholeToReadersAndTheLogRecoversWithTheSystemVfs) {
  sqlite3* writer = open(tandem_vfs(), "PRAGMA cache_size=8");
  sqlite3* reader = open(tandem_vfs(), "PRAGMA cache_size=8");
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

  sqlite3* plain = open(nullptr, "PRAGMA cache_size=8");
  EXPECT_EQ(text(plain, "SELECT count(*) || ' ' || total(length(body)) FROM notes"),
            std::to_string(rows) + " " + std::to_string(bytes) + ".0");
  EXPECT_EQ(text(plain, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(sqlite3_close(plain), SQLITE_OK);
}

}  // namespace tandem::store
