// KioskController: turns intents (from screens), codes (from scanners) and worker answers into
// state changes and worker requests. No SDL, no ImGui, no I/O: unit-tested directly.
//
// Thread safety: UI thread only, except scan_context(), which scanner threads read.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "core/util/clock.h"
#include "kiosk/model/checkin_worker.h"
#include "kiosk/model/kiosk_state.h"

namespace passerelle::kiosk {

struct ControllerSettings {
  std::string staff_pin_hash;             // argon2id (core/auth/staff_pin.h); empty disables the staff screen
  std::int64_t welcome_ms = 4000;         // welcome screen, then back to scan
  std::int64_t refusal_ms = 6000;         // refusals stay longer: staff may need to read them
  std::int64_t question_ms = 20000;       // a meeting screen that asks the question waits this long
  std::int64_t thanks_ms = 2500;          // after an answer
  std::int64_t walk_in_wait_ms = 60000;   // a walk-in waits this long for the partner's badge
  std::int64_t walk_in_shown_ms = 10000;  // then shows its table this long: people walk to it
  std::int64_t staff_idle_ms = 120000;    // the staff screen locks itself after this long untouched
  int max_pin_attempts = 5;
  std::int64_t pin_lockout_ms = 60000;
};

// Where scans count now; read by scanner threads so that a code goes straight to the check-in
// worker without waiting for a UI frame.
struct ScanContext {
  std::atomic<std::int64_t> checkpoint_id{0};
  std::atomic<bool> exit_direction{false};
  std::atomic<bool> accepting{true};  // false while staff, out of order or config error
  // A walk-in waiting for its partner: the host and their scan's wall clock (0 when none). Two
  // values read together, hence a mutex rather than two atomics.
  std::mutex walk_in_mutex;
  std::int64_t walk_in_host = 0;          // under walk_in_mutex
  std::int64_t walk_in_host_scan_ms = 0;  // under walk_in_mutex
};

class KioskController {
 public:
  KioskController(KioskState& state, ControllerSettings settings, const Clock& clock,
                  std::function<void(WorkerRequest)> submit);

  // Where an enrolment ticket scanned on the unlocked staff screen goes (the app's sync worker).
  // Without one, tickets are ignored; they are never judged as badges either way.
  void set_enrol_handler(std::function<void(std::string)> enrol) { enrol_ = std::move(enrol); }
  // At first boot (ScreenId::first_boot): where a scanned enrolment ticket and a chosen bundle go
  // (the app's first-boot worker). One at a time: while one runs, the others are ignored.
  void set_first_boot_handlers(std::function<void(std::string)> enrol, std::function<void(std::string)> use_bundle) {
    first_boot_enrol_ = std::move(enrol);
    first_boot_bundle_ = std::move(use_bundle);
  }

  // The staff PIN's hash, once known (a kiosk set up at first boot learns it with its event).
  void set_staff_pin_hash(std::string hash) {
    settings_.staff_pin_hash = std::move(hash);
    state_.staff.available = !settings_.staff_pin_hash.empty();
  }

  void apply(const Intent& intent);
  void on_answer(const WorkerAnswer& answer);
  // The sync worker's news: kept for the staff screen, and an enrolment's outcome told there.
  void on_sync_status(const SyncStatus& status);
  // A handheld scanner's news from its worker (through the RunQueue): kept for the checklist.
  void on_scanner_status(const ScannerStatus& status);
  // A code read while scans were not taken (scanner and camera threads drop it, then post it here):
  // on the unlocked staff screen it is shown as a test read, never judged nor journalled; anywhere
  // else it is forgotten. `source` names the scanner or camera; empty for the keyboard wedge.
  void on_test_read(std::string_view code, std::string source, bool wedge);
  // Per frame: automatic return to the scan screen, staff lock, PIN lockout.
  void tick();

  ScanContext& scan_context() { return context_; }
  // Builds the scan request for `text` with the current checkpoint and direction, and the walk-in
  // waiting for a partner if any. Thread-safe (reads only ScanContext and the clock): scanner
  // threads call it.
  ScanRequest scan_request(std::string text);

 private:
  void submit_scan(std::string text);
  void take_enrolment(const std::string& text);
  void apply_first_boot(const Intent& intent);
  void on_pin_answer(const PinAnswer& answer);
  void show(ScreenId screen);
  void on_feedback_answer(const FeedbackAnswer& answer);
  void start_walk_in();
  // The answer to a walk-in's partner scan, accepted.
  void on_walk_in_answer(const WalkInDisplay& walk_in);
  // How long the meeting screen stays: longer while it asks the question, briefly after thanks.
  std::int64_t meeting_screen_ms() const;
  void sync_context();
  // Tells the check-in worker to keep the checkpoint and direction for the next start.
  void save_place();

  KioskState& state_;
  ControllerSettings settings_;
  const Clock& clock_;
  std::function<void(WorkerRequest)> submit_;
  std::function<void(std::string)> enrol_;
  std::function<void(std::string)> first_boot_enrol_;
  std::function<void(std::string)> first_boot_bundle_;
  ScanContext context_;
  std::int64_t staff_touched_ms_ = 0;
  std::uint64_t pin_attempt_ = 0;  // numbers PinRequests; an answer for an older one is ignored
};

}  // namespace passerelle::kiosk
