// What the kiosk shows, as plain data: the screens draw it and emit intents; they do no I/O.
//
// Thread safety: owned and changed by the UI thread only (workers reach it through RunQueue).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/model/checkpoint.h"
#include "core/model/outcome.h"
#include "core/model/participant.h"
#include "sync/client/sync_status.h"

namespace passerelle::kiosk {

enum class ScreenId {
  scan,          // waiting for a badge: camera preview, "scan your badge" cycling through languages
  welcome,       // accepted: greeting, today's meetings; returns to scan by itself
  meeting,       // accepted at a B2B area: the meeting, the partner, held or waiting
  walk_in,       // a meeting without appointment: waiting for the partner's badge, then the table
  refused,       // one screen per refusal outcome
  staff,         // behind the PIN: search, manual check-in, checkpoint, direction, language, device
  out_of_order,  // the store cannot write: nothing may be shown as accepted
  config_error,  // the configuration is unusable: says what and where, never a crash loop
  first_boot,    // no event yet: enrol with the hub, or run alone from a bundle on a USB stick
};

struct MeetingLine {
  std::int64_t start_ms = 0;
  std::string local_time;  // "10:30" in the event's time zone
  std::string table;
  std::string partner_name;
  std::string partner_organisation;
  std::string partner_country;
};

// A scan at a B2B area (docs/B2B_AREA.md): the meeting it is about, and where that meeting stands.
struct MeetingDisplay {
  bool found = false;    // a meeting of today this scan is about; false: none left today
  bool current = false;  // the scan falls in its window; false: it is the next one, later
  MeetingLine meeting;
  bool partner_came = false;  // the partner has scanned within the window (here or elsewhere)
  bool held = false;          // both have: this scan completed it, or it already was
  int later_today = 0;        // meetings after this one today
  // The one question, about this participant's latest held meeting that has ended (or is in its
  // last minutes) and that they have not answered about. Skippable; a new scan replaces it.
  struct Question {
    std::int64_t partner_id = 0;
    std::int64_t start_ms = 0;
    std::string partner_name;
    std::string local_time;  // the meeting's start, "HH:MM"
  };
  std::optional<Question> question;
  bool answer_pending = false;    // sent to the worker, not yet stored
  bool answered = false;          // stored: thanks are shown
  std::int64_t scan_wall_ms = 0;  // the scan's wall clock: a walk-in asked for now starts then
};

// A meeting without appointment (docs/B2B_AREA.md, "Walk-ins"), asked for on the meeting screen:
// the next badge scanned within the wait is the partner; then the table, or why there is none.
struct WalkInDisplay {
  enum class Stage {
    waiting,          // for the partner's badge
    own_badge,        // the host's own badge came instead: still waiting
    placed,           // recorded, at meeting.table
    no_free_table,    // recorded without a table
    already_meeting,  // the pair has a meeting now (meeting): nothing recorded
  };
  Stage stage = Stage::waiting;
  std::int64_t host_id = 0;
  std::string host_first_name;
  Language language = Language::en;  // the host's
  std::int64_t host_scan_ms = 0;     // wall clock of the host's scan
  std::int64_t started_ms = 0;       // monotonic: when the wait, then the result, began
  std::int64_t wait_until_ms = 0;    // monotonic: the partner's badge is taken until then
  MeetingLine meeting;               // from placed on: start, table, the partner
  std::string end_time;              // "HH:MM"

