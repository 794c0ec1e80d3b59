#include "server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace tandem::api_test {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::seconds kSetupTimeout{30};
constexpr std::string_view kListeningLine = "tandem listening on http://";

std::string command_line(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& argument : argv) {
    if (!out.empty()) out += ' ';
    const bool quote = argument.empty() || argument.find_first_of(" \t\"'") != std::string::npos;
    out += quote ? "\"" + argument + "\"" : argument;
  }
  return out;
}

int open_log(const std::filesystem::path& path) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
  return fd;
}

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Starts argv[0] with stdout and stderr on the given descriptors and `environment` added to this process's
// variables; the child dies with the test process.
pid_t spawn(const std::vector<std::string>& argv,
            const std::vector<std::pair<std::string, std::string>>& environment, int stdout_fd,
            int stderr_fd) {
  std::vector<char*> args;
  for (const auto& argument : argv) args.push_back(const_cast<char*>(argument.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    dup2(stdout_fd, STDOUT_FILENO);
    dup2(stderr_fd, STDERR_FILENO);
    for (const auto& [name, value] : environment) setenv(name.c_str(), value.c_str(), 1);
    execv(args[0], args.data());
    const char* reason = std::strerror(errno);
    write_all(STDERR_FILENO, std::string("cannot execute ") + args[0] + ": " + reason + "\n");
    _exit(127);
  }
  return pid;
}

ProcessEnd end_from_status(int status) {
  ProcessEnd end;
  if (WIFEXITED(status)) end.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) end.signal = WTERMSIG(status);
  return end;
}

// Waits up to `timeout` for `pid` to end.
std::optional<ProcessEnd> wait_for(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return end_from_status(status);
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

ProcessEnd kill_and_reap(pid_t pid) {
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ProcessEnd end = end_from_status(status);
  end.timed_out = true;
  return end;
}

std::string tail_of_file(const std::filesystem::path& path, std::size_t max_lines) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  if (all.empty()) return "(the log is empty)\n";
  std::size_t start = all.ends_with('\n') ? all.size() - 1 : all.size();
  for (std::size_t lines = 0; lines < max_lines && start != std::string::npos; ++lines) {
    start = start == 0 ? std::string::npos : all.rfind('\n', start - 1);
  }
  return start == std::string::npos ? all : all.substr(start + 1);
}

// The port of a "... tandem listening on http://HOST:PORT" line, or 0 when `line` is another line.
int announced_port(std::string_view line) {
  const auto found = line.find(kListeningLine);
  if (found == std::string_view::npos) return 0;
  std::string_view address = line.substr(found + kListeningLine.size());
  address = address.substr(0, address.find_first_of("/ \r"));
  const auto colon = address.rfind(':');
  return colon == std::string_view::npos ? 0 : std::atoi(std::string(address.substr(colon + 1)).c_str());
}

}  // namespace

std::string ProcessEnd::describe() const {
  std::string text = signal != 0
                         ? "was killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")"
                         : "exited with code " + std::to_string(exit_code);
  return timed_out ? "did not exit in time and was killed" : text;
}

