#include "tests/integration/hub_runner.h"

#include "tests/support/test_support.h"

namespace passerelle::testing {

Run hub(const std::vector<std::string>& arguments, const std::string& environment) {
  std::string command =
      environment.find("PASSERELLE_CLOCK_SET=") == std::string::npos ? "PASSERELLE_CLOCK_SET=no " : "";
  if (!environment.empty()) command += environment + " ";
  command += shell_quote(PASSERELLE_HUB_BINARY);
  for (const auto& argument : arguments) command += " " + shell_quote(argument);
  auto result = run_command(command + " 2>&1");
  return Run{result.status, std::move(result.text)};
}

}  // namespace passerelle::testing
