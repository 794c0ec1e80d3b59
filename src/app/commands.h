// The commands behind the CLI. Each returns a process exit code and prints what went wrong on stderr.
#pragma once

#include <string>

#include "app/config.h"
#include "core/error.h"

namespace tandem::app {

/// Serves HTTP until SIGINT or SIGTERM, then shuts down gracefully.
int serve_command(const Config& config);
/// Applies pending migrations and prints the schema version.
int migrate_command(const Config& config);

struct CreateUserArgs {
  std::string email, name, role, password;
  bool password_stdin = false;
};
/// Creates an internal user (as the system actor).
int create_user_command(const Config& config, CreateUserArgs args);
/// Loads the demo data into a data dir that has no users yet, and prints how to sign in.
int demo_command(const Config& config, std::int64_t items);

/// Prints "tandem: <what>: <message>" on stderr and returns the exit code that fits the error.
int fail(std::string_view what, const Error& error);

}  // namespace tandem::app
