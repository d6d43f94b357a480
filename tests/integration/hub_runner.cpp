#include "tests/integration/hub_runner.h"

#include <mutex>
#include <optional>

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

Run copy_demo_hub(const std::filesystem::path& database) {
  static std::once_flag once;
  static std::optional<TempDir> directory;
  static Run made;
  std::call_once(once, [] {
    directory.emplace();
    const std::string file = directory->file("demo-hub.db").string();
    made = hub({"--db", file, "init", "--event-config", demo_asset("event.toml")});
    if (made.status != 0) return;
    made = hub({"--db", file, "import", "participants", demo_asset("participants.csv")});
  });
  if (made.status != 0) return made;
  // The hub has exited: its last connection closed and checkpointed the WAL into the file.
  std::error_code error;
  std::filesystem::copy_file(directory->file("demo-hub.db"), database, error);
  if (error) return Run{1, "cannot copy the demo hub to " + database.string() + ": " + error.message()};
  return Run{0, made.output};
}

}  // namespace passerelle::testing
