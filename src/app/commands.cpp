#include "app/commands.h"

#include <signal.h>

#include <iostream>

#include <spdlog/spdlog.h>

#include "app/runtime.h"
#include "app/tandem_server.h"
#include "store/migrations.h"

namespace tandem::app {

int serve_command(const Config& config) {
  // Every thread started from here on inherits the blocked signals; this thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto server = TandemServer::start(config);
  if (!server.ok()) return fail("serve", server.error());
  std::cout << "tandem listening on " << server.value()->url() << std::endl;
  spdlog::info("serving {} with data in {}", config.listen, config.data_dir);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  spdlog::info("received {}: finishing in-flight requests", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
  server.value()->stop();
  spdlog::info("stopped cleanly");
  return 0;
}

int migrate_command(const Config& config) {
  auto runtime = open_runtime(config);  // applies pending migrations
  if (!runtime.ok()) return fail("migrate", runtime.error());
  auto version = store::schema_version(*runtime.value()->db);
  if (!version.ok()) return fail("migrate", version.error());
  std::cout << "schema at version " << version.value() << " in " << config.database_path() << "\n";
  runtime.value()->db->close();
  return 0;
}

int create_user_command(const Config& config, CreateUserArgs args) {
  if (args.password_stdin && !std::getline(std::cin, args.password)) {
    std::cerr << "tandem: admin create-user: no password on standard input\n";
    return 65;
  }
  auto runtime = open_runtime(config);
  if (!runtime.ok()) return fail("admin create-user", runtime.error());
  auto user = runtime.value()->services->users.create_user(Actor::system(),
                                                           {args.email, args.name, args.role, args.password});
  runtime.value()->db->close();
  if (!user.ok()) {
    Error error = user.error();
    if (auto field = error.details.find("field"); field != error.details.end())
      error.message = "--" + field->second + ": " + error.message;
    return fail("admin create-user", error);
  }
  std::cout << "created user " << user->id << " " << user->email << " (" << to_string(user->role) << ")\n";
  return 0;
}

}  // namespace tandem::app
