// kill_loop_door: the door of tests/faults/kill_loop.cpp, killed by it again and again. It scans
// codes CODE-<from> .. CODE-<to - 1> on its database the way the kiosk does (CheckinService, one
// commit per scan) and tells its parent on stdout, one unbuffered byte or line at a time, where it
// stands, so that the parent knows where each kill -9 landed:
//   R            the database is open: the door is ready
//   S<code>\n    a scan starts
//   w / y        a page reaches the disk / a sync starts (from the fault VFS, in trace mode)
//   G<code>\n    the scan was accepted and committed: what the attendee saw as green
//   F<code>\n    the scan was refused or failed (not green)
// Usage: kill_loop_door DB FROM TO
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "core/checkin/checkin.h"
#include "core/store/store.h"
#include "tests/support/fault_vfs.h"

namespace {

void say(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
    if (n <= 0) std::_Exit(3);  // the parent is gone
    done += static_cast<std::size_t>(n);
  }
}

void trace(char event) {
  (void)!::write(STDOUT_FILENO, &event, 1);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace passerelle;
  if (argc != 4) return 2;
  testing::FaultVfs::install().set_trace(trace);
  auto store = Store::open(argv[1]);
  if (!store) return 4;
  auto event = store->resolve_event(std::nullopt);
  auto checkpoints =
      event ? store->checkpoints(event->id) : Result<std::vector<Checkpoint>>(Error{Errc::not_found, ""});
  if (!checkpoints || checkpoints->empty()) return 5;
  CheckinService service(*store);
  say("R");
  for (long code = std::atol(argv[2]); code < std::atol(argv[3]); ++code) {
    const std::string text = std::to_string(code);
    say("S" + text + "\n");
    CheckinRequest request;
    request.event_id = event->id;
    request.checkpoint_id = checkpoints->front().id;
    request.code = "CODE-" + text;
    auto result = service.scan(request);
    say((result && result->outcome == Outcome::accepted ? "G" : "F") + text + "\n");
  }
  return 0;
}
