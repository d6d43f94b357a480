// Journal files: a kiosk's entries carried to the hub on a USB stick (docs/sync.md, "Offline
// transfer"). JSON Lines: a header naming the signing device, one entry per line, a trailer with
// the HMAC-SHA-512-256 (journal_key.h) of every byte before it under that device's journal key.
// The hub checks the MAC before it reads any entry, so an edited, truncated or forged file (one
// written for another device without its key) is refused as a whole, never imported in part.
//
// Version 2. Version 1 (a bare SHA-256 that anyone could recompute) is refused with a message
// saying to export again from an up-to-date kiosk.
//
// Not thread-safe beyond the Store's own rule (one thread per Store). Failures: Errc::io when the
// file cannot be written or read; Errc::unsupported for another version; Errc::invalid_input for a
// file that is not a complete, authentic journal file (the message names the line), including a
// line nested deeper than kMaxJsonDepth or a number outside the codec's bounds (wire.h): the
// header's event 1 to kMaxSeq, count 0 to kMaxSeq, exported_ms within the clock bounds; each entry
// as validate() says; Errc::not_found when a kiosk without a journal key is asked to write one.
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

inline constexpr int kJournalFileVersion = 2;

struct JournalFileHeader {
  int version = kJournalFileVersion;
  std::string signer;                   // the device whose journal key made the MAC
  std::vector<std::string> device_ids;  // the exporting device's authored ids, oldest first
  std::int64_t event = 0;
  std::int64_t count = 0;  // entries in the file
  std::int64_t exported_ms = 0;
};

struct JournalFile {
  JournalFileHeader header;
  std::vector<WireEntry> entries;
};

// The text of a journal file for these entries, signed with `key` (key.device_id becomes the
// header's signer). Fails only for a malformed key.
Result<std::string> format_journal_file(const JournalFileHeader& header, const std::vector<WireEntry>& entries,
                                        const DeviceJournalKey& key);

// Exports every entry of `event_id` written under one of the store's authored device ids, sent or
// not (a second import changes nothing), signed with the store's journal key, atomically: the file
// is complete or absent. Returns the number of entries written. Errc::not_found when the store has
// no journal key (neither enrolled nor made by export-kiosk).
Result<std::int64_t> write_journal_file(Store& store, std::int64_t event_id, const std::filesystem::path& path);

// The file's signer, read from its header alone, so that the hub can look up the key. Nothing else
// of the file is trusted before parse_journal_file has checked the MAC.
Result<std::string> journal_file_signer(std::string_view text);
// Checks the MAC under `key` (whose device must be the header's signer), then parses the file.
Result<JournalFile> parse_journal_file(std::string_view text, const DeviceJournalKey& key);
// The bytes of a journal file, at most 1 GiB.
Result<std::string> read_journal_text(const std::filesystem::path& path);

}  // namespace passerelle::sync