ServerProcess::ServerProcess(const std::string& binary, const std::vector<std::vector<std::string>>& setup,
                             const std::vector<std::pair<std::string, std::string>>& environment,
                             std::chrono::seconds startup_timeout)
    : environment_(environment) {
  std::string pattern = (std::filesystem::temp_directory_path() / "tandem-api-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("mkdtemp failed: " + std::string(std::strerror(errno)));
  root_ = pattern;
  log_path_ = root_ / "server.log";
  try {
    std::filesystem::create_directory(root_ / "data");
    const std::filesystem::path setup_log = root_ / "setup.log";
    for (std::size_t index = 0; index < setup.size(); ++index) {
      std::vector<std::string> argv{binary};
      argv.insert(argv.end(), setup[index].begin(), setup[index].end());
      argv.insert(argv.end(), {"--data", (root_ / "data").string()});
      const int log_fd = open_log(setup_log);
      const pid_t pid = spawn(argv, environment_, log_fd, log_fd);
      close(log_fd);
      std::optional<ProcessEnd> end = wait_for(pid, kSetupTimeout);
      if (!end) end = kill_and_reap(pid);
      if (!end->clean()) {
        throw SetupCommandFailed(index, "the setup command " + end->describe() + ": " + command_line(argv) +
                                            "\nits output:\n" + tail_of_file(setup_log, 40));
      }
    }
    start(binary, startup_timeout);
  } catch (...) {
    clean_up();
    throw;
  }
}

ServerProcess::~ServerProcess() {
  clean_up();
}

void ServerProcess::clean_up() {
  if (pid_ > 0 && !end_) end_ = kill_and_reap(pid_);
  finish_output();
  std::error_code ignored;
  std::filesystem::remove_all(root_, ignored);
}

void ServerProcess::start(const std::string& binary, std::chrono::seconds startup_timeout) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed: " + std::string(std::strerror(errno)));
  stdout_fd_ = pipe_fds[0];
  const int log_fd = open_log(log_path_);
  const std::vector<std::string> argv{binary,        "serve",  "--listen",
                                      "127.0.0.1:0", "--data", (root_ / "data").string()};
  try {
    pid_ = spawn(argv, environment_, pipe_fds[1], log_fd);
  } catch (...) {
    close(pipe_fds[1]);
    close(log_fd);
    throw;
  }
  close(pipe_fds[1]);

  const auto deadline = Clock::now() + startup_timeout;
  std::string pending;
  while (port_ == 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd poll_fd{stdout_fd_, POLLIN, 0};
    if (left.count() <= 0 || poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) {
      close(log_fd);
      throw std::runtime_error("`" + command_line(argv) + "` did not print \"" + std::string(kListeningLine) +
                               "...\" within " + std::to_string(startup_timeout.count()) + " s; its log:\n" +
                               log_tail());
    }
    char buffer[4096];
    const ssize_t n = read(stdout_fd_, buffer, sizeof buffer);
    if (n <= 0) {
      close(log_fd);
      const std::optional<ProcessEnd> end = wait_for(pid_, std::chrono::seconds(5));
      throw std::runtime_error("`" + command_line(argv) + "` " +
                               (end ? end->describe() : "closed its stdout") +
                               " before announcing its port; its log:\n" + log_tail());
    }
    write_all(log_fd, std::string_view(buffer, static_cast<std::size_t>(n)));
    pending.append(buffer, static_cast<std::size_t>(n));
    for (auto newline = pending.find('\n'); newline != std::string::npos && port_ == 0;
         newline = pending.find('\n')) {
      port_ = announced_port(std::string_view(pending).substr(0, newline));
      pending.erase(0, newline + 1);
    }
  }
  output_copier_ = std::thread([fd = stdout_fd_, log_fd] {
    char buffer[4096];
    for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;)
      write_all(log_fd, {buffer, static_cast<std::size_t>(n)});
    close(log_fd);
  });
}

void ServerProcess::finish_output() {
  if (output_copier_.joinable()) output_copier_.join();
  if (stdout_fd_ >= 0) close(stdout_fd_);
  stdout_fd_ = -1;
}

std::optional<ProcessEnd> ServerProcess::ended() {
  if (!end_) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) end_ = end_from_status(status);
  }
  return end_;
}

ProcessEnd ServerProcess::stop(std::chrono::seconds timeout) {
  if (!ended()) {
    kill(pid_, SIGTERM);
    end_ = wait_for(pid_, timeout);
    if (!end_) end_ = kill_and_reap(pid_);
  }
  finish_output();
  return *end_;
}

std::string ServerProcess::log_tail(std::size_t max_lines) const {
  return tail_of_file(log_path_, max_lines);
}

}  // namespace tandem::api_test
