// Configuration: built-in defaults, then tandem.toml, then TANDEM_* environment variables, then flags.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"

namespace tandem::app {

struct Config {
  std::string listen = "127.0.0.1:8080";     // [server] listen / TANDEM_LISTEN
  std::string data_dir = "data";             // [store] data_dir / TANDEM_DATA
  bool synchronous_full = false;             // [store] synchronous = "full" / TANDEM_SYNCHRONOUS
  std::string web_root;                      // [web] root / TANDEM_WEB_ROOT (default: the built front end)
  unsigned io_threads = 0;                   // [server] io_threads / TANDEM_IO_THREADS (0 = one per core)
  unsigned worker_threads = 32;              // [server] worker_threads / TANDEM_WORKER_THREADS
  std::size_t max_body_bytes = 1024 * 1024;  // [server] max_body_bytes / TANDEM_MAX_BODY_BYTES
  std::size_t max_header_bytes = 16 * 1024;  // [server] max_header_bytes / TANDEM_MAX_HEADER_BYTES
  std::uint64_t max_file_bytes = 100 << 20;  // [files] max_bytes / TANDEM_MAX_FILE_BYTES
  unsigned idle_timeout_seconds = 60;        // [server] idle_timeout_seconds
  unsigned read_timeout_seconds = 30;        // [server] read_timeout_seconds
  std::size_t max_connections = 10000;       // [server] max_connections / TANDEM_MAX_CONNECTIONS
  bool access_log = true;                    // [server] access_log / TANDEM_ACCESS_LOG
  bool secure_cookies = false;               // [server] secure_cookies / TANDEM_SECURE_COOKIES
  std::string public_url;                    // [server] public_url / TANDEM_PUBLIC_URL (links in mail)
  std::string log_level = "info";            // [log] level / TANDEM_LOG_LEVEL
  std::string mail_listen;                   // [mail] listen / TANDEM_MAIL_LISTEN: LMTP/SMTP (empty: off)

  /// data_dir/tandem.db.
  std::string database_path() const;
};

/// Loads the configuration. `file` is the --config flag: when given it must exist; when not, ./tandem.toml
/// is read if present. Errors: validation_failed with a message naming the file, line and key.
Result<Config> load_config(const std::optional<std::string>& file);

/// Splits "host:port" ("[::1]:8080" for IPv6). Errors: validation_failed.
Result<std::pair<std::string, std::uint16_t>> parse_listen(const std::string& listen);

}  // namespace tandem::app
