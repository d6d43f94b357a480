#include "kiosk/model/checkin_worker.h"

#include "core/auth/staff_pin.h"
#include "core/meetings/agenda_print.h"
#include "core/meetings/meeting_state.h"
#include "core/meetings/walk_in.h"
#include "core/store/b2b_store.h"
#include "core/store/store.h"
#include "kiosk/model/saved_place.h"

namespace passerelle::kiosk {
namespace {

// The participant's meetings (cancelled ones left out) on the event-local `day`; empty when they
// cannot be read: the list is lost, never the check-in, which is stored and shown already.
std::vector<AgendaMeeting> agenda_of_day(Store& store, std::int64_t participant_id, const TimeZone& zone,
                                         const std::string& day) {
  auto from = zone.start_of_day(day);
  if (!from) return {};
  // The next midnight: 22 to 26 hours later, whatever a DST change does that night.
  auto until = zone.start_of_day(zone.local_day(*from + 26 * 3'600'000LL));
  if (!until) return {};
  auto agenda = participant_agenda(store.database(), participant_id, *from, *until);
  return agenda ? std::move(*agenda) : std::vector<AgendaMeeting>();
}

MeetingLine line_of(const AgendaMeeting& meeting, const TimeZone& zone) {
  return MeetingLine{meeting.start_ms,
                     zone.local_time_of_day(meeting.start_ms),
                     meeting.table_label,
                     meeting.partner_first_name + " " + meeting.partner_last_name,
                     meeting.partner_organisation,
                     meeting.partner_country};
}

// The participant's B2B meetings of the day the scan counted on, in the event's time.
std::vector<MeetingLine> meetings_of_day(Store& store, std::int64_t participant_id, std::int64_t event_id,
                                         const std::string& local_day) {
  std::vector<MeetingLine> lines;
  auto zone = store.event_timezone(event_id);
  if (!zone) return lines;
  for (const auto& meeting : agenda_of_day(store, participant_id, **zone, local_day))
    lines.push_back(line_of(meeting, **zone));
  return lines;
}

// The latest of the participant's held meetings that has ended or is in its last five minutes,
// if they have not answered about it: asked at their next scan, usually at their next meeting.
std::optional<MeetingDisplay::Question> question_for(Store& store, std::int64_t participant_id,
                                                     const std::vector<AgendaMeeting>& agenda,
                                                     const B2bSession& session, const TimeZone& zone,
                                                     std::int64_t now_ms) {
  constexpr std::int64_t kLastMinutesMs = 5 * 60'000;
  for (auto meeting = agenda.rbegin(); meeting != agenda.rend(); ++meeting) {
    if (now_ms < meeting->end_ms - kLastMinutesMs) continue;
    const auto window = meetings::scan_window(meeting->start_ms, meeting->end_ms, session);
    auto own = meeting_scans(store.database(), participant_id, window.from_ms, window.until_ms);
    auto partner = meeting_scans(store.database(), meeting->partner_id, window.from_ms, window.until_ms);
    if (!own || !partner || own->empty() || partner->empty()) continue;
    auto answered = has_answered(store.database(), participant_id, meeting->partner_id, meeting->start_ms);
    if (!answered || *answered) return std::nullopt;
    return MeetingDisplay::Question{meeting->partner_id, meeting->start_ms,
                                    meeting->partner_first_name + " " + meeting->partner_last_name,
                                    zone.local_time_of_day(meeting->start_ms)};
  }
  return std::nullopt;
}

// At a B2B area: the meeting this scan is about (the current one, else the next today) and whether
// the partner has scanned within its window, here or at another kiosk whose entries came by sync.
MeetingDisplay meeting_of_scan(Store& store, std::int64_t participant_id, const JournalEntry& entry) {
  MeetingDisplay shown;
  shown.scan_wall_ms = entry.wall_ms;
  auto session = load_b2b_session(store.database(), entry.event_id);
  auto zone = store.event_timezone(entry.event_id);
  if (!session || !*session || !zone) return shown;
  const auto agenda = agenda_of_day(store, participant_id, **zone, entry.local_day);
  std::vector<std::pair<std::int64_t, std::int64_t>> times;
  for (const auto& meeting : agenda) times.emplace_back(meeting.start_ms, meeting.end_ms);
  // Asked even when no meeting is left today: the last one's answer is still wanted.
  shown.question = question_for(store, participant_id, agenda, **session, **zone, entry.wall_ms);
  const auto pick = meetings::pick_meeting(times, **session, entry.wall_ms);
  if (!pick) return shown;
  const auto& meeting = agenda[pick->index];
  shown.found = true;
  shown.current = pick->current;
  shown.later_today = static_cast<int>(agenda.size() - pick->index - 1);
  shown.meeting = line_of(meeting, **zone);
  const auto window = meetings::scan_window(meeting.start_ms, meeting.end_ms, **session);
  if (auto scans = meeting_scans(store.database(), meeting.partner_id, window.from_ms, window.until_ms))
    shown.partner_came = !scans->empty();
  shown.held = shown.current && shown.partner_came;
  return shown;
}

CheckinAnswer failed_checkin(bool manual, Error error) {
  CheckinAnswer answer;
  answer.manual = manual;
  answer.error = std::move(error);
  return answer;
}

// The partner's badge of a walk-in, accepted: the walk-in recorded (or why not), as the host's
// screen shows it. A failure to record shows "out of order", as a failed check-in does.
Result<WalkInDisplay> walk_in_of(Store& store, const ScanRequest& scan, const CheckinResult& partner_scan) {
  meetings::WalkInRequest request;
  request.event_id = partner_scan.entry.event_id;
  request.checkpoint_id = scan.checkpoint_id;
  request.host_id = scan.walk_in_host;
  request.partner_id = partner_scan.participant->id;
  request.host_scan_ms = scan.walk_in_host_scan_ms;
  PSL_ASSIGN_OR_RETURN(const auto recorded, meetings::record_walk_in(store, request));
  WalkInDisplay shown;
  shown.host_id = scan.walk_in_host;
  shown.host_scan_ms = scan.walk_in_host_scan_ms;
  if (auto host = store.participant(scan.walk_in_host); host && *host) {
    shown.host_first_name = (*host)->record.first_name;
    shown.language = (*host)->record.language;
  }
  switch (recorded.outcome) {
    case meetings::WalkInOutcome::same_person:
      shown.stage = WalkInDisplay::Stage::own_badge;
      return shown;
    case meetings::WalkInOutcome::placed:
      shown.stage = WalkInDisplay::Stage::placed;
      break;
    case meetings::WalkInOutcome::no_free_table:
      shown.stage = WalkInDisplay::Stage::no_free_table;
      break;
    case meetings::WalkInOutcome::already_meeting:
      shown.stage = WalkInDisplay::Stage::already_meeting;
      break;
  }
  PSL_ASSIGN_OR_RETURN(const TimeZone* zone, store.event_timezone(request.event_id));
  const auto& partner = partner_scan.participant->record;
  shown.meeting = MeetingLine{recorded.start_ms,    zone->local_time_of_day(recorded.start_ms),
                              recorded.table_label, partner.first_name + " " + partner.last_name,
                              partner.organisation, partner.country};
  shown.end_time = zone->local_time_of_day(recorded.end_ms);
  return shown;
}

ScanDisplay display_of(const CheckinResult& result, Store& store) {
  ScanDisplay display;
  display.outcome = result.outcome;
  display.checkout = result.entry.kind == EntryKind::checkout;
  display.previous_local_time = result.previous_local_time;
  display.previous_checkpoint = result.previous_checkpoint_name;
  display.rehearsal = store.rehearsal();
  if (result.participant) {
    const auto& record = result.participant->record;
    display.known_person = true;
    display.participant_id = result.participant->id;
    display.first_name = record.first_name;
    display.last_name = record.last_name;
    display.organisation = record.organisation;
    display.country = record.country;
    display.language = record.language;
  }
  if (result.participant && result.outcome == Outcome::accepted) {
    if (result.entry.kind == EntryKind::meeting_held)
      display.b2b = meeting_of_scan(store, result.participant->id, result.entry);
    else if (!display.checkout) {
      display.meetings = meetings_of_day(store, result.participant->id, result.entry.event_id, result.entry.local_day);
      // A failed read costs the note, never the check-in.
      auto changed = meetings::agenda_changed_since_printed(store.database(), *result.participant);
      display.agenda_changed = changed && *changed;
    }
  }
  return display;
}

}  // namespace

CheckinWorker::CheckinWorker(std::filesystem::path database, std::int64_t event_id, const Clock& clock,
                             std::function<void(WorkerAnswer)> deliver)
    : database_(std::move(database)), event_id_(event_id), clock_(&clock), deliver_(std::move(deliver)) {
  thread_.start(
      [this](std::stop_token stop) { run(std::move(stop)); },
      [this](std::string_view what) {
        // The kiosk's one writer is gone: nothing more can be stored, so show it as a
        // store that cannot write.
        deliver_(failed_checkin(false, make_error(Errc::database, "check-in worker stopped: " + std::string(what))));
      });
}

CheckinWorker::~CheckinWorker() {
  // Requests still queued are dropped: the stopped thread takes no more.
  thread_.stop();
}

void CheckinWorker::submit(WorkerRequest request) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(request));
  }
  thread_.notify();
}

