// The `tandem` command line: serve, migrate, admin create-user, demo, version.
#pragma once

namespace tandem::app {

/// Parses the arguments and runs the command. Returns the process exit code: 0 on success, 64 for bad
/// usage, 65 for bad input data, 69 when the store is unavailable, 78 for a bad configuration, 1 otherwise.
int run_cli(int argc, char** argv);

}  // namespace tandem::app
