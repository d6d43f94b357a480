// Journal files: a kiosk's entries carried to the hub on a USB stick (docs/sync.md, "Offline
// transfer"). JSON Lines: a header, one entry per line, a trailer with the SHA-256 of every byte
// before it, so a truncated or edited file is refused as a whole rather than imported in part.
//
// Not thread-safe beyond the Store's own rule (one thread per Store). Failures: Errc::io when the
// file cannot be written or read, Errc::invalid_input for a file that is not a complete, intact
// journal file (the message names the line), including a line nested deeper than kMaxJsonDepth or
// a number outside the codec's bounds (wire.h): the header's event 1 to kMaxSeq, count 0 to
// kMaxSeq, exported_ms within the clock bounds; each entry as validate() says.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/store.h"
#include "core/util/result.h"
#include "sync/protocol/wire.h"

namespace passerelle::sync {

inline constexpr int kJournalFileVersion = 1;

struct JournalFileHeader {
  int version = kJournalFileVersion;
  std::vector<std::string> device_ids;  // the exporting device's authored ids, oldest first
  std::int64_t event = 0;
  std::int64_t count = 0;  // entries in the file
  std::int64_t exported_ms = 0;
};

struct JournalFile {
  JournalFileHeader header;
  std::vector<WireEntry> entries;
};

// The text of a journal file for these entries.
std::string format_journal_file(const JournalFileHeader& header, const std::vector<WireEntry>& entries);

// Exports every entry of `event_id` written under one of the store's authored device ids, sent or
// not (a second import changes nothing), atomically: the file is complete or absent. Returns the
// number of entries written.
Result<std::int64_t> write_journal_file(Store& store, std::int64_t event_id, const std::filesystem::path& path);

Result<JournalFile> parse_journal_file(std::string_view text);
Result<JournalFile> read_journal_file(const std::filesystem::path& path);

}  // namespace passerelle::sync
