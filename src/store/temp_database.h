// A migrated SQLite database in a fresh temporary folder, removed when destroyed. For tests and benchmarks.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "store/database.h"

namespace tandem::store {

class TempDatabase {
 public:
  /// Creates the folder (named after `label`), opens the database and applies every migration.
  /// Aborts the process when it cannot: a test without its database has nothing to say.
  explicit TempDatabase(std::string label);
  ~TempDatabase();
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  Database& db() { return *db_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

}  // namespace tandem::store
