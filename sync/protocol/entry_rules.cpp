// The entry rules (entry_rules.h), for every storage.
#include "sync/protocol/entry_rules.h"

#include <utility>

#include "core/util/strings.h"

namespace passerelle::sync {

std::string_view to_string(ForeignEntryStatus status) noexcept {
  switch (status) {
    case ForeignEntryStatus::stored:
      return "stored";
    case ForeignEntryStatus::duplicate:
      return "duplicate";
    case ForeignEntryStatus::uuid_conflict:
      return "uuid_conflict";
    case ForeignEntryStatus::sequence_conflict:
      return "sequence_conflict";
    case ForeignEntryStatus::unknown_event:
      return "unknown_event";
    case ForeignEntryStatus::unknown_participant:
      return "unknown_participant";
    case ForeignEntryStatus::unknown_checkpoint:
      return "unknown_checkpoint";
  }
  return "stored";
}

bool same_checkpoint_name(std::string_view a, std::string_view b) noexcept {
  return equals_ignoring_ascii_case(a, b);
}

bool same_entry(const WireEntry& held, const WireEntry& offered) noexcept {
  if (held.checkpoint.has_value() != offered.checkpoint.has_value()) return false;
  if (held.checkpoint && !same_checkpoint_name(*held.checkpoint, *offered.checkpoint)) return false;
  WireEntry named_alike = offered;
  named_alike.checkpoint = held.checkpoint;
  return held == named_alike;
}

bool admits_once(const WireEntry& entry, CheckpointRule rule) noexcept {
  const bool checkin = entry.kind == EntryKind::checkin || entry.kind == EntryKind::manual_checkin;
  return checkin && entry.outcome == Outcome::accepted && rule != CheckpointRule::in_out;
}

namespace {

// Why a refusal, or the row ids the insert needs.
struct Resolved {
  std::optional<ForeignEntryStatus> refusal;
  EntryRefs refs;
};

Result<Resolved> resolve(EntryRows& rows, const WireEntry& entry) {
  Resolved resolved;
  PSL_ASSIGN_OR_RETURN(const auto held, rows.entry(entry.uuid));
  if (held) {
    resolved.refusal = same_entry(*held, entry) ? ForeignEntryStatus::duplicate : ForeignEntryStatus::uuid_conflict;
    return resolved;
  }
  PSL_ASSIGN_OR_RETURN(const bool known_event, rows.has_event(entry.event));
  if (!known_event) {
    resolved.refusal = ForeignEntryStatus::unknown_event;
    return resolved;
  }
  auto& refs = resolved.refs;
  for (const auto& [external_id, id] :
       {std::pair{&entry.participant, &refs.participant_id}, std::pair{&entry.partner, &refs.partner_id}}) {
    if (!*external_id) continue;
    PSL_ASSIGN_OR_RETURN(*id, rows.participant(entry.event, **external_id));
    if (!*id) {
      resolved.refusal = ForeignEntryStatus::unknown_participant;
      return resolved;
    }
  }
  if (entry.checkpoint) {
    PSL_ASSIGN_OR_RETURN(refs.checkpoint, rows.checkpoint(entry.event, *entry.checkpoint));
    if (!refs.checkpoint) {
      resolved.refusal = ForeignEntryStatus::unknown_checkpoint;
      return resolved;
    }
  }
  PSL_ASSIGN_OR_RETURN(const bool taken, rows.sequence_taken(entry.device, entry.seq));
  if (taken) resolved.refusal = ForeignEntryStatus::sequence_conflict;
  return resolved;
}

// A second accepted check-in that the rule allows once: kept (it was shown green), paired with
// the earliest other one, and counted once by attendance, which takes the first.
Result<std::optional<std::string>> pair_double(EntryRows& rows, const WireEntry& entry, std::int64_t participant_id,
                                               const CheckpointRef& checkpoint, std::int64_t now_ms) {
  PSL_TRY(rows.lock_participant(participant_id));
  const std::optional<std::string_view> day =
      checkpoint.rule == CheckpointRule::once_per_day ? std::optional<std::string_view>(entry.local_day) : std::nullopt;
  PSL_ASSIGN_OR_RETURN(auto other, rows.earliest_other_checkin(participant_id, checkpoint.id, entry.uuid, day));
  if (!other) return std::optional<std::string>();
  const bool other_first = std::pair(other->wall_ms, other->uuid) < std::pair(entry.wall_ms, entry.uuid);
  DoubleCheckin pair{other_first ? other->uuid : entry.uuid, other_first ? entry.uuid : other->uuid, participant_id,
                     checkpoint.id, now_ms};
  PSL_TRY(rows.record_double(pair));
  return std::optional<std::string>(std::move(other->uuid));
}

}  // namespace

Result<ForeignEntryResult> store_foreign_entry(EntryRows& rows, const WireEntry& entry, std::int64_t now_ms) {
  // Twice at most: a miss on the first insert means a concurrent writer committed a clashing row,
  // which the second look sees and names.
  for (int attempt = 1;; ++attempt) {
    PSL_ASSIGN_OR_RETURN(const auto resolved, resolve(rows, entry));
    if (resolved.refusal) return ForeignEntryResult{*resolved.refusal, {}};
    PSL_ASSIGN_OR_RETURN(const bool inserted, rows.insert(entry, resolved.refs));
    if (!inserted) {
      if (attempt >= 2) return make_error(Errc::database, "journal entry " + entry.uuid + " neither stored nor found");
      PSL_TRY(rows.refresh(entry));
      continue;
    }
    ForeignEntryResult result;
    const auto& refs = resolved.refs;
    if (refs.participant_id && refs.checkpoint && admits_once(entry, refs.checkpoint->rule)) {
      PSL_ASSIGN_OR_RETURN(result.doubles, pair_double(rows, entry, *refs.participant_id, *refs.checkpoint, now_ms));
    }
    return result;
  }
}

}  // namespace passerelle::sync
