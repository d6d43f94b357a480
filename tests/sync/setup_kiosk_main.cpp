// setup_kiosk: a kiosk's first boot from the hub, headless, for the set-up fault test
// (setup_faults_test.cpp): the very KioskSetup the first-boot screen runs. With file descriptor 3
// open, the fault VFS traces the kiosk database's page writes ('w') and syncs ('y') there, so that
// the test kills it while it writes, and an 'e' marks the database in place after enrolment. One line per fact, flushed
// at once:
//   ENROLLED | ENROL-FAILED <hub code or -> <message> | STEP <received> <remaining> | ERROR <message>
//   COMPLETE
// Usage: setup_kiosk --db FILE --ticket TEXT (the ticket is used only when there is no database).
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <string>
#include <thread>

#include "sync/client/httplib_transport.h"
#include "sync/client/kiosk_setup.h"
#include "tests/support/fault_vfs.h"

namespace {

constexpr int kTraceFd = 3;

void trace(char event) {
  (void)!::write(kTraceFd, &event, 1);
}

void say(const std::string& line) {
  std::cout << line << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace passerelle;
  using namespace passerelle::kiosk;
  std::string db;
  std::string ticket;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--db") db = argv[i + 1];
    if (flag == "--ticket") ticket = argv[i + 1];
  }
  if (db.empty()) {
    std::cerr << "usage: setup_kiosk --db FILE --ticket TEXT\n";
    return 64;
  }
  if (::fcntl(kTraceFd, F_GETFD) != -1) testing::FaultVfs::install().set_trace(trace);
  auto need = setup_need(db);
  if (!need) {
    say("ERROR " + need.error().message);
    return 1;
  }
  KioskSetup setup(db, SystemClock::instance(), httplib_transport_factory());
  if (*need == SetupNeed::nothing) {
    auto enrolled = setup.enrol(ticket, "setup-fault-test");
    if (!enrolled) {
      const auto& error = enrolled.error();
      say("ENROL-FAILED " + (error.hub_code.empty() ? std::string("-") : error.hub_code) + " " + error.error.message);
      return 2;
    }
    say("ENROLLED");
    // On the trace too: the test counts the writes of the download from here.
    if (::fcntl(kTraceFd, F_GETFD) != -1) trace('e');
  }
  for (int attempt = 0; attempt < 200; ++attempt) {
    auto step = setup.step();
    if (!step) {
      say("ERROR " + step.error().error.message);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    say("STEP " + std::to_string(step->downloaded) + " " + std::to_string(step->remaining));
    if (step->complete) {
      say("COMPLETE");
      return 0;
    }
  }
  return 1;
}
