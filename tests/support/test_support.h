// Helpers shared by the test suites.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/model/participant.h"

namespace passerelle::testing {

// 2026-12-08 09:12 in Brussels: a morning within the demo event, for clocks set by tests.
inline constexpr std::int64_t kMorning = 1796717520000;

// True in the AddressSanitizer build (tests/run-all.sh's second pass). A test that sweeps hundreds
// of seeded cases through the same code finds a memory error in its first few as surely as in all
// of them, and under the sanitizers each case costs several times more: such tests sweep fewer
// there. Their rates and margins are asserted in the release pass, on every case.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizerBuild = true;
#else
inline constexpr bool kSanitizerBuild = false;
#endif

// A fresh directory under the system's temporary folder, removed with everything in it when
// the object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path file(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// A file of the embedded demo event (assets/demo): event.toml, participants.csv.
inline std::string demo_asset(const std::string& file) {
  return std::string(PASSERELLE_SOURCE_DIR) + "/assets/demo/" + file;
}

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& content);

// Runs a command through /bin/sh and captures its standard output (append 2>&1 for errors).
struct CommandOutput {
  bool ok = false;  // exited with status 0
  int status = -1;  // exit status, -1 when it did not exit normally
  std::string text;
};
CommandOutput run_command(const std::string& command);

// Single-quoted for /bin/sh.
std::string shell_quote(const std::string& text);

// Deterministic, believable participants with European names (accents of many languages).
std::vector<ParticipantRecord> generate_participants(std::size_t count, unsigned seed);

// A CSV in Passerelle's canonical header for `records`.
std::string to_canonical_csv(const std::vector<ParticipantRecord>& records);

}  // namespace passerelle::testing
