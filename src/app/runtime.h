// The long-lived parts of a Tandem process, wired together: store, clock, services.
#pragma once

#include <memory>

#include "app/config.h"
#include "core/clock.h"
#include "service/services.h"
#include "store/database.h"

namespace tandem::app {

struct Runtime {
  Config config;
  SystemClock clock;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<service::Services> services;
};

/// Creates the data dir when missing, opens the store, applies migrations and builds the services.
/// Errors: unavailable (store cannot be opened) or the failing migration's error.
Result<std::unique_ptr<Runtime>> open_runtime(const Config& config);

}  // namespace tandem::app
