#include "core/checkin/checkin.h"

#include "core/text/utf8.h"
#include "core/util/strings.h"

namespace passerelle {
namespace {

// Scanned text is stored for diagnosis; a bound keeps a runaway scanner from filling the disk.
constexpr std::size_t kMaxStoredCodeBytes = 512;

std::string truncated(std::string_view code) {
  return std::string(truncate_utf8(code, kMaxStoredCodeBytes));
}

}  // namespace

Result<CodeResolution> CheckinService::resolve_token(std::int64_t event_id, std::string_view text) {
  CodeResolution resolution;
  auto refuse = [&resolution](Outcome outcome, std::string detail) {
    resolution.refusal = outcome;
    resolution.detail = std::move(detail);
    return resolution;
  };
  auto token = badge::parse_token(text);
  if (!token) return refuse(Outcome::malformed, token.error().message);
  const badge::TokenClaims& claims = token->claims;
  PSL_ASSIGN_OR_RETURN(const auto key, store_->find_signing_key(claims.key_id));
  if (!key) return refuse(Outcome::unknown_key, "no key " + std::to_string(claims.key_id) + " on this device");
  if (key->retired_ms) return refuse(Outcome::unknown_key, "key " + std::to_string(claims.key_id) + " is retired");
  if (!badge::verify_signature(*token, key->public_key))
    return refuse(Outcome::bad_signature, "signature does not verify");
  if (claims.event_id != event_id || key->event_id != event_id)
    return refuse(Outcome::other_event, "badge of event " + std::to_string(claims.event_id));
  PSL_ASSIGN_OR_RETURN(const auto person, store_->participant(claims.participant_id));
  if (!person || person->event_id != event_id)
    return refuse(Outcome::unknown_code, "no participant " + std::to_string(claims.participant_id));
  resolution.participant_id = person->id;
  if (claims.badge_serial < person->badge_serial)
    return refuse(Outcome::revoked, "badge " + std::to_string(claims.badge_serial) + " replaced by badge " +
                                        std::to_string(person->badge_serial));
  PSL_ASSIGN_OR_RETURN(const bool listed, store_->is_badge_revoked(person->id, claims.badge_serial));
  if (listed)
    return refuse(Outcome::revoked, "badge " + std::to_string(claims.badge_serial) + " is on the revocation list");
  return resolution;
}

Result<CodeResolution> CheckinService::resolve_code(std::int64_t event_id, const std::string& code) {
  CodeResolution resolution;
  const std::string_view text = trim(code);
  if (text.empty()) {
    resolution.refusal = Outcome::unknown_code;
    return resolution;
  }
  if (badge::has_token_prefix(text)) return resolve_token(event_id, text);
  PSL_ASSIGN_OR_RETURN(resolution.participant_id, store_->ticket_code_owner(event_id, text));
  if (!resolution.participant_id) resolution.refusal = Outcome::unknown_code;
  return resolution;
}

Result<CheckinResult> CheckinService::scan(const CheckinRequest& request) {
  const bool manual = request.manual_participant_id.has_value();
  if (manual && trim(request.operator_name).empty())
    return make_error(Errc::invalid_input, "a manual check-in needs the operator's name");

  PSL_ASSIGN_OR_RETURN(const auto checkpoint, store_->checkpoint(request.checkpoint_id));
  if (!checkpoint || checkpoint->event_id != request.event_id)
    return make_error(Errc::not_found, "no checkpoint " + std::to_string(request.checkpoint_id) + " in event " +
                                           std::to_string(request.event_id));

  // One IMMEDIATE transaction around decide-and-journal: a second kiosk process on the same
  // file cannot slip a check-in between our "not yet checked in" and our insert.
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(store_->database()));
  PSL_ASSIGN_OR_RETURN(const TimeZone* zone, store_->event_timezone(request.event_id));
  PSL_ASSIGN_OR_RETURN(const DoorTime door, read_door_time(*store_, request.event_id, watch_));
  const std::string& today = door.day;
  // With a date that cannot be right once the event is under way, today is unknown: a
  // once-per-day checkpoint could admit a person twice on the true day, so it pauses until staff
  // set the clock; the other rules never read the day and go on (docs/CLOCKS.md).
  // A rehearsal risks nothing: its scans count against each other only (Store::set_rehearsal).
  const bool rehearsal = store_->rehearsal();
  if (!rehearsal && door.day_unknown && checkpoint->rule == CheckpointRule::once_per_day)
    return make_error(Errc::conflict, "the clock says " + door.raw_day + ", the event runs " + door.first_day + " to " +
                                          door.last_day + ": once-per-day check-in waits for the clock");

