#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "store/sqlite/vfs.h"
#include "store/sqlite/vfs_test_support.h"

namespace tandem::store {

namespace {

class SharedMappingFileTest : public VfsTest {
 protected:
  // The lines of /proc/self/maps that map the test database.
  std::vector<std::string> mappings() const {
    std::ifstream maps("/proc/self/maps");
    std::vector<std::string> found;
    for (std::string line; std::getline(maps, line);)
      if (line.ends_with(" " + database().string())) found.push_back(line);
    return found;
  }

  // The kilobytes of the test database that its mapping has in the process's page tables.
  std::size_t mapped_kb() const {
    std::ifstream smaps("/proc/self/smaps");
    bool in_database = false;
    for (std::string line; std::getline(smaps, line);) {
      if (line.ends_with(" " + database().string())) in_database = true;
      if (in_database && line.starts_with("Rss:")) return std::stoul(line.substr(4));
    }
    return 0;
  }

  // Adds `count` notes of `bytes` characters in one transaction and copies the WAL into the database file.
  void add_notes(sqlite3* writer, int count, int bytes) {
    exec(writer, "BEGIN");
    for (int n = 0; n < count; ++n)
      exec(writer,
           "INSERT INTO notes(body) VALUES ('" + std::string(static_cast<std::size_t>(bytes), 'n') + "')");
    exec(writer, "COMMIT");
    exec(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
  }

  // notes(), read by another process through SQLite's own VFS (Python's sqlite3), whose closing connection
  // checkpoints and deletes the WAL when no other process holds a lock on the database.
  std::string notes_in_another_process() const {
    const std::string command =
        "python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); "
        "print(\"%d %.1f\" % db.execute(\"SELECT count(*), total(length(body)) FROM notes\").fetchone(), "
        "end=\"\"); "
        "db.close()' " +
        database().string();
    FILE* child = ::popen(command.c_str(), "r");
    if (!child) return "(not started)";
    std::string seen;
    char buffer[256];
    for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, child)) > 0;) seen.append(buffer, got);
    ::pclose(child);
    return seen;
  }

  static std::string notes(sqlite3* db) {
    return text(db, "SELECT count(*) || ' ' || total(length(body)) FROM notes");
  }
};

constexpr const char* kMapped = "PRAGMA mmap_size=268435456";

}  // namespace

// Two readers fetch their pages from one mapping of the database, which stays in place while another
// connection commits, grows the file and shrinks it again, and goes when the last connection closes;
// the readers see every commit and a sound database throughout.
TEST_F(SharedMappingFileTest, ConnectionsShareOneMappingThatOutlivesCommitsAndFollowsTheFileSize) {
  sqlite3* writer = open(tandem_vfs(), kMapped);
  exec(writer, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  add_notes(writer, 2000, 1000);
  sqlite3* first = open(tandem_vfs(), kMapped);
  sqlite3* second = open(tandem_vfs(), kMapped);
  EXPECT_EQ(notes(first), "2000 2000000.0");
  EXPECT_EQ(notes(second), "2000 2000000.0");
  const std::vector<std::string> mapped = mappings();
  ASSERT_EQ(mapped.size(), 1u);

  const auto small_size = std::filesystem::file_size(database());
  add_notes(writer, 2000, 1500);
  EXPECT_GT(std::filesystem::file_size(database()), small_size);
  EXPECT_EQ(notes(first), "4000 5000000.0");
  EXPECT_EQ(notes(second), "4000 5000000.0");
  EXPECT_EQ(mappings(), mapped);

  exec(writer, "DELETE FROM notes WHERE id > 100");
  exec(writer, "VACUUM");
  exec(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
  EXPECT_LT(std::filesystem::file_size(database()), small_size);
  EXPECT_EQ(notes(first), "100 100000.0");
  EXPECT_EQ(text(second, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(mappings(), mapped);

  add_notes(writer, 3000, 1000);
  EXPECT_EQ(notes(first), "3100 3100000.0");
  EXPECT_EQ(text(second, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(mappings(), mapped);

  EXPECT_EQ(sqlite3_close(first), SQLITE_OK);
  EXPECT_EQ(sqlite3_close(second), SQLITE_OK);
  EXPECT_EQ(sqlite3_close(writer), SQLITE_OK);
  EXPECT_TRUE(mappings().empty());
}

// Mapping the file keeps the process's locks on it, so another process neither takes the WAL away from
// this one nor misses its commits.
TEST_F(SharedMappingFileTest, AnotherProcessSeesEveryCommitWhileTheFileIsMapped) {
  sqlite3* writer = open(tandem_vfs(), kMapped);
  exec(writer, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  add_notes(writer, 100, 1000);
  sqlite3* reader = open(tandem_vfs(), kMapped);
  EXPECT_EQ(notes(reader), "100 100000.0");
  ASSERT_EQ(mappings().size(), 1u);
  EXPECT_EQ(notes_in_another_process(), "100 100000.0");
  exec(writer, "INSERT INTO notes(body) VALUES ('" + std::string(1000, 'n') + "')");
  EXPECT_EQ(notes_in_another_process(), "101 101000.0");
  EXPECT_EQ(notes(reader), "101 101000.0");
  EXPECT_EQ(sqlite3_close(reader), SQLITE_OK);
  EXPECT_EQ(sqlite3_close(writer), SQLITE_OK);
}

// The first fetch maps in every page of the file that is in memory, not only the pages around it.
TEST_F(SharedMappingFileTest, TheFirstFetchMapsInThePagesOfTheFileThatAreInMemory) {
  sqlite3* writer = open(tandem_vfs(), "PRAGMA mmap_size=0");
  exec(writer, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  add_notes(writer, 4000, 1000);  // written just now, so in the system's memory
  const auto size_kb = std::filesystem::file_size(database()) / 1024;
  ASSERT_GT(size_kb, 4000u);
  sqlite3* reader = open(tandem_vfs(), kMapped);
  EXPECT_EQ(text(reader, "SELECT length(body) FROM notes WHERE id = 1"), "1000");
  ASSERT_EQ(mappings().size(), 1u);
  EXPECT_GE(mapped_kb(), size_kb - 64);  // faulting alone maps only the pages around those read
  EXPECT_EQ(sqlite3_close(reader), SQLITE_OK);
  EXPECT_EQ(sqlite3_close(writer), SQLITE_OK);
}

// With mmap_size 0 nothing is mapped and every page is read.
TEST_F(SharedMappingFileTest, AConnectionWithoutMmapSizeMapsNothing) {
  sqlite3* writer = open(tandem_vfs(), "PRAGMA mmap_size=0");
  exec(writer, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  add_notes(writer, 500, 1000);
  EXPECT_EQ(notes(writer), "500 500000.0");
  EXPECT_TRUE(mappings().empty());
  EXPECT_EQ(sqlite3_close(writer), SQLITE_OK);
}

}  // namespace tandem::store
