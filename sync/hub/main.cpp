// passerelle-hub: the organiser's command. All work happens in the hub_cli library so that
// tests drive the same code.
#include <iostream>
#include <string>
#include <vector>

#include "sync/hub/cli/context.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  const int status = passerelle::hub::run_hub_cli(arguments, std::cout, std::cerr);
  std::cout.flush();
  return status;
}