  CheckinResult result;
  result.door = door;
  std::optional<Outcome> refusal;  // set by the first rule that refuses, in DESIGN.md's order
  std::optional<std::int64_t> participant_id;
  if (manual) {
    participant_id = request.manual_participant_id;
  } else {
    PSL_ASSIGN_OR_RETURN(const auto resolution, resolve_code(request.event_id, request.code));
    refusal = resolution.refusal;
    participant_id = resolution.participant_id;
    result.detail = resolution.detail;
  }
  if (participant_id) {
    PSL_ASSIGN_OR_RETURN(result.participant, store_->participant(*participant_id));
    if (!result.participant || result.participant->event_id != request.event_id) {
      // A participant id that does not belong here only reaches this point from a manual pick.
      if (manual)
        return make_error(Errc::not_found, "no participant " + std::to_string(*participant_id) + " in this event");
      result.participant.reset();
      if (!refusal) refusal = Outcome::unknown_code;
    }
  } else if (!refusal) {
    refusal = Outcome::unknown_code;
  }

  const bool exit_scan = checkpoint->rule == CheckpointRule::in_out && request.direction == Direction::exit;
  if (!refusal) {
    const Participant& person = *result.participant;
    if (person.record.status == ParticipantStatus::cancelled) {
      refusal = Outcome::cancelled;
    } else if (person.record.status == ParticipantStatus::blocked) {
      refusal = Outcome::blocked;
    } else if (!exit_scan && !checkpoint->admits_tags(person.record.tags)) {
      refusal = Outcome::not_admitted;
    } else if (!exit_scan && !rehearsal && door.clock_trusted && !door.event_day) {
      // A door tried out the week before must not count as attendance. An exit is still
      // recorded (as above): someone who came in before midnight of the last day may leave.
      refusal = Outcome::not_event_day;
    } else if (checkpoint->kind == CheckpointKind::door) {
      PSL_ASSIGN_OR_RETURN(result.previous, store_->attendance_mark(*checkpoint, person.id, today));
      // At an in/out checkpoint only an entry while inside is refused; an exit is always
      // recorded, so that a missed entry scan never traps a person inside the count.
      bool used_up = result.previous.has_value();
      if (checkpoint->rule == CheckpointRule::in_out)
        used_up = !exit_scan && result.previous && result.previous->kind != EntryKind::checkout;
      if (used_up)
        refusal = Outcome::already_checked_in;
      else
        result.previous.reset();
    }
  }
  result.outcome = refusal.value_or(Outcome::accepted);

  if (result.previous) {
    PSL_ASSIGN_OR_RETURN(const auto where, store_->checkpoint(result.previous->checkpoint_id));
    result.previous_checkpoint_name = where ? where->name : "";
    result.previous_local_time = zone->local_time_of_day(result.previous->wall_ms);
  }

  JournalEntry entry;
  entry.wall_ms = door.wall_ms;
  entry.monotonic_ns = door.monotonic_ns;
  entry.local_day = door.day;
  entry.event_id = request.event_id;
  entry.checkpoint_id = checkpoint->id;
  entry.outcome = result.outcome;
  if (result.participant) entry.participant_id = result.participant->id;
  entry.code = manual ? std::string() : truncated(request.code);
  entry.operator_name = manual ? std::string(trim(request.operator_name)) : std::string();
  if (result.outcome != Outcome::accepted)
    entry.kind = EntryKind::rejected_scan;
  else if (exit_scan)
    entry.kind = EntryKind::checkout;
  else if (checkpoint->kind == CheckpointKind::b2b_area)
    entry.kind = EntryKind::meeting_held;  // this participant's side of a meeting; see docs/B2B_AREA.md
  else
    entry.kind = manual ? EntryKind::manual_checkin : EntryKind::checkin;
  PSL_ASSIGN_OR_RETURN(result.entry, store_->append_in_transaction(std::move(entry)));
  PSL_TRY(transaction.commit());
  return result;
}

}  // namespace passerelle
