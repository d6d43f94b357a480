#include "sync/hub/store/backend_support.h"

#include <charconv>
#include <string>

#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

std::string_view quarantine_reason(ForeignEntryStatus status) noexcept {
  switch (status) {
    case ForeignEntryStatus::uuid_conflict:
      return reason::kUuidConflict;
    case ForeignEntryStatus::sequence_conflict:
      return reason::kSequenceConflict;
    case ForeignEntryStatus::unknown_event:
      return reason::kOtherEvent;
    case ForeignEntryStatus::unknown_participant:
      return reason::kUnknownParticipant;
    case ForeignEntryStatus::unknown_checkpoint:
      return reason::kUnknownCheckpoint;
    case ForeignEntryStatus::stored:
    case ForeignEntryStatus::duplicate:
      break;
  }
  return reason::kMalformed;
}

Result<std::int64_t> parse_feed_ref(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size())
    return make_error(Errc::database, "hub_feed: bad reference '" + std::string(text) + "'");
  return value;
}

}  // namespace passerelle::hub
