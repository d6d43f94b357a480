// SyncStatus: what the sync worker tells the kiosk about itself, as plain data, for the staff
// screen. Header-only so that the kiosk's state (kiosk/model) can hold one without linking sync.
//
// Nothing personal is in here: counts, times, addresses and the hub's or the network's error
// texts. Thread safety: plain data, copied from the worker's thread to the UI's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle::kiosk {

// The staff screen warns beyond this clock offset (docs/sync.md, "Clock").
inline constexpr std::int64_t kClockWarningMs = 2 * 60 * 1000;

enum class SyncLink {
  not_enrolled,  // no hub yet: the kiosk works alone
  connecting,    // enrolled (or enrolling), no exchange finished yet since start
  online,        // the last exchange with the hub succeeded
  offline,       // the last exchange failed; retrying with back-off
  revoked,       // the hub revoked this device: no more sync; entries kept, exportable
  unauthorised,  // the hub does not accept this device's token (it forgot it?): the same, enrol again
};

enum class EnrolmentState {
  none,        // no enrolment asked for since start
  pending,     // a ticket was taken; the hub has not answered yet (perhaps out of reach)
  done,        // enrolled with the last ticket
  bad_ticket,  // the scanned or given text is not an enrolment ticket
  refused,     // the hub refused the code: expired, already used or unknown
};

struct SyncStatus {
  SyncLink link = SyncLink::not_enrolled;
  bool enrolled = false;  // holds a device token (even when revoked)
  std::string hub_url;
  std::string device_id;                        // the id new entries are written under
  std::int64_t unsent = 0;                      // entries the hub has not acknowledged
  std::optional<std::int64_t> last_sync_ms;     // kiosk wall clock at the last complete exchange
  std::string last_sync_local;                  // the same as "HH:MM" in the event's time zone
  std::optional<std::int64_t> clock_offset_ms;  // hub minus kiosk, from the last exchange
  std::int64_t download_done = 0;               // changes applied in this download...
  std::int64_t download_remaining = 0;          // ...and still to come (a first sync of a big registry)
  std::int64_t double_checkins = 0;             // pairs flagged in this kiosk's event
  std::int64_t quarantined = 0;                 // entries the hub kept aside since start (it alerts)
  std::int64_t hub_missing = 0;                 // entries the hub lacks by the last reconciliation
  std::int64_t retry_in_ms = 0;                 // while offline: the wait before the next attempt
  std::string last_error;                       // why the last exchange failed; empty when fine
  EnrolmentState enrolment = EnrolmentState::none;
  std::string enrolment_message;  // the hub's or the parser's reason for bad_ticket / refused

  bool clock_warning() const {
    return clock_offset_ms && (*clock_offset_ms > kClockWarningMs || *clock_offset_ms < -kClockWarningMs);
  }
  bool operator==(const SyncStatus&) const = default;
};

constexpr std::string_view to_string(SyncLink link) noexcept {
  switch (link) {
    case SyncLink::not_enrolled:
      return "not_enrolled";
    case SyncLink::connecting:
      return "connecting";
    case SyncLink::online:
      return "online";
    case SyncLink::offline:
      return "offline";
    case SyncLink::revoked:
      return "revoked";
    case SyncLink::unauthorised:
      return "unauthorised";
  }
  return "not_enrolled";
}

constexpr std::string_view to_string(EnrolmentState state) noexcept {
  switch (state) {
    case EnrolmentState::none:
      return "none";
    case EnrolmentState::pending:
      return "pending";
    case EnrolmentState::done:
      return "done";
    case EnrolmentState::bad_ticket:
      return "bad_ticket";
    case EnrolmentState::refused:
      return "refused";
  }
  return "none";
}

// True for a scanned text that is an enrolment ticket (docs/sync.md): such a text is never a
// badge, so it must never be judged (and journalled) as a check-in.
constexpr bool is_enrolment_text(std::string_view text) noexcept {
  return text.starts_with("PSLENROL1 ");
}

}  // namespace passerelle::kiosk
