#include "app/cli.h"

#include <iostream>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "app/commands.h"
#include "app/mail_gateway.h"

namespace tandem::app {

int fail(std::string_view what, const Error& error) {
  std::cerr << "tandem: " << what << ": " << error.message;
  if (!error.internal.empty() && error.internal != error.message) std::cerr << " (" << error.internal << ")";
  std::cerr << "\n";
  switch (error.code) {
    case ErrorCode::validation_failed:
    case ErrorCode::conflict:
    case ErrorCode::invalid_json:
    case ErrorCode::bad_request:
      return 65;  // EX_DATAERR
    case ErrorCode::unavailable:
      return 69;  // EX_UNAVAILABLE
    default:
      return 1;
  }
}

namespace {

// Logs go to stderr (stdout carries the command's own output, e.g. the listening line).
void setup_logging(const std::string& level) {
  spdlog::set_default_logger(spdlog::stderr_logger_mt("tandem"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
  spdlog::set_level(spdlog::level::from_str(level));
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App cli{"Tandem: helpdesk and project management in one server"};
  cli.require_subcommand(1);
  std::optional<std::string> config_file, data_dir, listen;
  auto add_common = [&](CLI::App* command) {
    command->add_option("--config", config_file, "configuration file (default: ./tandem.toml when present)");
    command->add_option("--data", data_dir, "data directory (default: ./data)");
  };

  auto* serve = cli.add_subcommand("serve", "serve the web app and API");
  add_common(serve);
  serve->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 picks one)");
  auto* migrate = cli.add_subcommand("migrate", "apply pending database migrations");
  add_common(migrate);
  auto* demo = cli.add_subcommand("demo", "load demo data into a new data directory");
  add_common(demo);
  demo->add_option("--listen", listen, "HOST:PORT the demo will be served on (for the printed address)");
  std::int64_t demo_items = 200;
  demo->add_option("--items", demo_items, "how many generated items (with messages) to load; default 200")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{100'000'000}));
  auto* mail_gate =
      cli.add_subcommand("mail-gate", "store one message from standard input (for an MTA pipe)");
  add_common(mail_gate);
  MailGateArgs gate_args;
  mail_gate->add_option("--sender", gate_args.sender, "the envelope sender");
  mail_gate->add_option("--recipient", gate_args.recipients, "an envelope recipient (repeatable)");
  auto* version = cli.add_subcommand("version", "print the version");
  auto* admin = cli.add_subcommand("admin", "administration commands");
  admin->require_subcommand(1);
  auto* create_user = admin->add_subcommand("create-user", "create an internal user");
  add_common(create_user);
  CreateUserArgs user_args;
  create_user->add_option("--email", user_args.email, "email address")->required();
  create_user->add_option("--name", user_args.name, "display name")->required();
  create_user->add_option("--role", user_args.role, "admin, manager or agent")
      ->required()
      ->check(CLI::IsMember({"admin", "manager", "agent"}));
  auto* password = create_user->add_option("--password", user_args.password, "password (8+ characters)");
  auto* password_stdin = create_user->add_flag("--password-stdin", user_args.password_stdin,
                                               "read the password from the first line of standard input");
  password->excludes(password_stdin);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : 64;  // EX_USAGE
  }
  if (version->parsed()) {
    std::cout << "tandem " << TANDEM_VERSION << "\n";
    return 0;
  }
  if (create_user->parsed() && user_args.password.empty() && !user_args.password_stdin) {
    std::cerr << "tandem: admin create-user: give --password or --password-stdin\n";
    return 64;
  }

  auto config = load_config(config_file);
  if (!config.ok()) {
    fail("configuration", config.error());
    return 78;  // EX_CONFIG
  }
  if (data_dir) config->data_dir = *data_dir;
  if (listen) config->listen = *listen;
  if (config->web_root.empty()) config->web_root = TANDEM_DEFAULT_WEB_ROOT;
  setup_logging(config->log_level);

  if (serve->parsed()) return serve_command(config.value());
  if (migrate->parsed()) return migrate_command(config.value());
  if (demo->parsed()) return demo_command(config.value(), demo_items);
  if (mail_gate->parsed()) return mail_gate_command(config.value(), gate_args);
  return create_user_command(config.value(), std::move(user_args));
}

}  // namespace tandem::app
