#include "tests/hub/live_scenario.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>
#include <vector>

#include "core/store/b2b_store.h"

namespace passerelle::testing {
namespace {

struct Person {
  const char* external_id;
  const char* first_name;
  const char* last_name;
  const char* country;
  const char* sector;
  OrgType org_type;
  ParticipantStatus status;
};

// Names that test the list's order: "dupont" and "Dupont" tie without case, "É" sorts after "z",
// as SQLite's NOCASE has it.
constexpr Person kPeople[] = {
    {"P-1", "Renée", "Dupont", "FR", "Energy", OrgType::sme, ParticipantStatus::registered},
    {"P-2", "Jan", "Peeters", "BE", "Health", OrgType::university, ParticipantStatus::registered},
    {"P-3", "anne", "dupont", "FR", "Energy", OrgType::research_centre, ParticipantStatus::registered},
    {"P-4", "Émile", "Zola", "FR", "Culture", OrgType::large_company, ParticipantStatus::registered},
    {"P-5", "Ada", "Ébert", "DE", "Energy", OrgType::sme, ParticipantStatus::registered},
    {"P-6", "Piet", "van Damme", "NL", "Health", OrgType::support_organisation, ParticipantStatus::registered},
    {"P-7", "Carl", "Adams", "DE", "", OrgType::unspecified, ParticipantStatus::cancelled},
};

EventConfig live_config() {
  EventConfig config;
  config.name = "Live";
  config.venue = "Lille";
  config.days = {"2026-01-01"};
  config.language = Language::fr;
  config.checkpoints = {{"Entrance", CheckpointRule::once_per_day, {}},
                        {"Hall", CheckpointRule::in_out, {}},
                        {"B2B area", CheckpointRule::once_per_event, {}, CheckpointKind::b2b_area}};
  B2bSession session;
  session.day = "2026-01-01";
  session.start_minute = 10 * 60;
  session.afternoon_start_minute = 14 * 60;
  session.slot_minutes = 20;
  session.morning_slots = 3;
  session.afternoon_slots = 2;
  session.tables = 4;
  session.areas = {{"Hall A", 1, 2}, {"Hall B", 3, 4}};
  config.b2b = session;
  return config;
}

Result<std::int64_t> id_of(Store& store, std::int64_t event_id, const std::string& external_id) {
  PSL_ASSIGN_OR_RETURN(const auto person, store.find_by_external_id(event_id, external_id));
  if (!person) return make_error(Errc::not_found, external_id);
  return person->id;
}

// What `schedule` and `import-b2b` would have written: the requests and three meetings.
Status write_meetings(Store& store, std::int64_t event_id) {
  std::map<std::string, std::int64_t> id;
  for (const auto& person : kPeople) {
    PSL_ASSIGN_OR_RETURN(id[person.external_id], id_of(store, event_id, person.external_id));
  }
  std::vector<MeetingRequestRow> requests;
  for (const auto& [a, b] :
       {std::pair("P-1", "P-2"), std::pair("P-3", "P-4"), std::pair("P-5", "P-6"), std::pair("P-2", "P-6")})
    requests.push_back({0, std::min(id[a], id[b]), std::max(id[a], id[b]), "any"});
  PSL_TRY(replace_meeting_requests(store.database(), event_id, requests));
  struct Row {
    const char* a;
    const char* b;
    std::int64_t start_ms;
    const char* table;
    const char* status;
  };
  for (const Row& row : {Row{"P-1", "P-2", kLiveStartMs, "Hall A, table 1", "scheduled"},
                         Row{"P-3", "P-4", kLiveStartMs + 20 * kMinuteMs, "Hall A, table 2", "scheduled"},
                         Row{"P-5", "P-6", kLiveStartMs, "Hall B, table 3", "cancelled"}}) {
    PSL_ASSIGN_OR_RETURN(auto insert,
                         store.database().query("INSERT INTO meeting(event_id, participant_a, participant_b, "
                                                "slot_start_ms, slot_end_ms, table_label, status, origin) "
                                                "VALUES (?, ?, ?, ?, ?, ?, ?, 'scheduled')"));
    PSL_TRY(insert
                .bind_all(event_id, id[row.a], id[row.b], row.start_ms, row.start_ms + 20 * kMinuteMs,
                          std::string(row.table), std::string(row.status))
                .run());
  }
  return {};
}

Result<hub::Principal> enrol(hub::HubStore& store, std::int64_t event_id, const std::string& name,
                             std::int64_t kiosk_time_ms) {
  PSL_ASSIGN_OR_RETURN(const auto code, store.create_enrolment_code(event_id, 60'000, name));
  PSL_ASSIGN_OR_RETURN(const auto answer, store.enrol({code.code, name, {}, kiosk_time_ms}));
  PSL_ASSIGN_OR_RETURN(const auto auth, store.authenticate(answer.token));
  if (auth.status != hub::AuthStatus::ok) return make_error(Errc::database, "a new device does not authenticate");
  return auth.principal;
}

sync::WireEntry meeting_entry(sync::WireEntry entry, EntryKind kind, const std::string& partner, std::int64_t start_ms,
                              const std::string& table, const std::string& answer) {
  entry.kind = kind;
  entry.partner = partner;
  entry.meeting_start_ms = start_ms;
  entry.table = table;
  entry.answer = answer;
  return entry;
}

}  // namespace

sync::WireEntry live_entry(const hub::Principal& device, int device_rank, std::int64_t seq, EntryKind kind,
                           const std::string& participant, const std::string& checkpoint, std::int64_t wall_ms,
                           std::int64_t event_id) {
  char uuid[40];
  std::snprintf(uuid, sizeof uuid, "01940000-%04x-7000-8000-%012llx", device_rank,
                static_cast<unsigned long long>(seq));
  sync::WireEntry entry;
  entry.uuid = uuid;
  entry.device = device.device_id;
  entry.seq = seq;
  entry.event = event_id;
  entry.kind = kind;
  entry.outcome = Outcome::accepted;
  entry.participant = participant;
  if (!checkpoint.empty()) entry.checkpoint = checkpoint;
  entry.wall_ms = wall_ms;
  entry.monotonic_ns = seq * 1'000'000;
  entry.local_day = "2026-01-01";
  return entry;
}

Status upload_all(hub::HubStore& store, const hub::Principal& device, const std::vector<sync::WireEntry>& entries,
                  std::int64_t offset_ms, std::int64_t kiosk_time_ms) {
  sync::IncomingBatch batch;
  batch.device_id = device.device_id;
  batch.kiosk_time_ms = kiosk_time_ms;
  batch.clock_offset_ms = offset_ms;
  for (const auto& entry : entries) batch.entries.push_back({entry, sync::to_json(entry), "", entry.uuid, entry.seq});
  PSL_ASSIGN_OR_RETURN(const auto answer, store.ingest(device, batch));
  for (const auto& status : answer.statuses) {
    if (status.status != sync::EntryStatus::stored)
      return make_error(Errc::database, "entry " + status.uuid + " not stored: " + status.reason);
  }
  return {};
}

Result<LiveScenario> build_live_scenario(HubStoreBackend& backend, hub::HubStore& store, ManualClock& clock) {
  clock.set_wall_ms(kLiveStartMs - 60 * kMinuteMs);
  LiveScenario scenario;
  PSL_ASSIGN_OR_RETURN(scenario.event_id, backend.create_event(live_config()));
  const std::int64_t event = scenario.event_id;
  std::vector<ParticipantRecord> records;
  for (const auto& person : kPeople) {
    ParticipantRecord record;
    record.external_id = person.external_id;
    record.ticket_codes = {std::string("T") + person.external_id};
    record.first_name = person.first_name;
    record.last_name = person.last_name;
    record.email = std::string(person.external_id) + "@example.org";
    record.organisation = std::string("Org ") + person.external_id;
    record.country = person.country;
    record.sector = person.sector;
    record.org_type = person.org_type;
    record.status = person.status;
    records.push_back(std::move(record));
  }
  PSL_TRY(backend.upsert_participants(event, records));
  PSL_TRY(backend.edit_registry(event, [&](Store& file) { return write_meetings(file, event); }));
  PSL_ASSIGN_OR_RETURN(scenario.k1, enrol(store, event, "K1", clock.wall_ms()));
  PSL_ASSIGN_OR_RETURN(scenario.k2, enrol(store, event, "K2", clock.wall_ms()));

  const auto at = [](int minutes) { return kLiveStartMs + minutes * kMinuteMs; };
  const auto k1 = [&](std::int64_t seq, EntryKind kind, const std::string& who, const std::string& where, int minute) {
    return live_entry(scenario.k1, 1, seq, kind, who, where, at(minute), event);
  };
  const auto k2 = [&](std::int64_t seq, EntryKind kind, const std::string& who, const std::string& where, int minute) {
    return live_entry(scenario.k2, 2, seq, kind, who, where, at(minute), event);
  };
  const std::vector<sync::WireEntry> from_k1 = {
      k1(1, EntryKind::checkin, "P-1", "Entrance", -30),
      k1(2, EntryKind::checkin, "P-1", "Hall", -25),
      k1(3, EntryKind::checkout, "P-1", "Hall", -20),
      k1(4, EntryKind::checkin, "P-2", "Hall", -19),
      k1(5, EntryKind::checkin, "P-3", "Hall", -10),
      k1(6, EntryKind::checkout, "P-3", "Hall", -11),  // the kiosk's clock was set back a minute
      k1(7, EntryKind::meeting_held, "P-1", "B2B area", 2),
      meeting_entry(k1(8, EntryKind::walkin_meeting, "P-5", "B2B area", 21), EntryKind::walkin_meeting, "P-6", at(20),
                    "Hall B, table 4", ""),
      meeting_entry(k1(9, EntryKind::feedback, "P-1", "B2B area", 19), EntryKind::feedback, "P-2", at(0), "",
                    "cooperation"),
      meeting_entry(k1(10, EntryKind::walkin_meeting, "P-2", "B2B area", 1), EntryKind::walkin_meeting, "P-1", at(0),
                    "Hall A, table 1", ""),
  };
  const std::vector<sync::WireEntry> from_k2 = {
      k2(1, EntryKind::checkin, "P-1", "Hall", -15),
      k2(2, EntryKind::checkout, "P-2", "Hall", -5),
      k2(3, EntryKind::meeting_held, "P-2", "B2B area", 3),
      meeting_entry(k2(4, EntryKind::walkin_meeting, "P-6", "B2B area", 22), EntryKind::walkin_meeting, "P-5", at(20),
                    "Hall B, table 3", ""),
      meeting_entry(k2(5, EntryKind::feedback, "P-2", "B2B area", 19), EntryKind::feedback, "P-1", at(0), "",
                    "informative"),
      k2(6, EntryKind::meeting_held, "P-3", "B2B area", 25),
  };
  clock.set_wall_ms(at(5));
  PSL_TRY(upload_all(store, scenario.k1, from_k1, kK1OffsetMs, clock.wall_ms() - kK1OffsetMs));
  PSL_TRY(upload_all(store, scenario.k2, from_k2, kK2OffsetMs, clock.wall_ms() - kK2OffsetMs));
  PSL_TRY(backend.hub_checkin(event, "P-4", "Entrance"));
  return scenario;
}

std::string describe(const hub::LiveRows& rows) {
  const auto& input = rows.input;
  std::map<std::int64_t, std::string> external;
  for (const auto& person : input.people) external[person.id] = person.external_id;
  const auto who = [&](std::int64_t id) {
    const auto found = external.find(id);
    return found == external.end() ? "?" + std::to_string(id) : found->second;
  };
  std::ostringstream out;
  const auto& event = input.event;
  out << "event " << event.id << " | " << event.name << " | " << event.venue << " | " << event.timezone << " | "
      << to_string(event.language) << " |";
  for (const auto& day : event.days) out << ' ' << day;
  out << "\nnow " << input.now_ms << '\n';
  for (std::size_t k = 0; k < input.checkpoints.size(); ++k) {
    const auto& checkpoint = input.checkpoints[k];
    out << "checkpoint " << checkpoint.id << " | " << checkpoint.name << " | " << to_string(checkpoint.rule) << " | "
        << checkpoint.position << " | " << to_string(checkpoint.kind) << " | " << checkpoint.b2b_area << " |";
    for (const auto& tag : checkpoint.admits) out << ' ' << tag;
    out << " | inside " << (k < rows.inside.size() ? std::to_string(rows.inside[k]) : "-") << '\n';
  }
  for (const auto& person : input.people) {
    out << "person " << person.external_id << " | " << person.first_name << " | " << person.last_name << " | "
        << person.organisation << " | " << person.country << " | " << person.region << " | " << person.sector << " | "
        << to_string(person.org_type) << " | " << to_string(person.status) << " | " << person.erased << '\n';
  }
  std::vector<std::string> lines;
  for (const auto& checkin : input.checkins)
    lines.push_back("presence " + who(checkin.participant_id) + " | " + std::to_string(checkin.checkpoint_id) + " | " +
                    std::to_string(checkin.at_ms));
  const auto& meetings = input.meetings;
  for (const auto& [id, person] : meetings.people)
    lines.push_back("figure person " + who(id) + " | " + person.country + " | " + person.sector);
  for (const auto& [id, times] : meetings.scans) {
    auto sorted = times;
    std::sort(sorted.begin(), sorted.end());
    for (const auto at : sorted) lines.push_back("scan " + who(id) + " | " + std::to_string(at));
  }
  for (const auto& answer : meetings.answers)
    lines.push_back("answer " + who(answer.participant) + " | " + who(answer.partner) + " | " +
                    std::to_string(answer.meeting_start_ms) + " | " + std::string(to_string(answer.answer)) + " | " +
                    std::to_string(answer.at_ms));
  std::sort(lines.begin(), lines.end());
  for (const auto& line : lines) out << line << '\n';
  if (const auto& session = input.session) {
    out << "session " << session->day << " | " << session->start_minute << " | " << session->afternoon_start_minute
        << " | " << session->slot_minutes << " | " << session->pause_minutes << " | " << session->morning_slots << " | "
        << session->afternoon_slots << " | " << session->tables << " | " << session->early_minutes << " | "
        << session->late_minutes << " | " << session->grace_minutes << '\n';
    for (const auto& area : session->areas)
      out << "area " << area.name << " | " << area.first_table << " | " << area.last_table << '\n';
  }
  out << "requested " << meetings.requested << '\n';
  for (const auto& meeting : meetings.meetings) {
    out << "meeting " << who(meeting.a) << " | " << who(meeting.b) << " | " << meeting.start_ms << " | "
        << meeting.end_ms << " | " << meeting.walk_in << " | " << meeting.table_label << '\n';
  }
  return out.str();
}

}  // namespace passerelle::testing
