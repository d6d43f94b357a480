// From a B2B file's bytes to rows an event can store (issue #12): meeting requests, participants'
// unavailable slots, and a ready schedule exported by a matchmaking platform. Columns as
// b2b_columns.h finds them; encodings and quoting as the participant import (docs/import.md).
//
// Every row is checked and every bad one named (line, column, reason; one error per row), so the
// caller can refuse the file whole and show them all. Whole-file failures (undecodable bytes, a
// missing column) are the Result's error. Pure: no database, no I/O; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/import/b2b_columns.h"
#include "core/import/participant_mapping.h"
#include "core/model/b2b_session.h"
#include "core/model/participant.h"
#include "core/time/timezone.h"

namespace passerelle::import {

// Who a cell names: an external id, or failing that an email (case-insensitive).
class ParticipantDirectory {
 public:
  explicit ParticipantDirectory(const std::vector<Participant>& people);
  std::optional<std::int64_t> find(std::string_view text) const;
  // "First Last"; empty for an unknown id.
  std::string name(std::int64_t id) const;

 private:
  std::map<std::string, std::int64_t, std::less<>> by_id_;
  std::map<std::string, std::int64_t, std::less<>> by_email_;
  std::map<std::int64_t, std::string> names_;
};

struct B2bImportOptions {
  B2bPreset preset = B2bPreset::automatic;
  const B2bMapping* mapping = nullptr;  // from --mapping FILE; not owned
};

struct B2bFileInfo {
  csv::SourceEncoding encoding = csv::SourceEncoding::utf8;
  char delimiter = ',';
  B2bColumns columns;
  std::vector<std::string> warnings;
  std::vector<RowError> errors;  // bad rows; the file is to be refused when any
};

struct RequestRow {
  std::size_t line = 0;
  std::int64_t a = 0;  // participant ids, a < b
  std::int64_t b = 0;
  std::string half_day = "any";  // any | morning | afternoon
};
struct RequestsPlan {
  B2bFileInfo file;
  std::vector<RequestRow> rows;
};
// The same pair twice is an error on the later line.
Result<RequestsPlan> plan_meeting_requests(std::string_view bytes, const ParticipantDirectory& people,
                                           const B2bImportOptions& options);

struct UnavailablePlan {
  B2bFileInfo file;
  std::vector<std::pair<std::int64_t, std::int64_t>> rows;  // (participant id, slot 1..session.slots())
};
// A line names a slot number, or a time range (from, until) of the session's day: every slot that
// overlaps it is taken.
Result<UnavailablePlan> plan_unavailable(std::string_view bytes, const ParticipantDirectory& people,
                                         const B2bSession& session, const B2bImportOptions& options);

struct ScheduledRow {
  std::size_t line = 0;
  std::int64_t a = 0;  // a < b
  std::int64_t b = 0;
  std::int64_t start_ms = 0;  // UTC
  std::int64_t end_ms = 0;
  std::string location;  // the session's table label, or the platform's place as written
};
struct SchedulePlan {
  B2bFileInfo file;
  std::vector<ScheduledRow> rows;
};
struct ScheduleFrame {
  const B2bSession* session = nullptr;  // the event's [b2b], if any; not owned
  const TimeZone* zone = nullptr;       // the event's zone; not owned, required
  std::vector<std::string> event_days;  // "YYYY-MM-DD"
};
// With a session: each meeting starts at a slot's start on the session's day, ends within that
// slot (its end when not given) and sits at one of its tables. Without one: any time of the
// event's days, end required, any place. Either way, nobody is in two meetings at once, no table
// or place holds two, and no pair meets twice: each clash is named on the later line.
Result<SchedulePlan> plan_schedule(std::string_view bytes, const ParticipantDirectory& people,
                                   const ScheduleFrame& frame, const B2bImportOptions& options);

// Times as platforms write them, exposed for tests. A clock: "9:00", "09:00:00", "9:00 AM".
std::optional<int> parse_time_of_day_minutes(std::string_view text);
// A date: "2026-12-08", "8.12.2026", and with a known order "08/12/2026"; "YYYY-MM-DD" or empty.
std::string parse_date(std::string_view text, DateOrder order);

}  // namespace passerelle::import