  bool waiting_for_partner() const { return stage == Stage::waiting || stage == Stage::own_badge; }
};

// The outcome of the last scan, as the welcome or refusal screen shows it.
struct ScanDisplay {
  Outcome outcome = Outcome::unknown_code;  // never defaults to accepted
  bool checkout = false;                    // accepted at an exit
  bool known_person = false;
  std::int64_t participant_id = 0;  // known_person only
  std::string first_name;
  std::string last_name;
  std::string organisation;
  std::string country;
  Language language = Language::en;   // the participant's; refusals of unknown codes cycle
  std::string previous_local_time;    // already checked in: when
  std::string previous_checkpoint;    // already checked in: where
  std::vector<MeetingLine> meetings;  // today's B2B meetings
  bool agenda_changed = false;        // their printed agenda is out of date (core/meetings/agenda_print.h)
  bool rehearsal = false;             // decided in rehearsal mode: not attendance
  std::optional<MeetingDisplay> b2b;  // set for accepted scans at a B2B area
  std::int64_t shown_at_ms = 0;       // monotonic, for the automatic return to scan
};

struct SearchHit {
  std::int64_t participant_id = 0;
  std::string external_id;
  std::string name;
  std::string organisation;
  std::string country;
  ParticipantStatus status = ParticipantStatus::registered;
};

struct StaffState {
  // False when no staff PIN reached this kiosk (bundle or config): there is no staff screen, and
  // the scan screen draws no padlock that would do nothing when tapped.
  bool available = true;
  bool unlocked = false;
  std::string pin_entry;      // digits typed so far (shown as dots)
  bool pin_checking = false;  // a submitted PIN is being verified on the worker (argon2id is slow)
  int failed_attempts = 0;
  std::int64_t locked_until_ms = 0;  // monotonic; five wrong PINs lock for a minute
  std::string search_text;
  std::vector<SearchHit> search_results;
  bool search_pending = false;
  std::string operator_name;
  // Last action's result as a translation key under "staff.message.": operator_required,
  // manual_accepted, manual_refused (details in KioskState::last_scan), search_failed, store_failed,
  // enrol_pending, enrol_done, enrol_bad_ticket, enrol_refused (details in KioskState::sync).
  std::string message;
};

// The door's clock as the check-in worker last read it (core/checkin/door_clock.h), for staff.
struct ClockStatus {
  bool known = false;          // read at least once
  bool date_plausible = true;  // false: the date is outside the event's days (a day's margin)
  bool synchronised = false;   // a time source set the clock since boot
  bool trusted = false;        // synchronised, or staff confirmed the date this boot
  bool event_day = true;       // the door's day is one of the event's
  std::string raw_day;         // what the clock says, event-local
  std::string first_day;       // the event's days
  std::string last_day;
  bool jumped = false;  // a jump was recorded (the last one)
  bool jump_back = true;
  std::int64_t jump_minutes = 0;
  std::string jump_at;  // "HH:MM", event-local, when it was noticed (by the clock before it)
};

// Rehearsal mode (docs/CLOCKS.md, "Rehearsal"), as the check-in worker last reported it.
struct RehearsalStatus {
  bool on = false;
  std::int64_t scans = 0;  // kept apart from attendance until cleared
};

enum class CameraStatus { none, starting, running, lost };

// A handheld scanner the configuration names, as its worker last reported it (kiosk/app/scan_inputs.h).
struct ScannerStatus {
  enum class Kind { wedge, evdev, serial };
  enum class State { starting, open, lost };
  Kind kind = Kind::wedge;
  std::string device;  // "/dev/input/by-id/...", "/dev/ttyACM0"; empty for the keyboard wedge
  // A wedge types into the window like a keyboard: nothing to open, nothing to lose, so it is
  // `open` from the start and only a scan proves it works.
  State state = State::starting;
  std::string detail;  // the worker's last word (why it was lost); no personal data
};

// A code read while the unlocked staff screen was open: never judged nor journalled, shown in the
// checklist so that staff can test a scanner (and see that the scan was not silently dropped).
struct TestRead {
  std::string code_start;  // the first characters only, printable ASCII: enough to recognise, no more
  std::string source;      // a scanner's device or the camera's description; empty for the wedge
  std::string local_time;  // "HH:MM:SS" in the event's time zone
  bool wedge = false;      // typed by a keyboard-wedge scanner
};

struct DeviceInfo {
  std::string device_id;
  std::string database_path;
  std::string source_description;  // "camera /dev/video0 1280x720 YUYV", "synthetic demo camera"
  CameraStatus camera = CameraStatus::none;
  std::int64_t journal_entries = 0;
  std::int64_t participants = 0;
  std::vector<ScannerStatus> scanners;  // as configured: wedge, evdev, serial
  std::optional<TestRead> last_test_read;
  // The registry watcher's last rounds (kiosk/app/registry.h): the database read whole, and the
  // free space of its file system, measured there, off the UI thread.
  std::optional<std::uint64_t> free_bytes;
  std::int64_t registry_read_ms = -1;  // monotonic, the last successful read; -1: none yet
  std::string registry_error;          // the last read's failure; empty when it succeeded
};

// A kiosk bundle found on removable media (passerelle-hub export-kiosk), offered at first boot.
struct BundleChoice {
  std::string path;
  std::string file_name;  // "kiosk-door-1.db"
  std::string folder;     // where it was found: "/media/passerelle-usb"
  std::int64_t bytes = 0;
  bool operator==(const BundleChoice&) const = default;
};

// The first-boot screen (docs/OPERATIONS.md, "First boot"): a kiosk without a database. Set by
// the first-boot worker's news (kiosk/app/first_boot.h) and the controller; no personal data.
struct FirstBootState {
  enum class Phase {
    waiting,    // for an enrolment code or a bundle
    enrolling,  // a ticket was taken: asking the hub
    receiving,  // enrolled: the event, then the registry, are coming
    installing  // copying and checking a bundle
  };
  Phase phase = Phase::waiting;
  std::string database_path;
  std::vector<BundleChoice> bundles;
  std::vector<std::string> bundle_folders;  // where bundles are looked for
  std::string event_name;                   // once known
  std::int64_t received = 0;                // changes applied in the first download so far
  std::int64_t remaining = 0;               // still to come, as the hub last said
  std::string problem;                      // the last failure, in the hub's or the check's words
  bool not_a_ticket = false;                // the last code read was no enrolment code (a badge?)
  std::int64_t retry_in_ms = 0;             // receiving: the wait before the hub is asked again
};

struct KioskState {
  ScreenId screen = ScreenId::scan;
  Event event;
  std::vector<Checkpoint> checkpoints;
  std::int64_t checkpoint_id = 0;
  Direction direction = Direction::entry;
  Language ui_language = Language::en;  // staff screens; attendee screens follow the attendee
  std::optional<ScanDisplay> last_scan;
  std::optional<WalkInDisplay> walk_in;  // set while the walk_in screen is up
  StaffState staff;
  DeviceInfo device;
  SyncStatus sync;                 // the hub link, as the sync worker last reported it
  ClockStatus clock;               // the door's clock, as the check-in worker last read it
  RehearsalStatus rehearsal;       // off at start: a restarted kiosk is back at the real door
  std::string fatal_message;       // out_of_order / config_error detail (no personal data)
  std::int64_t inside_count = -1;  // at an in/out checkpoint, else -1
  std::int64_t now_ms = 0;         // monotonic, set at frame start
  // With fatal_message on the out-of-order screen: what staff can do about it, as a key under
  // "out_of_order.reason." (kiosk/model/store_failure.h); empty when no store failed.
  std::string fatal_reason;
  FirstBootState first_boot;  // while screen is first_boot

