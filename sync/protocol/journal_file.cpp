#include "sync/protocol/journal_file.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/export/attendance_export.h"
#include "sync/protocol/journal_key.h"
#include "sync/protocol/json_fields.h"
#include "sync/protocol/sync_store.h"

namespace passerelle::sync {
namespace {

using detail::Json;

constexpr std::string_view kFormat = "passerelle-journal";
constexpr std::size_t kMaxFileBytes = std::size_t{1} << 30;

constexpr const char* kMacField = "hmac_sha512_256";

Error at_line(std::size_t line, std::string_view message) {
  return make_error(Errc::invalid_input, "journal file line " + std::to_string(line) + ": " + std::string(message));
}

// The header's version and signer: all that is read before the MAC is checked.
Result<std::pair<std::int64_t, std::string>> header_signer(const Json& json) {
  constexpr std::string_view ctx = "journal file header";
  PSL_ASSIGN_OR_RETURN(const auto format, detail::get_string(json, ctx, "format"));
  if (format != kFormat) return make_error(Errc::invalid_input, "not a Passerelle journal file");
  PSL_ASSIGN_OR_RETURN(const auto version, detail::get_int(json, ctx, "version"));
  if (version == 1)
    return make_error(Errc::unsupported,
                      "journal file version 1 carries no device signature and is no longer imported: export the "
                      "journal again with an up-to-date passerelle-kiosk --export-journal (the kiosk needs the "
                      "journal key of its enrolment or of its export-kiosk bundle)");
  if (version != kJournalFileVersion)
    return make_error(Errc::unsupported, "journal file version " + std::to_string(version) + " is not supported");
  PSL_ASSIGN_OR_RETURN(auto signer, detail::get_string(json, ctx, "signer"));
  if (signer.empty()) return detail::field_error(ctx, "signer", "a device id");
  return std::pair{version, std::move(signer)};
}

Result<JournalFileHeader> parse_header(std::string_view line) {
  constexpr std::string_view ctx = "journal file header";
  PSL_ASSIGN_OR_RETURN(const auto json, detail::parse_document(line, ctx));
  JournalFileHeader header;
  PSL_ASSIGN_OR_RETURN(auto signed_by, header_signer(json));
  header.version = static_cast<int>(signed_by.first);
  header.signer = std::move(signed_by.second);
  PSL_ASSIGN_OR_RETURN(const Json* ids, detail::get_array(json, ctx, "device_ids"));
  for (const auto& id : *ids) {
    if (!id.is_string()) return detail::field_error(ctx, "device_ids", "an array of strings");
    header.device_ids.push_back(id.get<std::string>());
  }
  PSL_ASSIGN_OR_RETURN(header.event, detail::get_int_in(json, ctx, "event", 1, kMaxSeq));
  PSL_ASSIGN_OR_RETURN(header.count, detail::get_int_in(json, ctx, "count", 0, kMaxSeq));
  // The exporting kiosk's clock: import-journal passes it on as an upload's kiosk_time_ms.
  PSL_ASSIGN_OR_RETURN(header.exported_ms, detail::get_int_in(json, ctx, "exported_ms", kMinClockMs, kMaxClockMs));
  return header;
}

std::string_view first_line(std::string_view text) {
  const auto end = text.find('\n');
  return end == std::string_view::npos ? text : text.substr(0, end);
}

}  // namespace

Result<std::string> format_journal_file(const JournalFileHeader& header, const std::vector<WireEntry>& entries,
                                        const DeviceJournalKey& key) {
  PSL_TRY(check_journal_key(key.key_hex));
  std::string text = Json{{"format", kFormat},
                          {"version", kJournalFileVersion},
                          {"signer", key.device_id},
                          {"device_ids", header.device_ids},
                          {"event", header.event},
                          {"count", static_cast<std::int64_t>(entries.size())},
                          {"exported_ms", header.exported_ms}}
                         .dump(-1, ' ', false, Json::error_handler_t::replace);
  text += '\n';
  for (const auto& entry : entries) {
    text += to_json(entry);
    text += '\n';
  }
  PSL_ASSIGN_OR_RETURN(const auto mac, journal_mac(key.key_hex, text));
  text += Json{{kMacField, mac}}.dump();
  text += '\n';
  return text;
}

Result<std::int64_t> write_journal_file(Store& store, std::int64_t event_id, const std::filesystem::path& path) {
  PSL_ASSIGN_OR_RETURN(const auto ids, store.authored_device_ids());
  PSL_ASSIGN_OR_RETURN(auto all, SyncStore(store).wire_entries(event_id));
  std::vector<WireEntry> own;
  for (auto& entry : all)
    if (std::find(ids.begin(), ids.end(), entry.device) != ids.end()) own.push_back(std::move(entry));
  PSL_ASSIGN_OR_RETURN(const auto key, store.journal_key());
  if (!key)
    return make_error(Errc::not_found,
                      "this kiosk has no journal key, so the hub could not trust its journal file: enrol it, or run it "
                      "from a bundle made by passerelle-hub export-kiosk");
  JournalFileHeader header;
  header.device_ids = ids;
  header.event = event_id;
  header.exported_ms = store.clock().wall_ms();
  PSL_ASSIGN_OR_RETURN(const auto text, format_journal_file(header, own, *key));
  PSL_TRY(write_file_atomically(path, text));
  return static_cast<std::int64_t>(own.size());
}

Result<std::string> journal_file_signer(std::string_view text) {
  PSL_ASSIGN_OR_RETURN(const auto json, detail::parse_document(first_line(text), "journal file header"));
  PSL_ASSIGN_OR_RETURN(auto signed_by, header_signer(json));
  return std::move(signed_by.second);
}

Result<JournalFile> parse_journal_file(std::string_view text, const DeviceJournalKey& key) {
  // The signer first, for its message: a file of another device is named as such, not as damaged.
  PSL_ASSIGN_OR_RETURN(const auto signer, journal_file_signer(text));
  if (signer != key.device_id)
    return make_error(Errc::invalid_input, "journal file is signed by device " + signer + ", not by " + key.device_id);
  // The trailer is the last line; its MAC covers everything before it.
  if (text.empty() || text.back() != '\n') return make_error(Errc::invalid_input, "journal file is truncated");
  const auto trailer_start = text.rfind('\n', text.size() - 2);
  if (trailer_start == std::string_view::npos) return make_error(Errc::invalid_input, "journal file is truncated");
  const std::string_view body = text.substr(0, trailer_start + 1);
  const std::string_view trailer = text.substr(trailer_start + 1, text.size() - trailer_start - 2);
  {
    PSL_ASSIGN_OR_RETURN(const auto json, detail::parse_document(trailer, "journal file trailer"));
    PSL_ASSIGN_OR_RETURN(const auto mac, detail::get_string(json, "journal file trailer", kMacField));
    if (!journal_mac_matches(key.key_hex, body, mac))
      return make_error(Errc::invalid_input,
                        "journal file signature does not match device " + key.device_id +
                            "'s key: the file is damaged, truncated or edited, or was not written by that device");
  }
  JournalFile file;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < body.size()) {
    const auto end = body.find('\n', start);
    const std::string_view line = body.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line_number == 1) {
      auto header = parse_header(line);
      if (!header) return at_line(1, header.error().message);
      file.header = std::move(header).value();
      continue;
    }
    auto entry = parse_wire_entry(line);
    if (!entry) return at_line(line_number, entry.error().message);
    file.entries.push_back(std::move(entry).value());
  }
  if (line_number == 0) return make_error(Errc::invalid_input, "journal file has no header");
  if (file.header.count != static_cast<std::int64_t>(file.entries.size()))
    return make_error(Errc::invalid_input, "journal file header counts " + std::to_string(file.header.count) +
                                               " entries but holds " + std::to_string(file.entries.size()));
  return file;
}

Result<std::string> read_journal_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::io, "cannot open " + path.string());
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) return make_error(Errc::io, "cannot read " + path.string() + ": " + error.message());
  if (size > kMaxFileBytes) return make_error(Errc::invalid_input, path.string() + " is too large for a journal file");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return make_error(Errc::io, "cannot read " + path.string());
  return content.str();
}

}  // namespace passerelle::sync
