#include "kiosk/model/demo.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/badge/issuer.h"
#include "core/checkin/door_clock.h"
#include "core/import/b2b_import.h"
#include "core/import/participant_import.h"
#include "core/meetings/event_schedule.h"
#include "core/store/b2b_store.h"
#include "core/store/bundle.h"
#include "core/time/timezone.h"

namespace passerelle::kiosk {
namespace {

Result<std::string> read_all(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error(Errc::io, "cannot read " + path.string());
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

void remove_database(const std::filesystem::path& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix, ignored);
}

}  // namespace

void move_event_to(EventConfig& config, const std::string& first_day) {
  if (config.b2b) {
    const auto day = std::find(config.days.begin(), config.days.end(), config.b2b->day);
    config.b2b->day = add_days(first_day, static_cast<int>(day == config.days.end() ? 0 : day - config.days.begin()));
  }
  for (std::size_t i = 0; i < config.days.size(); ++i) config.days[i] = add_days(first_day, static_cast<int>(i));
}

Result<std::set<std::int64_t>> schedule_demo_meetings(Store& hub, std::int64_t event_id,
                                                      const std::filesystem::path& assets_dir) {
  std::set<std::int64_t> people_with_meetings;
  PSL_ASSIGN_OR_RETURN(const auto session, load_b2b_session(hub.database(), event_id));
  if (!session) return people_with_meetings;
  PSL_ASSIGN_OR_RETURN(const auto people, hub.participants(event_id));
  PSL_ASSIGN_OR_RETURN(const auto csv, read_all(assets_dir / "demo" / "meetings.csv"));
  PSL_ASSIGN_OR_RETURN(const auto requests,
                       import::plan_meeting_requests(csv, import::ParticipantDirectory(people), {}));
  if (!requests.file.errors.empty())
    return make_error(Errc::invalid_input, "assets/demo/meetings.csv: " + import::describe(requests.file.errors[0]));
  std::vector<MeetingRequestRow> rows;
  for (const auto& row : requests.rows) {
    rows.push_back(MeetingRequestRow{0, row.a, row.b, row.half_day});
    people_with_meetings.insert(row.a);
    people_with_meetings.insert(row.b);
  }
  PSL_TRY(replace_meeting_requests(hub.database(), event_id, std::move(rows)));
  meetings::EventScheduleOptions options;
  options.search.time_limit = std::chrono::seconds(5);
  PSL_TRY(meetings::schedule_event(hub, event_id, options));
  return people_with_meetings;
}

Result<DemoSetup> prepare_demo(const std::filesystem::path& assets_dir, const std::filesystem::path& work_dir) {
  std::error_code error;
  std::filesystem::create_directories(work_dir, error);
  if (error) return make_error(Errc::io, "cannot create " + work_dir.string() + ": " + error.message());
  const auto hub_path = work_dir / "demo-hub.db";
  DemoSetup setup;
  setup.kiosk_database = work_dir / "demo-kiosk.db";
  remove_database(hub_path);
  remove_database(setup.kiosk_database);

  PSL_ASSIGN_OR_RETURN(auto hub, Store::open(hub_path));
  PSL_ASSIGN_OR_RETURN(auto config, load_event_config(assets_dir / "demo" / "event.toml"));
  // The demo runs on any day: its event starts today, so that the door's clock is plausible
  // (core/checkin/door_clock.h) and its once-per-day door admits.
  PSL_ASSIGN_OR_RETURN(const auto zone, TimeZone::create(config.timezone));
  const std::string today = zone.local_day(SystemClock::instance().wall_ms());
  move_event_to(config, today);
  PSL_ASSIGN_OR_RETURN(setup.event_id, hub.create_event(config));
  PSL_ASSIGN_OR_RETURN(const auto csv, read_all(assets_dir / "demo" / "participants.csv"));
  PSL_ASSIGN_OR_RETURN(const auto plan, import::plan_import(csv, {}));
  PSL_TRY(import::apply_import(hub, setup.event_id, plan, {}));
  PSL_ASSIGN_OR_RETURN(const auto people, hub.participants(setup.event_id));
  PSL_ASSIGN_OR_RETURN(const auto meeting_people, schedule_demo_meetings(hub, setup.event_id, assets_dir));

  // Pick attendees in each language (with B2B meetings, when the demo has them), and one of each
  // refusal.
  std::vector<std::string> valid;
  std::string cancelled, blocked, plain_ticket;
  std::vector<const Participant*> others;  // every other registered person, for the long run
  for (const auto& person : people) {
    const auto& record = person.record;
    if (record.status == ParticipantStatus::cancelled && cancelled.empty()) {
      PSL_ASSIGN_OR_RETURN(cancelled, badge::badge_code(hub, person));
    } else if (record.status == ParticipantStatus::blocked && blocked.empty()) {
      PSL_ASSIGN_OR_RETURN(blocked, badge::badge_code(hub, person));
    } else if (record.status == ParticipantStatus::registered) {
      const bool meets = meeting_people.empty() || meeting_people.contains(person.id);
      if (plain_ticket.empty() && !record.ticket_codes.empty() && meets) {
        plain_ticket = record.ticket_codes.front();
      } else if (valid.size() < 8 && static_cast<std::size_t>(record.language) == valid.size() % 4 && meets) {
        PSL_ASSIGN_OR_RETURN(auto code, badge::badge_code(hub, person));
        valid.push_back(std::move(code));
      } else if (&person != &people.back()) {
        others.push_back(&person);
      }
    }
  }
  if (valid.size() < 4 || cancelled.empty() || blocked.empty())
    return make_error(Errc::invalid_input, "the demo event lacks the participants the demo needs");

  // A lost badge: its holder got a new one, so the old one is revoked.
  const auto& lost_holder = people.back();
  PSL_ASSIGN_OR_RETURN(const auto lost_badge, badge::badge_code(hub, lost_holder));
  PSL_TRY(hub.reissue_badge(lost_holder.id));
  std::string forged = valid[1];
  forged[forged.size() / 2] = forged[forged.size() / 2] == 'A' ? 'B' : 'A';

  // The opening minute shows every screen once; then the rest of the event comes through the door,
  // those with meetings first, with a refusal now and then (a wrong ticket, a damaged badge, a
  // cancelled or blocked person trying again): twenty minutes and more of a believable morning
  // rather than the same few badges refused over and over. Past the end, people come back and are
  // told they are already in, as at a real door.
  setup.camera_codes = {valid[0], valid[1],         cancelled, valid[2], plain_ticket, lost_badge,
                        valid[3], "EIF-TKT-000000", valid[0],  blocked,  forged};
  for (std::size_t i = 4; i < valid.size(); ++i) setup.camera_codes.push_back(valid[i]);
  std::stable_partition(others.begin(), others.end(),
                        [&](const Participant* person) { return meeting_people.contains(person->id); });
  const std::vector<std::string> now_and_then = {cancelled, blocked, forged, lost_badge};
  for (std::size_t i = 0; i < others.size(); ++i) {
    PSL_ASSIGN_OR_RETURN(auto code, badge::badge_code(hub, *others[i]));
    setup.camera_codes.push_back(std::move(code));
    if (i % 12 == 11) {
      const std::size_t turn = i / 12;
      // Every other refusal a ticket code nobody has, each time another.
      setup.camera_codes.push_back(turn % 2 == 0 ? "EIF-TKT-" + std::to_string(100000 + turn)
                                                 : now_and_then[(turn / 2) % now_and_then.size()]);
    }
  }

  // Staff PIN 1234, as the README and deploy/demo.sh say; the demo keeps only its argon2id hash,
  // made once with hash_staff_pin("1234"), as a hub would (`passerelle-hub staff-pin`).
  PSL_TRY(hub.set_staff_pin_hash(setup.event_id, kDemoStaffPinHash));
  PSL_TRY(write_kiosk_bundle(hub, setup.event_id, setup.kiosk_database));
  remove_database(hub_path);  // the demo's private key goes with it
  return setup;
}

}  // namespace passerelle::kiosk
