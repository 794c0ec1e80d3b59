#include "app/config.h"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <vector>

#include <toml++/toml.h>

namespace tandem::app {

namespace {

Error config_error(std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message));
}

template <typename T>
Status read_number(std::string_view text, T& out, std::string_view what) {
  T value{};
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size())
    return config_error(std::string(what) + ": expected a whole number, got \"" + std::string(text) + "\"");
  out = value;
  return {};
}

Status read_bool(std::string_view text, bool& out, std::string_view what) {
  if (text == "1" || text == "true" || text == "yes" || text == "on") return out = true, Status{};
  if (text == "0" || text == "false" || text == "no" || text == "off") return out = false, Status{};
  return config_error(std::string(what) + ": expected true or false, got \"" + std::string(text) + "\"");
}

Status read_synchronous(std::string_view text, bool& full, std::string_view what) {
  if (text != "normal" && text != "full")
    return config_error(std::string(what) + ": expected \"normal\" or \"full\", got \"" + std::string(text) +
                        "\"");
  full = text == "full";
  return {};
}

// One setting: its TOML path, its environment variable, and how to apply a text value.
struct Setting {
  std::string_view toml_path;
  std::string_view env;
  std::function<Status(Config&, std::string_view, std::string_view)> apply;
};

template <typename T>
Setting number_setting(std::string_view path, std::string_view env, T Config::*member) {
  return {path, env, [member](Config& c, std::string_view v, std::string_view what) {
            return read_number(v, c.*member, what);
          }};
}

Setting bool_setting(std::string_view path, std::string_view env, bool Config::*member) {
  return {path, env, [member](Config& c, std::string_view v, std::string_view what) {
            return read_bool(v, c.*member, what);
          }};
}

Setting text_setting(std::string_view path, std::string_view env, std::string Config::*member) {
  return {path, env, [member](Config& c, std::string_view v, std::string_view) {
            c.*member = std::string(v);
            return Status{};
          }};
}

const std::vector<Setting>& settings() {
  static const std::vector<Setting> all = {
      text_setting("server.listen", "TANDEM_LISTEN", &Config::listen),
      number_setting("server.io_threads", "TANDEM_IO_THREADS", &Config::io_threads),
      number_setting("server.worker_threads", "TANDEM_WORKER_THREADS", &Config::worker_threads),
      number_setting("server.max_body_bytes", "TANDEM_MAX_BODY_BYTES", &Config::max_body_bytes),
      number_setting("server.max_header_bytes", "TANDEM_MAX_HEADER_BYTES", &Config::max_header_bytes),
      number_setting("server.idle_timeout_seconds", "TANDEM_IDLE_TIMEOUT_SECONDS",
                     &Config::idle_timeout_seconds),
      number_setting("server.read_timeout_seconds", "TANDEM_READ_TIMEOUT_SECONDS",
                     &Config::read_timeout_seconds),
      number_setting("server.max_connections", "TANDEM_MAX_CONNECTIONS", &Config::max_connections),
      bool_setting("server.access_log", "TANDEM_ACCESS_LOG", &Config::access_log),
      bool_setting("server.secure_cookies", "TANDEM_SECURE_COOKIES", &Config::secure_cookies),
      text_setting("server.public_url", "TANDEM_PUBLIC_URL", &Config::public_url),
      text_setting("store.data_dir", "TANDEM_DATA", &Config::data_dir),
      number_setting("files.max_bytes", "TANDEM_MAX_FILE_BYTES", &Config::max_file_bytes),
      {"store.synchronous", "TANDEM_SYNCHRONOUS",
       [](Config& c, std::string_view v, std::string_view what) {
         return read_synchronous(v, c.synchronous_full, what);
       }},
      text_setting("web.root", "TANDEM_WEB_ROOT", &Config::web_root),
      text_setting("log.level", "TANDEM_LOG_LEVEL", &Config::log_level),
      text_setting("mail.listen", "TANDEM_MAIL_LISTEN", &Config::mail_listen),
  };
  return all;
}

// The TOML value as the text a setting parses (strings as they are, numbers and booleans printed).
std::optional<std::string> toml_text(const toml::node& node) {
  if (auto s = node.as_string()) return s->get();
  if (auto i = node.as_integer()) return std::to_string(i->get());
  if (auto b = node.as_boolean()) return std::string(b->get() ? "true" : "false");
  return std::nullopt;
}

Status apply_file(Config& config, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& err) {
    return config_error(path + ":" + std::to_string(err.source().begin.line) + ": " +
                        std::string(err.description()));
  }
  for (const auto& setting : settings()) {
    const toml::node* node = table.at_path(setting.toml_path).node();
    if (!node) continue;
    const std::string where =
        path + ":" + std::to_string(node->source().begin.line) + ": " + std::string(setting.toml_path);
    const auto text = toml_text(*node);
    if (!text) return config_error(where + ": unsupported value type");
    TANDEM_TRY(setting.apply(config, *text, where));
  }
  return {};
}

}  // namespace

std::string Config::database_path() const {
  return (std::filesystem::path(data_dir) / "tandem.db").string();
}

Result<Config> load_config(const std::optional<std::string>& file) {
  Config config;
  std::error_code ec;
  if (file) {
    if (!std::filesystem::exists(*file, ec)) return config_error(*file + ": configuration file not found");
    TANDEM_TRY(apply_file(config, *file));
  } else if (std::filesystem::exists("tandem.toml", ec)) {
    TANDEM_TRY(apply_file(config, "tandem.toml"));
  }
  for (const auto& setting : settings())
    if (const char* value = std::getenv(std::string(setting.env).c_str()))
      TANDEM_TRY(setting.apply(config, value, "environment " + std::string(setting.env)));
  return config;
}

Result<std::pair<std::string, std::uint16_t>> parse_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return config_error("listen address \"" + listen + "\" must be HOST:PORT, e.g. 127.0.0.1:8080");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::uint16_t port = 0;
  TANDEM_TRY(read_number(std::string_view(listen).substr(colon + 1), port, "listen port"));
  return std::pair{host, port};
}

}  // namespace tandem::app
