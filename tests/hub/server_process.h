// Runs the real `passerelle-hub serve` as a child process on loopback, for the server tests.
//
// start() waits (generously) for its "listening on URL" line, so a test never guesses when the
// server is ready or which port it got. The destructor stops it with SIGTERM, and SIGKILL if it
// does not exit in time, so no server outlives its test.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace passerelle::testing {

class ServerProcess {
 public:
  // `arguments` follow the binary's name. On failure returns null and sets `error`.
  static std::unique_ptr<ServerProcess> start(const std::vector<std::string>& arguments,
                                              const std::filesystem::path& log, std::string& error);
  // The same with another passerelle-hub binary (a benchmark comparing two builds).
  static std::unique_ptr<ServerProcess> start_binary(const std::string& binary,
                                                     const std::vector<std::string>& arguments,
                                                     const std::filesystem::path& log, std::string& error);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  const std::string& url() const { return url_; }
  const std::string& host() const { return host_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // SIGTERM, then waits for the exit: its status, or -1 when it had to be killed or died by a signal.
  int stop();
  // What it wrote to standard error.
  std::string log() const;

 private:
  ServerProcess() = default;

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::filesystem::path log_;
  std::string url_;
  std::string host_;
  int port_ = 0;
};

}  // namespace passerelle::testing
