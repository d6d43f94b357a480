#include "tests/kiosk/xvfb.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <thread>

#include "kiosk/scan/unique_fd.h"
#include "tests/support/test_support.h"

extern char** environ;

namespace passerelle::testing {
namespace {

using scan::UniqueFd;

// posix_spawn's file actions, destroyed with the object.
class SpawnActions {
 public:
  SpawnActions() { posix_spawn_file_actions_init(&actions_); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions_); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

// The argv and envp arrays posix_spawn wants, pointing into `strings`.
std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& text : strings) out.push_back(text.data());
  out.push_back(nullptr);
  return out;
}

Result<pid_t> spawn(std::vector<std::string> argv, std::vector<std::string> environment,
                    posix_spawn_file_actions_t* actions) {
  for (char** entry = environ; *entry != nullptr; ++entry) environment.emplace_back(*entry);
  auto args = pointers(argv);
  auto env = pointers(environment);
  pid_t pid = 0;
  const int error = posix_spawnp(&pid, args[0], actions, nullptr, args.data(), env.data());
  if (error != 0) return make_error(Errc::io, "cannot start " + argv[0] + ": " + std::strerror(error));
  return pid;
}

// Waits for `pid` up to `limit`; true when it ended (status filled), false when still running.
bool wait_for(pid_t pid, std::chrono::milliseconds limit, int& status) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

bool Xvfb::available() {
  return run_command("command -v Xvfb >/dev/null 2>&1").ok;
}

Result<std::unique_ptr<Xvfb>> Xvfb::start() {
  if (!available()) return make_error(Errc::not_found, "Xvfb is not installed (apt-get install xvfb)");
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return make_error(Errc::io, "pipe failed");
  UniqueFd read_end(fds[0]);
  UniqueFd write_end(fds[1]);
  Result<pid_t> pid = make_error(Errc::io, "not started");
  {
    SpawnActions actions;
    // The server writes its display number to fd 3 once it accepts connections.
    posix_spawn_file_actions_adddup2(actions.get(), write_end.get(), 3);
    posix_spawn_file_actions_addopen(actions.get(), 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(actions.get(), 2, "/dev/null", O_WRONLY, 0);
    pid = spawn({"Xvfb", "-displayfd", "3", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"}, {}, actions.get());
  }
  write_end.reset();  // so that a server that dies closes the pipe
  if (!pid) return pid.error();
  std::string number;
  pollfd poller{read_end.get(), POLLIN, 0};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (number.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    if (poll(&poller, 1, 200) <= 0) continue;
    char buffer[32];
    const ssize_t got = read(read_end.get(), buffer, sizeof buffer);
    if (got <= 0) break;
    number.append(buffer, static_cast<std::size_t>(got));
  }
  while (!number.empty() && (number.back() == '\n' || number.back() == '\r')) number.pop_back();
  if (number.empty()) {
    kill(*pid, SIGTERM);
    int status = 0;
    waitpid(*pid, &status, 0);
    return make_error(Errc::io, "Xvfb did not report a display");
  }
  return std::unique_ptr<Xvfb>(new Xvfb(*pid, ":" + number));
}

Xvfb::~Xvfb() {
  kill(pid_, SIGTERM);
  int status = 0;
  if (!wait_for(pid_, std::chrono::seconds(5), status)) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
  }
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::vector<std::string>& environment,
                          std::chrono::seconds limit, const std::filesystem::path& log_file) {
  ProcessResult result;
  Result<pid_t> pid = make_error(Errc::io, "not started");
  {
    SpawnActions actions;
    posix_spawn_file_actions_addopen(actions.get(), 1, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(actions.get(), 1, 2);
    pid = spawn(argv, environment, actions.get());
  }
  if (!pid) {
    result.output = pid.error().message;
    return result;
  }
  int status = 0;
  if (!wait_for(*pid, limit, status)) {
    result.timed_out = true;
    kill(*pid, SIGKILL);
    waitpid(*pid, &status, 0);
  } else if (WIFEXITED(status)) {
    result.status = WEXITSTATUS(status);
  }
  result.output = read_file(log_file);
  return result;
}

}  // namespace passerelle::testing