void CheckinWorker::run(std::stop_token stop) {
  // The connection is opened here so that it lives on this thread only.
  auto store = Store::open(database_, *clock_);
  if (store) {
    // At boot, before any scan: a jump across the restart, or a date that cannot be right.
    // Unread (the store failed), it says nothing: the first scan's answer will.
    if (ClockAnswer answer = door_status(*store, &clock_watch_); answer.clock.known) deliver_(std::move(answer));
  }
  for (;;) {
    WorkerRequest request;
    {
      std::unique_lock lock(mutex_);
      if (!thread_.wait(lock, stop, [this] { return !queue_.empty(); })) return;
      request = std::move(queue_.front());
      queue_.pop_front();
    }
    if (const auto* pin = std::get_if<PinRequest>(&request)) {
      // Needs no store: a kiosk whose database failed can still be unlocked by staff.
      deliver_(PinAnswer{pin->attempt, staff_pin_matches(pin->hash, pin->pin)});
      continue;
    }
    if (!store) {
      // Every request is answered, so that the screen says "out of order" rather than nothing.
      if (const auto* search = std::get_if<SearchRequest>(&request))
        deliver_(SearchAnswer{search->text, store.error(), {}});
      else if (const auto* feedback = std::get_if<FeedbackRequest>(&request))
        deliver_(FeedbackAnswer{feedback->participant_id, feedback->meeting_start_ms, store.error()});
      else if (std::holds_alternative<DoorRequest>(request))
        deliver_(ClockAnswer{ClockStatus{}, RehearsalStatus{}, store.error()});
      else if (std::holds_alternative<PlaceRequest>(request))
        deliver_(PlaceAnswer{store.error()});
      else
        deliver_(failed_checkin(std::holds_alternative<ManualRequest>(request), store.error()));
      continue;
    }
    deliver_(handle(*store, request));
  }
}

