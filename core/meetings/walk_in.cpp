#include "core/meetings/walk_in.h"

#include <algorithm>

#include "core/meetings/meeting_state.h"
#include "core/store/b2b_store.h"

namespace passerelle::meetings {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;

// The pair's meeting whose scan window holds `at_ms`, if any (a row or an earlier walk-in).
Result<std::optional<AgendaMeeting>> meeting_of_pair(db::Database& database, const WalkInRequest& request,
                                                     const B2bSession& session) {
  constexpr std::int64_t kDayMs = 86'400'000;
  PSL_ASSIGN_OR_RETURN(const auto agenda, participant_agenda(database, request.host_id, request.host_scan_ms - kDayMs,
                                                             request.host_scan_ms + kDayMs));
  for (const auto& meeting : agenda)
    if (meeting.partner_id == request.partner_id &&
        scan_window(meeting.start_ms, meeting.end_ms, session).contains(request.host_scan_ms))
      return std::optional<AgendaMeeting>(meeting);
  return std::optional<AgendaMeeting>();
}

}  // namespace

std::optional<std::string> first_free_table(const B2bSession& session, const std::string& area,
                                            std::span<const std::string> in_use) {
  int first = 1, last = session.tables;
  for (const auto& candidate : session.areas)
    if (!area.empty() && candidate.name == area) {
      first = candidate.first_table;
      last = candidate.last_table;
    }
  for (int table = first; table <= last; ++table) {
    const std::string label = session.table_label(table);
    if (std::find(in_use.begin(), in_use.end(), label) == in_use.end()) return label;
  }
  return std::nullopt;
}

Result<WalkIn> record_walk_in(Store& store, const WalkInRequest& request) {
  WalkIn walk_in;
  if (request.host_id == request.partner_id) return walk_in;  // same_person
  PSL_ASSIGN_OR_RETURN(const auto session, load_b2b_session(store.database(), request.event_id));
  if (!session)
    return make_error(Errc::not_found, "event " + std::to_string(request.event_id) + " has no [b2b] session");
  PSL_ASSIGN_OR_RETURN(const auto checkpoint, store.checkpoint(request.checkpoint_id));
  if (!checkpoint) return make_error(Errc::not_found, "no checkpoint " + std::to_string(request.checkpoint_id));

  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(store.database()));
  PSL_ASSIGN_OR_RETURN(const auto existing, meeting_of_pair(store.database(), request, *session));
  if (existing) {
    walk_in.outcome = WalkInOutcome::already_meeting;
    walk_in.start_ms = existing->start_ms;
    walk_in.end_ms = existing->end_ms;
    walk_in.table_label = existing->table_label;
    return walk_in;  // the transaction, which wrote nothing, rolls back
  }
  walk_in.start_ms = request.host_scan_ms - request.host_scan_ms % kMinuteMs;
  walk_in.end_ms = walk_in.start_ms + session->slot_minutes * kMinuteMs;
  PSL_ASSIGN_OR_RETURN(const auto in_use,
                       tables_in_use(store.database(), request.event_id, walk_in.start_ms, walk_in.end_ms));
  const auto table = first_free_table(*session, checkpoint->b2b_area, in_use);
  walk_in.outcome = table ? WalkInOutcome::placed : WalkInOutcome::no_free_table;
  walk_in.table_label = table.value_or("");

  JournalEntry entry;
  entry.event_id = request.event_id;
  entry.kind = EntryKind::walkin_meeting;
  entry.outcome = Outcome::accepted;
  entry.participant_id = request.host_id;
  entry.checkpoint_id = request.checkpoint_id;
  entry.partner_id = request.partner_id;
  entry.meeting_start_ms = walk_in.start_ms;
  entry.table_label = walk_in.table_label;
  PSL_TRY(store.append_in_transaction(std::move(entry)));
  PSL_TRY(transaction.commit());
  return walk_in;
}

}  // namespace passerelle::meetings
