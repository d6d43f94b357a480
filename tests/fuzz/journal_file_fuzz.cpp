// libFuzzer target: a journal file as `passerelle-hub import-journal` reads it from a USB stick
// (sync/protocol/journal_file.h). Each input is read twice: as it is, where nearly everything
// stops at the signer or the MAC, and signed again with the fuzzer's key, so that the header and
// entry parsers behind the MAC are reached too. Properties beyond "no crash, no sanitizer report":
// a refusal is invalid_input or unsupported with a message; an accepted file's count matches its
// entries, each entry is valid, and the file written again from what was read reads back the same.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sync/protocol/journal_file.h"
#include "sync/protocol/journal_key.h"

namespace passerelle::sync {
namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

const DeviceJournalKey& fuzz_key() {
  static const DeviceJournalKey key{"fuzz-device", std::string(64, 'a')};
  return key;
}

void check(std::string_view text) {
  auto file = parse_journal_file(text, fuzz_key());
  if (!file) {
    const Errc code = file.error().code;
    require((code == Errc::invalid_input || code == Errc::unsupported) && !file.error().message.empty());
    return;
  }
  require(file->header.signer == fuzz_key().device_id);
  require(file->header.count == static_cast<std::int64_t>(file->entries.size()));
  for (const auto& entry : file->entries) require(validate(entry).has_value());
  auto again = format_journal_file(file->header, file->entries, fuzz_key());
  require(again.has_value());
  auto reread = parse_journal_file(*again, fuzz_key());
  require(reread.has_value() && reread->entries == file->entries && reread->header.event == file->header.event &&
          reread->header.device_ids == file->header.device_ids);
}

// The input as the body of a file whose trailer carries the right MAC.
std::string signed_again(std::string_view body) {
  std::string text(body);
  if (text.empty() || text.back() != '\n') text += '\n';
  text += "{\"hmac_sha512_256\":\"" + journal_mac(fuzz_key().key_hex, text).value() + "\"}\n";
  return text;
}

}  // namespace
}  // namespace passerelle::sync

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  passerelle::sync::check(text);
  passerelle::sync::check(passerelle::sync::signed_again(text));
  return 0;
}
