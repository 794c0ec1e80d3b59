#include "store/temp_database.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "store/migrations.h"
#include "store/sqlite/sqlite_database.h"

namespace tandem::store {

TempDatabase::TempDatabase(std::string label) {
  std::string pattern = (std::filesystem::temp_directory_path() / ("tandem-" + label + "-XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) {
    std::perror("TempDatabase: mkdtemp");
    std::abort();
  }
  dir_ = pattern;
  auto opened = open_sqlite({(dir_ / "tandem.db").string()});
  if (!opened.ok()) {
    std::fprintf(stderr, "TempDatabase: %s\n", opened.error().internal.c_str());
    std::abort();
  }
  db_ = std::move(opened.value());
  if (auto migrated = migrate(*db_); !migrated.ok()) {
    std::fprintf(stderr, "TempDatabase: %s\n", migrated.error().internal.c_str());
    std::abort();
  }
}

TempDatabase::~TempDatabase() {
  db_->close();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace tandem::store
