// FaultVfs: an SQLite VFS for tests that passes every call to the platform's own ("unix") and,
// on demand, fails writes or syncs (an I/O error or a full disk) and simulates a power cut by
// putting every file back as it was at its last successful sync. LevelDB's fault-injection Env,
// at the layer where SQLite meets the disk, so that the code under test runs unchanged.
//
// install() registers the shim once as the process's default VFS: every Database opened after it
// goes through the shim (core opens with the default VFS). Test programs only: a production binary
// never links this.
//
// Power cut, as LevelDB's test does it: power_cut() rolls every file back to its synced state
// at once and then ignores all writes, syncs, truncations and deletions (reporting success), so
// that closing the connections afterwards, as a dying process would not, changes nothing on disk;
// power_on() makes the disk live again before the files are reopened.
//
// Thread safety: every method may be called from any thread while connections work; the counters
// are exact. Failure: power_cut() returns an error if a file could not be rolled back.
#pragma once

#include <cstdint>
#include <string>

#include "core/util/result.h"

namespace passerelle::testing {

class FaultVfs {
 public:
  enum class Fault { none, io_error, disk_full };

  struct Counters {
    std::int64_t writes = 0;         // xWrite calls that reached the disk
    std::int64_t syncs = 0;          // xSync calls that reached the disk
    std::int64_t failed_writes = 0;  // writes refused by an injected fault
    std::int64_t failed_syncs = 0;
    std::int64_t lost_writes = 0;   // writes undone by power cuts
    std::int64_t cuts_at_sync = 0;  // power cuts that power_cut_at_sync() made land in a commit
  };

  static FaultVfs& install();

  // From the next call on, writes (after `after_writes` more succeed) fail with `fault`:
  // SQLITE_IOERR_WRITE or SQLITE_FULL. Fault::none stops failing writes.
  void fail_writes(Fault fault, std::int64_t after_writes = 0);
  // Syncs fail with SQLITE_IOERR_FSYNC while on.
  void fail_syncs(bool on);
  // Stops every injected failure (the disk "recovers"); does not end a power cut.
  void heal();

  Status power_cut();
  // The power goes at the sync `after_syncs` syncs from now, instead of it: what that commit wrote
  // is rolled back with everything else unsynced, and the sync fails, as a commit that never ended.
  // The moment where a cut matters most. Negative: disarmed.
  void power_cut_at_sync(std::int64_t after_syncs);
  void power_on();
  bool powered() const;

  Counters counters() const;

  // Called with 'w' as each write reaches the disk and 'y' as each sync starts, on the writing
  // thread: a kill-loop's child reports where it stands (tests/faults/). Must be
  // async-signal-safe in spirit: a write(2) of one byte, nothing that locks. Null: no trace.
  void set_trace(void (*trace)(char event));
};

}  // namespace passerelle::testing
