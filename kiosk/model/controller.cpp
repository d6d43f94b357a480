#include "kiosk/model/controller.h"

#include <type_traits>

#include "core/auth/staff_pin.h"
#include "core/time/timezone.h"
#include "core/util/strings.h"
#include "kiosk/model/readiness.h"
#include "kiosk/model/store_failure.h"

namespace passerelle::kiosk {
KioskController::KioskController(KioskState& state, ControllerSettings settings, const Clock& clock,
                                 std::function<void(WorkerRequest)> submit)
    : state_(state), settings_(std::move(settings)), clock_(clock), submit_(std::move(submit)) {
  state_.now_ms = clock_.monotonic_ns() / 1'000'000;
  state_.staff.available = !settings_.staff_pin_hash.empty();
  sync_context();
}

void KioskController::show(ScreenId screen) {
  state_.screen = screen;
  sync_context();
}

void KioskController::sync_context() {
  context_.checkpoint_id.store(state_.checkpoint_id);
  context_.exit_direction.store(state_.direction == Direction::exit);
  context_.accepting.store(state_.screen != ScreenId::staff && state_.screen != ScreenId::config_error &&
                           state_.screen != ScreenId::first_boot);
  const bool waiting = state_.screen == ScreenId::walk_in && state_.walk_in && state_.walk_in->waiting_for_partner();
  std::lock_guard lock(context_.walk_in_mutex);
  context_.walk_in_host = waiting ? state_.walk_in->host_id : 0;
  context_.walk_in_host_scan_ms = waiting ? state_.walk_in->host_scan_ms : 0;
}

ScanRequest KioskController::scan_request(std::string text) {
  ScanRequest request;
  request.text = std::move(text);
  request.checkpoint_id = context_.checkpoint_id.load();
  request.direction = context_.exit_direction.load() ? Direction::exit : Direction::entry;
  request.submitted_ns = clock_.monotonic_ns();
  std::lock_guard lock(context_.walk_in_mutex);
  request.walk_in_host = context_.walk_in_host;
  request.walk_in_host_scan_ms = context_.walk_in_host_scan_ms;
  return request;
}

void KioskController::start_walk_in() {
  // Asked for by the person the meeting screen shows; not while it asks the question (its
  // buttons are there), nor once that question is being answered.
  if (state_.screen != ScreenId::meeting || !state_.last_scan || !state_.last_scan->known_person ||
      !state_.last_scan->b2b)
    return;
  if (state_.last_scan->b2b->question && !state_.last_scan->b2b->answered) return;
  const auto& scan = *state_.last_scan;
  WalkInDisplay walk_in;
  walk_in.host_id = scan.participant_id;
  walk_in.host_first_name = scan.first_name.empty() ? scan.last_name : scan.first_name;
  walk_in.language = scan.language;
  walk_in.host_scan_ms = scan.b2b->scan_wall_ms;
  walk_in.started_ms = state_.now_ms;
  walk_in.wait_until_ms = state_.now_ms + settings_.walk_in_wait_ms;
  state_.walk_in = std::move(walk_in);
  show(ScreenId::walk_in);
}

void KioskController::on_walk_in_answer(const WalkInDisplay& walk_in) {
  if (walk_in.stage == WalkInDisplay::Stage::own_badge) {
    // Still waiting, with a word; the wait does not start again. A walk-in given up meanwhile
    // stays given up.
    if (state_.screen == ScreenId::walk_in && state_.walk_in && state_.walk_in->host_id == walk_in.host_id)
      state_.walk_in->stage = WalkInDisplay::Stage::own_badge;
    return;
  }
  // Recorded (or found already booked): shown even if the wait ran out while the worker wrote it,
  // since the two people are standing there.
  state_.walk_in = walk_in;
  state_.walk_in->started_ms = state_.now_ms;
  if (state_.screen != ScreenId::staff) show(ScreenId::walk_in);
}

void KioskController::submit_scan(std::string text) {
  if (!context_.accepting.load() || trim(text).empty() || is_enrolment_text(text)) return;
  submit_(scan_request(std::move(text)));
}

void KioskController::take_enrolment(const std::string& text) {
  // Enrolling changes where this kiosk's entries go: staff only. Anywhere else the ticket is
  // dropped, never checked in as a badge nor journalled as a rejected scan.
  if (state_.screen != ScreenId::staff || !state_.staff.unlocked || !enrol_) return;
  state_.staff.message = "enrol_pending";
  enrol_(text);
}

void KioskController::save_place() {
  submit_(PlaceRequest{state_.checkpoint_id, state_.direction});
}

void KioskController::on_scanner_status(const ScannerStatus& status) {
  auto& scanners = state_.device.scanners;
  for (auto& scanner : scanners) {
    if (scanner.kind == status.kind && scanner.device == status.device) {
      scanner = status;
      return;
    }
  }
  scanners.push_back(status);
}

void KioskController::on_test_read(std::string_view code, std::string source, bool wedge) {
  // Only staff, who asked for it by opening their screen, see a code; an attendee screen that does
  // not take scans (out of order) forgets it, as before.
  if (state_.screen != ScreenId::staff || !state_.staff.unlocked || trim(code).empty()) return;
  const std::int64_t wall_ms = clock_.wall_ms();
  std::string time;
  if (auto zone = TimeZone::create(state_.event.timezone)) {
    // The zone's offset is whole minutes: the seconds are the instant's own.
    const std::int64_t seconds = (wall_ms / 1000) % 60;
    time = zone->local_time_of_day(wall_ms) + (seconds < 10 ? ":0" : ":") + std::to_string(seconds);
  }
  state_.device.last_test_read = TestRead{code_start(code), std::move(source), std::move(time), wedge};
}

void KioskController::on_sync_status(const SyncStatus& status) {
  const EnrolmentState before = state_.sync.enrolment;
  state_.sync = status;
  if (!status.device_id.empty()) state_.device.device_id = status.device_id;
  if (status.enrolment == before || status.enrolment == EnrolmentState::none) return;
  state_.staff.message = "enrol_" + std::string(to_string(status.enrolment));
}

void KioskController::apply_first_boot(const Intent& intent) {
  auto& boot = state_.first_boot;
  if (boot.phase != FirstBootState::Phase::waiting) return;
  if (const auto* scanned = std::get_if<intent::ScannedText>(&intent)) {
    // Most likely a badge: there is nothing to check it against yet, and nothing is journalled.
    if (!is_enrolment_text(scanned->text)) {
      boot.not_a_ticket = true;
      return;
    }
    if (!first_boot_enrol_) return;
    boot.phase = FirstBootState::Phase::enrolling;
    boot.problem.clear();
    boot.not_a_ticket = false;
    first_boot_enrol_(scanned->text);
  } else if (const auto* bundle = std::get_if<intent::UseBundle>(&intent)) {
    if (!first_boot_bundle_) return;
    boot.phase = FirstBootState::Phase::installing;
    boot.problem.clear();
    boot.not_a_ticket = false;
    first_boot_bundle_(bundle->path);
  }
}

void KioskController::apply(const Intent& intent) {
  if (state_.screen == ScreenId::first_boot) {
    apply_first_boot(intent);
    return;
  }
  auto& staff = state_.staff;
  const bool locked_out = state_.now_ms < staff.locked_until_ms;
  if (state_.screen == ScreenId::staff) staff_touched_ms_ = state_.now_ms;

  std::visit(
      [&](const auto& action) {
        using T = std::decay_t<decltype(action)>;
        if constexpr (std::is_same_v<T, intent::ScannedText>) {
          if (is_enrolment_text(action.text)) {
            take_enrolment(action.text);
          } else if (state_.screen == ScreenId::staff) {
            on_test_read(action.text, "", true);
          } else {
            submit_scan(action.text);
          }
        } else if constexpr (std::is_same_v<T, intent::OpenStaff>) {
          if (settings_.staff_pin_hash.empty() || state_.screen == ScreenId::config_error) return;
          staff.unlocked = false;
          staff.pin_entry.clear();
          staff.pin_checking = false;
          ++pin_attempt_;  // a check still running answers for a pad that is gone
          staff.message.clear();
          staff_touched_ms_ = state_.now_ms;
          show(ScreenId::staff);
        } else if constexpr (std::is_same_v<T, intent::PinDigit>) {
          if (!locked_out && action.digit >= '0' && action.digit <= '9' && staff.pin_entry.size() < kMaxPinDigits)
            staff.pin_entry.push_back(action.digit);
        } else if constexpr (std::is_same_v<T, intent::PinBackspace>) {
          if (!staff.pin_entry.empty()) staff.pin_entry.pop_back();
        } else if constexpr (std::is_same_v<T, intent::PinSubmit>) {
          // One check at a time: a PIN submitted while one is verified is dropped, so the count
          // of attempts before the lockout is the same as when checks were instant.
          if (locked_out || staff.unlocked || staff.pin_checking) return;
          staff.pin_checking = true;
          submit_(PinRequest{std::move(staff.pin_entry), settings_.staff_pin_hash, ++pin_attempt_});
          staff.pin_entry.clear();
        } else if constexpr (std::is_same_v<T, intent::CloseStaff>) {
          staff.unlocked = false;
          staff.pin_entry.clear();
          staff.pin_checking = false;
          ++pin_attempt_;
          staff.search_text.clear();
          staff.search_results.clear();
          staff.message.clear();
          show(ScreenId::scan);
        } else if constexpr (std::is_same_v<T, intent::AnswerMeeting>) {
          // Once per question, while its screen is up; a new scan has replaced it otherwise.
          if (state_.screen != ScreenId::meeting || !state_.last_scan || !state_.last_scan->b2b) return;
          auto& b2b = *state_.last_scan->b2b;
          if (!b2b.question || b2b.answer_pending || b2b.answered) return;
          b2b.answer_pending = true;
          submit_(FeedbackRequest{state_.last_scan->participant_id, b2b.question->partner_id, b2b.question->start_ms,
                                  action.answer, state_.checkpoint_id});
        } else if constexpr (std::is_same_v<T, intent::StartWalkIn>) {
          start_walk_in();
        } else if constexpr (std::is_same_v<T, intent::Dismiss>) {
          if (state_.screen == ScreenId::welcome || state_.screen == ScreenId::meeting ||
              state_.screen == ScreenId::refused || state_.screen == ScreenId::walk_in) {
            state_.walk_in.reset();
            show(ScreenId::scan);
          }
        } else {
          // Everything below changes how the kiosk works: staff only.
          if (state_.screen != ScreenId::staff || !staff.unlocked) return;
          if constexpr (std::is_same_v<T, intent::Search>) {
            staff.search_text = action.text;
            staff.search_pending = true;
            submit_(SearchRequest{action.text});
          } else if constexpr (std::is_same_v<T, intent::ManualCheckin>) {
            if (trim(staff.operator_name).empty()) {
              staff.message = "operator_required";
              return;
            }
            submit_(ManualRequest{action.participant_id, state_.checkpoint_id, state_.direction, staff.operator_name});
          } else if constexpr (std::is_same_v<T, intent::SelectCheckpoint>) {
            for (const auto& checkpoint : state_.checkpoints) {
              if (checkpoint.id != action.checkpoint_id) continue;
              state_.checkpoint_id = checkpoint.id;
              if (checkpoint.rule != CheckpointRule::in_out) state_.direction = Direction::entry;
              state_.inside_count = -1;
              sync_context();
              save_place();
            }
          } else if constexpr (std::is_same_v<T, intent::SelectDirection>) {
            const Checkpoint* checkpoint = state_.current_checkpoint();
            if (checkpoint != nullptr && checkpoint->rule == CheckpointRule::in_out) {
              state_.direction = action.direction;
              sync_context();
              save_place();
            }
          } else if constexpr (std::is_same_v<T, intent::SelectLanguage>) {
            state_.ui_language = action.language;
          } else if constexpr (std::is_same_v<T, intent::SetOperator>) {
            staff.operator_name = std::string(trim(action.name));
          } else if constexpr (std::is_same_v<T, intent::ConfirmDate>) {
            submit_(DoorRequest{DoorRequest::Action::confirm_date});
          } else if constexpr (std::is_same_v<T, intent::SetRehearsal>) {
            submit_(DoorRequest{action.on ? DoorRequest::Action::rehearsal_on : DoorRequest::Action::rehearsal_off});
          } else if constexpr (std::is_same_v<T, intent::ClearRehearsal>) {
            submit_(DoorRequest{DoorRequest::Action::clear_rehearsal});
          }
        }
      },
      intent);
}

void KioskController::on_pin_answer(const PinAnswer& answer) {
  auto& staff = state_.staff;
  // An answer for a pad closed (or reopened) since, or for a check already answered.
  if (answer.attempt != pin_attempt_ || !staff.pin_checking) return;
  staff.pin_checking = false;
  if (state_.screen != ScreenId::staff) return;  // locked by idleness meanwhile
  if (answer.matches) {
    staff.unlocked = true;
    staff.failed_attempts = 0;
    staff.message.clear();
  } else if (++staff.failed_attempts >= settings_.max_pin_attempts) {
    staff.failed_attempts = 0;
    staff.locked_until_ms = state_.now_ms + settings_.pin_lockout_ms;
  }
}

void KioskController::on_answer(const WorkerAnswer& answer) {
  if (const auto* pin = std::get_if<PinAnswer>(&answer)) {
    on_pin_answer(*pin);
    return;
  }
  if (const auto* search = std::get_if<SearchAnswer>(&answer)) {
    if (search->text != state_.staff.search_text) return;  // an older query's answer
    state_.staff.search_pending = false;
    state_.staff.search_results = search->hits;
    if (search->error) state_.staff.message = "search_failed";
    return;
  }
  if (const auto* clock = std::get_if<ClockAnswer>(&answer)) {
    if (clock->clock.known) state_.clock = clock->clock;
    state_.rehearsal = clock->rehearsal;
    if (clock->error) state_.staff.message = "store_failed";
    return;
  }
  if (const auto* feedback = std::get_if<FeedbackAnswer>(&answer)) {
    on_feedback_answer(*feedback);
    return;
  }
  if (const auto* place = std::get_if<PlaceAnswer>(&answer)) {
    if (place->error) state_.staff.message = "place_not_saved";
    return;
  }
  const auto& checkin = std::get<CheckinAnswer>(answer);
  if (checkin.clock) state_.clock = *checkin.clock;
  if (checkin.error) {
    // Nothing was stored, so nothing may look accepted. The message names no person (a clock
    // pause says what the clock says and what staff must do).
    state_.fatal_message = checkin.clock_paused ? checkin.error->message : errc_name(checkin.error->code);
    state_.fatal_reason = checkin.clock_paused ? "" : store_failure_reason(*checkin.error);
    state_.last_scan.reset();
    if (checkin.manual) {
      state_.staff.message = "store_failed";
    } else {
      show(ScreenId::out_of_order);
    }
    return;
  }
  state_.fatal_reason.clear();  // the store wrote again
  if (checkin.inside_count >= 0) state_.inside_count = checkin.inside_count;
  if (checkin.display.rehearsal) ++state_.rehearsal.scans;
  if (checkin.walk_in) {
    state_.last_scan = checkin.display;
    state_.last_scan->shown_at_ms = state_.now_ms;
    on_walk_in_answer(*checkin.walk_in);
    return;
  }
  ScanDisplay display = checkin.display;
  display.shown_at_ms = state_.now_ms;
  if (checkin.manual) {
    state_.staff.message = display.outcome == Outcome::accepted ? "manual_accepted" : "manual_refused";
    state_.last_scan = std::move(display);
    return;
  }
  const bool accepted = display.outcome == Outcome::accepted;
  const bool at_b2b_area = display.b2b.has_value();
  state_.last_scan = std::move(display);
  if (state_.screen == ScreenId::staff) return;  // a scanner thread's late answer: keep staff at work
  state_.walk_in.reset();                        // a refused partner, or a scan after the wait: the walk-in is over
  show(!accepted ? ScreenId::refused : at_b2b_area ? ScreenId::meeting : ScreenId::welcome);
}

std::int64_t KioskController::meeting_screen_ms() const {
  const auto& b2b = state_.last_scan ? state_.last_scan->b2b : std::nullopt;
  if (!b2b || !b2b->question) return settings_.welcome_ms;
  if (b2b->answered) return settings_.thanks_ms;
  return settings_.question_ms;
}

void KioskController::on_feedback_answer(const FeedbackAnswer& answer) {
  if (answer.error) {
    // The store cannot write: as for a check-in, the kiosk says so rather than thank for nothing.
    state_.fatal_message = errc_name(answer.error->code);
    state_.fatal_reason = store_failure_reason(*answer.error);
    show(ScreenId::out_of_order);
    return;
  }
  auto& scan = state_.last_scan;
  // Thanks only on the screen that asked; a scan since then shows its own.
  if (!scan || !scan->b2b || !scan->b2b->question || scan->participant_id != answer.participant_id ||
      scan->b2b->question->start_ms != answer.meeting_start_ms)
    return;
  scan->b2b->answer_pending = false;
  scan->b2b->answered = true;
  scan->shown_at_ms = state_.now_ms;  // the thanks stay thanks_ms from now
}

void KioskController::tick() {
  state_.now_ms = clock_.monotonic_ns() / 1'000'000;
  sync_context();  // cheap, and keeps scanner threads right after the app sets state directly
  const std::int64_t since = state_.last_scan ? state_.now_ms - state_.last_scan->shown_at_ms : 0;
  if (state_.screen == ScreenId::welcome && since >= settings_.welcome_ms) show(ScreenId::scan);
  if (state_.screen == ScreenId::meeting && since >= meeting_screen_ms()) show(ScreenId::scan);
  if (state_.screen == ScreenId::refused && since >= settings_.refusal_ms) show(ScreenId::scan);
  if (state_.screen == ScreenId::walk_in && state_.walk_in) {
    const auto& walk_in = *state_.walk_in;
    const auto until =
        walk_in.waiting_for_partner() ? walk_in.wait_until_ms : walk_in.started_ms + settings_.walk_in_shown_ms;
    if (state_.now_ms >= until) {
      state_.walk_in.reset();
      show(ScreenId::scan);
    }
  }
  if (state_.screen == ScreenId::staff && state_.now_ms - staff_touched_ms_ >= settings_.staff_idle_ms) {
    state_.staff.unlocked = false;
    state_.staff.pin_entry.clear();
    show(ScreenId::scan);
  }
}

}  // namespace passerelle::kiosk
