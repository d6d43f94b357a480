// Helpers shared by the test suites.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/model/participant.h"

namespace passerelle::testing {

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

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& content);

// Deterministic, believable participants with European names (accents of many languages).
std::vector<ParticipantRecord> generate_participants(std::size_t count, unsigned seed);

// A CSV in Passerelle's canonical header for `records`.
std::string to_canonical_csv(const std::vector<ParticipantRecord>& records);

}  // namespace passerelle::testing
