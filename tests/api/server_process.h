// One `tandem serve` child process on a free port, with its own temporary data folder and log.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace tandem::api_test {

/// How a child process ended.
struct ProcessEnd {
  int exit_code = -1;      // when it exited
  int signal = 0;          // when a signal ended it
  bool timed_out = false;  // it had to be killed after the wait ran out
  /// True for exit code 0 within the wait.
  bool clean() const { return !timed_out && signal == 0 && exit_code == 0; }
  /// E.g. "exited with code 0", "was killed by signal 11 (Segmentation fault)".
  std::string describe() const;
};

/// Thrown when a setup command fails; `index` tells which one.
class SetupCommandFailed : public std::runtime_error {
 public:
  SetupCommandFailed(std::size_t index, const std::string& message)
      : std::runtime_error(message), index(index) {}
  std::size_t index;
};

class ServerProcess {
 public:
  /// Creates a temporary folder, runs each setup command as `binary ARGS... --data DIR`, then starts
  /// `binary serve --listen 127.0.0.1:0 --data DIR` and waits for its "tandem listening on http://HOST:PORT"
  /// line. Every command runs with `environment` added to the inherited variables. Throws
  /// SetupCommandFailed or std::runtime_error, with the relevant output, when a step fails.
  ServerProcess(const std::string& binary, const std::vector<std::vector<std::string>>& setup,
                const std::vector<std::pair<std::string, std::string>>& environment,
                std::chrono::seconds startup_timeout);
  /// Kills the server if it still runs and removes the temporary folder.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  /// How the server ended when it is no longer running, else nullopt. Does not block.
  std::optional<ProcessEnd> ended();
  /// Sends SIGTERM and waits up to `timeout` for the exit (then kills it).
  ProcessEnd stop(std::chrono::seconds timeout);
  /// The last `max_lines` lines of the server's stdout and stderr.
  std::string log_tail(std::size_t max_lines = 40) const;

 private:
  void start(const std::string& binary, std::chrono::seconds startup_timeout);
  void finish_output();
  void clean_up();

  std::vector<std::pair<std::string, std::string>> environment_;
  std::filesystem::path root_;
  std::filesystem::path log_path_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
  std::optional<ProcessEnd> end_;
  std::thread output_copier_;
};

}  // namespace tandem::api_test
