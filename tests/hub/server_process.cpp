#include "tests/hub/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(60);
constexpr auto kStopTimeout = std::chrono::seconds(60);

// Waits for the child to exit until `deadline`; its wait status, or nothing.
std::optional<int> wait_until(pid_t pid, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 || std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

std::unique_ptr<ServerProcess> ServerProcess::start(const std::vector<std::string>& arguments,
                                                    const std::filesystem::path& log, std::string& error) {
  return start_binary(PASSERELLE_HUB_BINARY, arguments, log, error);
}

std::unique_ptr<ServerProcess> ServerProcess::start_binary(const std::string& binary,
                                                           const std::vector<std::string>& arguments,
                                                           const std::filesystem::path& log, std::string& error) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    error = "pipe failed";
    return nullptr;
  }
  std::vector<std::string> argv_text{binary};
  argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& text : argv_text) argv.push_back(text.data());
  argv.push_back(nullptr);
  const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    if (log_fd >= 0) dup2(log_fd, STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  if (log_fd >= 0) close(log_fd);
  std::unique_ptr<ServerProcess> server(new ServerProcess());
  server->pid_ = pid;
  server->stdout_fd_ = out[0];
  server->log_ = log;
  if (pid < 0) {
    error = "fork failed";
    return nullptr;
  }

  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (line.find('\n') == std::string::npos) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd ready{server->stdout_fd_, POLLIN, 0};
    if (left.count() <= 0 || poll(&ready, 1, static_cast<int>(left.count())) <= 0) {
      error = "no 'listening on' line in time; log: " + server->log();
      return nullptr;
    }
    char buffer[256];
    const ssize_t got = read(server->stdout_fd_, buffer, sizeof buffer);
    if (got <= 0) {
      error = "the server exited before listening; log: " + server->log();
      return nullptr;
    }
    line.append(buffer, static_cast<std::size_t>(got));
  }
  line.resize(line.find('\n'));
  constexpr std::string_view kPrefix = "listening on ";
  if (!line.starts_with(kPrefix)) {
    error = "unexpected first line '" + line + "'";
    return nullptr;
  }
  server->url_ = line.substr(kPrefix.size());
  const auto colon = server->url_.rfind(':');
  const auto scheme_end = server->url_.find("://") + 3;
  server->host_ = server->url_.substr(scheme_end, colon - scheme_end);
  server->port_ = std::stoi(server->url_.substr(colon + 1));
  return server;
}

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  auto status = wait_until(pid_, std::chrono::steady_clock::now() + kStopTimeout);
  if (!status) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  pid_ = -1;
  if (stdout_fd_ >= 0) close(stdout_fd_);
  stdout_fd_ = -1;
  if (!status || !WIFEXITED(*status)) return -1;
  return WEXITSTATUS(*status);
}

ServerProcess::~ServerProcess() {
  stop();
}

std::string ServerProcess::log() const {
  return read_file(log_);
}

}  // namespace passerelle::testing
