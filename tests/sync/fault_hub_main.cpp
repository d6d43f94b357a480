// fault_hub: passerelle-hub as the sync fault tests run it. The same command (hub_cli), with the
// fault VFS (tests/support/fault_vfs.h) as SQLite's default in trace mode when file descriptor 3
// is open: one byte there as each page write reaches the disk ('w') and as each sync starts ('y'),
// so that a test can kill the hub while it writes a batch and know that it did. PostgreSQL hubs
// write through their server: the tests watch those from outside (pg_stat_activity).
#include <fcntl.h>
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "sync/hub/cli/context.h"
#include "tests/support/fault_vfs.h"

namespace {

constexpr int kTraceFd = 3;

void trace(char event) {
  (void)!::write(kTraceFd, &event, 1);
}

}  // namespace

int main(int argc, char** argv) {
  if (::fcntl(kTraceFd, F_GETFD) != -1) passerelle::testing::FaultVfs::install().set_trace(trace);
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  const int status = passerelle::hub::run_hub_cli(arguments, std::cout, std::cerr);
  std::cout.flush();
  return status;
}
