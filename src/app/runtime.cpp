#include "app/runtime.h"

#include <filesystem>

#include "service/auth/secrets.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_database.h"

namespace tandem::app {

Result<std::unique_ptr<Runtime>> open_runtime(const Config& config) {
  service::init_secrets();
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec)
    return Error{ErrorCode::unavailable, "cannot create the data dir " + config.data_dir, ec.message(), {}};
  auto runtime = std::make_unique<Runtime>();
  runtime->config = config;
  TANDEM_ASSIGN(runtime->db,
                store::open_sqlite({config.database_path(), 5000, 512, config.synchronous_full}));
  TANDEM_TRY(store::migrate(*runtime->db));
  runtime->services = std::make_unique<service::Services>(
      *runtime->db, runtime->clock,
      service::ServiceSettings{(std::filesystem::path(config.data_dir) / "files").string(),
                               config.max_file_bytes, config.public_url});
  return runtime;
}

}  // namespace tandem::app
