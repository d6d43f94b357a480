// libFuzzer target: an upload body as the hub reads it from the network (parse_upload_batch), and
// the other JSON a kiosk or the hub reads from the other side: change pages, enrolment answers.
// Properties beyond "no crash, no sanitizer report": every kept entry is a span of the input (the
// quarantine keeps received bytes), an accepted entry survives its own round trip, and a refusal
// says why.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sync/protocol/wire.h"

namespace passerelle::sync {
namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

void check_upload(std::string_view text) {
  auto batch = parse_upload_batch(text);
  if (!batch) {
    require(batch.error().code == Errc::invalid_input && !batch.error().message.empty());
    return;
  }
  require(batch->entries.size() <= static_cast<std::size_t>(kMaxUploadBatch));
  for (const auto& incoming : batch->entries) {
    require(text.find(incoming.raw_json) != std::string_view::npos);
    require(incoming.seq >= 0 && incoming.seq <= kMaxSeq);
    if (!incoming.entry) {
      require(!incoming.error.empty());
      continue;
    }
    require(validate(*incoming.entry).has_value());
    auto again = parse_wire_entry(to_json(*incoming.entry));
    require(again.has_value() && *again == *incoming.entry);
  }
}

void check_other_documents(std::string_view text) {
  if (auto page = parse_change_page(text)) require(page->cursor >= 0 && page->cursor <= kMaxSeq);
  if (auto answer = parse_upload_answer(text)) require(answer->acked_seq >= 0);
  (void)parse_enrol_answer(text);
  (void)parse_enrolment_ticket(text);
}

}  // namespace
}  // namespace passerelle::sync

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  passerelle::sync::check_upload(text);
  passerelle::sync::check_other_documents(text);
  return 0;
}
