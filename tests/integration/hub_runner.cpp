#include "tests/integration/hub_runner.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>

namespace passerelle::testing {

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

Run hub(const std::vector<std::string>& arguments, const std::string& environment) {
  std::string command = environment.empty() ? "" : environment + " ";
  command += shell_quote(PASSERELLE_HUB_BINARY);
  for (const auto& argument : arguments) command += " " + shell_quote(argument);
  command += " 2>&1";
  Run run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer{};
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) run.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace passerelle::testing