WorkerAnswer CheckinWorker::handle(Store& store, const WorkerRequest& request) {
  if (const auto* search = std::get_if<SearchRequest>(&request)) {
    SearchAnswer answer{search->text, std::nullopt, {}};
    auto found = store.search(event_id_, search->text, 30);
    if (!found) {
      answer.error = found.error();
      return answer;
    }
    for (const auto& person : *found) {
      const auto& record = person.record;
      answer.hits.push_back(SearchHit{person.id, record.external_id, record.first_name + " " + record.last_name,
                                      record.organisation, record.country, record.status});
    }
    return answer;
  }

  if (const auto* feedback = std::get_if<FeedbackRequest>(&request)) return record_feedback(store, *feedback);
  if (const auto* door = std::get_if<DoorRequest>(&request)) return change_door(store, *door);
  if (const auto* place = std::get_if<PlaceRequest>(&request)) {
    PlaceAnswer answer;
    if (auto saved = save_place(store, event_id_, SavedPlace{place->checkpoint_id, place->direction}); !saved)
      answer.error = saved.error();
    return answer;
  }

  CheckinRequest checkin;
  checkin.event_id = event_id_;
  CheckinAnswer answer;
  if (const auto* scan = std::get_if<ScanRequest>(&request)) {
    checkin.checkpoint_id = scan->checkpoint_id;
    checkin.direction = scan->direction;
    checkin.code = scan->text;
    answer.submitted_ns = scan->submitted_ns;
  } else {
    const auto& manual = std::get<ManualRequest>(request);
    checkin.checkpoint_id = manual.checkpoint_id;
    checkin.direction = manual.direction;
    checkin.manual_participant_id = manual.participant_id;
    checkin.operator_name = manual.operator_name;
    answer.manual = true;
  }
  CheckinService service(store, &clock_watch_);
  auto result = service.scan(checkin);
  if (!result) {
    answer.error = result.error();
    // Read again outside the failed transaction: a once-per-day pause for the clock says so.
    if (auto door = read_door_time(store, event_id_, nullptr)) {
      answer.clock = clock_status(store, *door);
      answer.clock_paused = door->day_unknown && result.error().code == Errc::conflict;
    }
    return answer;
  }
  answer.clock = clock_status(store, result->door);
  const auto* scan = std::get_if<ScanRequest>(&request);
  if (scan != nullptr && scan->walk_in_host != 0 && result->outcome == Outcome::accepted && result->participant) {
    auto walk_in = walk_in_of(store, *scan, *result);
    if (!walk_in) {
      answer.error = walk_in.error();
      return answer;
    }
    answer.walk_in = std::move(*walk_in);
  }
  answer.display = display_of(*result, store);
  if (auto checkpoint = store.checkpoint(checkin.checkpoint_id);
      checkpoint && *checkpoint && (*checkpoint)->rule == CheckpointRule::in_out) {
    if (auto inside = store.inside_count(checkin.checkpoint_id)) answer.inside_count = *inside;
  }
  return answer;
}