  const Checkpoint* current_checkpoint() const {
    for (const auto& checkpoint : checkpoints)
      if (checkpoint.id == checkpoint_id) return &checkpoint;
    return nullptr;
  }
};

// What a screen asks for. The app turns intents into state changes and worker requests.
namespace intent {
struct ScannedText {
  std::string text;
};                    // keyboard-wedge scanner on the scan screen
struct OpenStaff {};  // the discreet corner button
struct PinDigit {
  char digit;
};
struct PinBackspace {};
struct PinSubmit {};
struct CloseStaff {};
struct Search {
  std::string text;
};
struct ManualCheckin {
  std::int64_t participant_id;
};
struct SelectCheckpoint {
  std::int64_t checkpoint_id;
};
struct SelectDirection {
  Direction direction;
};
struct SelectLanguage {
  Language language;
};
struct SetOperator {
  std::string name;
};
struct Dismiss {};  // back to scan before the timeout
struct AnswerMeeting {
  MeetingAnswer answer;
};                      // the meeting screen's question, answered
struct StartWalkIn {};  // the meeting screen's "meeting without appointment"
struct ConfirmDate {};  // staff: the clock's date is right (core/checkin/door_clock.h)
struct SetRehearsal {
  bool on;
};
struct ClearRehearsal {};
struct UseBundle {  // first boot: run alone from this bundle
  std::string path;
};
}  // namespace intent

using Intent = std::variant<intent::ScannedText, intent::OpenStaff, intent::PinDigit, intent::PinBackspace,
                            intent::PinSubmit, intent::CloseStaff, intent::Search, intent::ManualCheckin,
                            intent::SelectCheckpoint, intent::SelectDirection, intent::SelectLanguage,
                            intent::SetOperator, intent::Dismiss, intent::AnswerMeeting, intent::StartWalkIn,
                            intent::ConfirmDate, intent::SetRehearsal, intent::ClearRehearsal, intent::UseBundle>;

}  // namespace passerelle::kiosk
