// Runs the real passerelle-hub binary as a user would, through a shell, and captures its output.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace passerelle::testing {

struct Run {
  int status = -1;
  std::string output;  // stdout and stderr together
};

// `environment` is prefixed to the command line as shell assignments ("PATH=/x:$PATH"). Unless it
// sets PASSERELLE_CLOCK_SET, the hub runs with PASSERELLE_CLOCK_SET=no: whether this machine's
// kernel calls its clock synchronised must not decide a test's check-ins (docs/CLOCKS.md).
Run hub(const std::vector<std::string>& arguments, const std::string& environment = "");

// Writes `database` (a new file) as `init --event-config` with the demo event and then
// `import participants` with its participants leave it: both run once per test program into a
// template that each call copies. Under the sanitizers the two commands cost seconds, and most
// hub suites start every test from them. Every copy holds the same signing keys. On failure, the
// commands' output (and `database` is not written).
Run copy_demo_hub(const std::filesystem::path& database);

}  // namespace passerelle::testing