FeedbackAnswer CheckinWorker::record_feedback(Store& store, const FeedbackRequest& request) {
  FeedbackAnswer answer{request.participant_id, request.meeting_start_ms, std::nullopt};
  JournalEntry entry;
  entry.event_id = event_id_;
  entry.kind = EntryKind::feedback;
  entry.outcome = Outcome::accepted;
  entry.participant_id = request.participant_id;
  entry.checkpoint_id = request.checkpoint_id;
  entry.partner_id = request.partner_id;
  entry.meeting_start_ms = request.meeting_start_ms;
  entry.answer = std::string(to_string(request.answer));
  auto transaction = db::Transaction::begin(store.database());
  if (!transaction) {
    answer.error = transaction.error();
    return answer;
  }
  if (auto stored = store.append_in_transaction(std::move(entry)); !stored) {
    answer.error = stored.error();
    return answer;
  }
  if (auto committed = transaction->commit(); !committed) answer.error = committed.error();
  return answer;
}

ClockAnswer CheckinWorker::change_door(Store& store, const DoorRequest& request) {
  Status changed;
  switch (request.action) {
    case DoorRequest::Action::confirm_date:
      changed = confirm_clock_date(store);
      break;
    case DoorRequest::Action::rehearsal_on:
    case DoorRequest::Action::rehearsal_off:
      store.set_rehearsal(request.action == DoorRequest::Action::rehearsal_on);
      break;
    case DoorRequest::Action::clear_rehearsal:
      if (auto cleared = store.clear_rehearsal(event_id_); !cleared) changed = cleared.error();
      break;
  }
  ClockAnswer answer = door_status(store, nullptr);
  if (!changed) answer.error = changed.error();
  return answer;
}

ClockAnswer CheckinWorker::door_status(Store& store, ClockWatch* watch) {
  ClockAnswer answer;
  if (auto door = read_door_time(store, event_id_, watch))
    answer.clock = clock_status(store, *door);
  else
    answer.error = door.error();
  answer.rehearsal.on = store.rehearsal();
  if (auto count = store.rehearsal_count(event_id_))
    answer.rehearsal.scans = *count;
  else if (!answer.error)
    answer.error = count.error();
  return answer;
}

ClockStatus CheckinWorker::clock_status(Store& store, const DoorTime& door) {
  ClockStatus status;
  status.known = true;
  status.date_plausible = door.date_plausible;
  status.synchronised = store.clock().wall_clock_synchronised();
  status.trusted = door.clock_trusted;
  status.event_day = door.event_day;
  status.raw_day = door.raw_day;
  status.first_day = door.first_day;
  status.last_day = door.last_day;
  auto jump = last_clock_jump(store);
  auto zone = store.event_timezone(event_id_);
  if (jump && *jump && zone) {
    status.jumped = true;
    status.jump_back = (*jump)->back;
    status.jump_minutes = ((*jump)->size_ms + 30'000) / 60'000;
    status.jump_at = (*zone)->local_time_of_day((*jump)->at_ms);
  }
  return status;
}

}  // namespace passerelle::kiosk
