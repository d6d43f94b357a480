#include "tests/kiosk/kiosk_fixture.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <vector>

#include "core/badge/issuer.h"
#include "core/checkin/checkin.h"
#include "core/checkin/door_clock.h"
#include "core/config/event_config.h"
#include "core/import/participant_import.h"
#include "core/store/bundle.h"
#include "core/store/store.h"
#include "core/time/timezone.h"
#include "core/util/strings.h"
#include "kiosk/model/demo.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

constexpr std::string_view kWorkshopA = "Workshop A: Hydrogen valleys across borders";

bool has_tag(const Participant& person, std::string_view tag) {
  for (const auto& item : person.record.tags)
    if (item == tag) return true;
  return false;
}

Status import_csv(Store& store, std::int64_t event_id, const std::string& csv) {
  PSL_ASSIGN_OR_RETURN(const auto plan, import::plan_import(csv, {}));
  PSL_TRY(import::apply_import(store, event_id, plan, {}));
  return {};
}

// A badge of an event whose key the kiosk never saw.
Result<std::string> foreign_badge(const std::filesystem::path& dir) {
  PSL_ASSIGN_OR_RETURN(auto other, Store::open(dir / "other-hub.db"));
  PSL_ASSIGN_OR_RETURN(const auto event_id, other.create_event(default_event_config("Elsewhere Summit", "2026-05-01")));
  PSL_TRY(import_csv(other, event_id, to_canonical_csv(generate_participants(2, 11))));
  PSL_ASSIGN_OR_RETURN(const auto people, other.participants(event_id));
  return badge::badge_code(other, people.front());
}

Result<Outcome> outcome_of(Store& kiosk, std::int64_t event_id, std::int64_t checkpoint_id, const std::string& code) {
  CheckinService service(kiosk);
  CheckinRequest request;
  request.event_id = event_id;
  request.checkpoint_id = checkpoint_id;
  request.code = code;
  PSL_ASSIGN_OR_RETURN(const auto result, service.scan(request));
  return result.outcome;
}

// The B2B area scenario's people, none with another role: the two partners of a meeting (b2b_a,
// b2b_b), someone else with meetings (b2b_c) and someone without (b2b_none); codes, and their ids
// as b2b_*_id for the scenario to move their meetings to the time it runs.
Status pick_b2b_people(Store& hub, std::span<const Participant* const> free,
                       const std::set<std::int64_t>& with_meetings, std::map<std::string, std::string>& values) {
  std::map<std::int64_t, const Participant*> by_id;
  for (const auto* person : free) by_id.emplace(person->id, person);
  PSL_ASSIGN_OR_RETURN(auto pairs, hub.database().query("SELECT participant_a, participant_b FROM meeting "
                                                        "WHERE status = 'scheduled' ORDER BY id"));
  std::optional<std::pair<std::int64_t, std::int64_t>> pair;
  for (;;) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, pairs.step());
    if (!has_row || pair) break;
    if (by_id.contains(pairs.column_int(0)) && by_id.contains(pairs.column_int(1)))
      pair.emplace(pairs.column_int(0), pairs.column_int(1));
  }
  if (!pair) return make_error(Errc::not_found, "no meeting between two people without a role");
  const Participant* c = nullptr;
  const Participant* none = nullptr;
  for (const auto* person : free) {
    if (person->id == pair->first || person->id == pair->second) continue;
    if (with_meetings.contains(person->id) && c == nullptr) c = person;
    if (!with_meetings.contains(person->id) && none == nullptr) none = person;
  }
  if (c == nullptr || none == nullptr) return make_error(Errc::not_found, "too few people for the B2B scenario");
  const std::pair<const char*, const Participant*> roles[] = {
      {"b2b_a", by_id.at(pair->first)}, {"b2b_b", by_id.at(pair->second)}, {"b2b_c", c}, {"b2b_none", none}};
  for (const auto& [name, person] : roles) {
    PSL_ASSIGN_OR_RETURN(values[name], badge::badge_code(hub, *person));
    values[std::string(name) + "_id"] = std::to_string(person->id);
  }
  return {};
}

}  // namespace

Result<KioskFixture> build_kiosk_fixture(const std::filesystem::path& dir) {
  const std::filesystem::path demo = std::filesystem::path(PASSERELLE_SOURCE_DIR) / "assets" / "demo";
  PSL_ASSIGN_OR_RETURN(auto hub, Store::open(dir / "hub.db"));
  PSL_ASSIGN_OR_RETURN(auto config, load_event_config(demo / "event.toml"));
  // The kiosk runs on the system clock: its event starts today, as the demo's does, so that the
  // door's clock is plausible (core/checkin/door_clock.h) and the once-per-day door admits.
  PSL_ASSIGN_OR_RETURN(const auto zone, TimeZone::create(config.timezone));
  const std::string today = zone.local_day(SystemClock::instance().wall_ms());
  kiosk::move_event_to(config, today);
  PSL_ASSIGN_OR_RETURN(const auto event_id, hub.create_event(config));
  PSL_TRY(import_csv(hub, event_id, read_file(demo / "participants.csv")));
  PSL_ASSIGN_OR_RETURN(const auto people, hub.participants(event_id));
  // Today's B2B meetings, so that the welcome screens show them.
  PSL_ASSIGN_OR_RETURN(const auto with_meetings, kiosk::schedule_demo_meetings(hub, event_id, demo.parent_path()));

  KioskFixture fixture;
  fixture.not_admitted_checkpoint = std::string(kWorkshopA);
  auto& values = fixture.values;
  std::vector<const Participant*> registered;
  for (const auto& person : people) {
    const auto status = person.record.status;
    if (status == ParticipantStatus::cancelled && !values.contains("cancelled")) {
      PSL_ASSIGN_OR_RETURN(values["cancelled"], badge::badge_code(hub, person));
    } else if (status == ParticipantStatus::blocked && !values.contains("blocked")) {
      PSL_ASSIGN_OR_RETURN(values["blocked"], badge::badge_code(hub, person));
    } else if (status == ParticipantStatus::registered && !has_tag(person, "workshop-hydrogen")) {
      registered.push_back(&person);
    }
  }
  // One accepted attendee per language (someone with meetings), then people for the other roles,
  // all distinct.
  std::stable_partition(registered.begin(), registered.end(),
                        [&](const Participant* person) { return with_meetings.contains(person->id); });
  std::vector<const Participant*> unused;
  for (const auto* person : registered) {
    const std::string key = "accepted_" + std::string(to_string(person->record.language));
    if (!values.contains(key)) {
      PSL_ASSIGN_OR_RETURN(values[key], badge::badge_code(hub, *person));
    } else {
      unused.push_back(person);
    }
  }
  if (unused.size() < 6) return make_error(Errc::not_found, "the demo event has too few registered people");
  PSL_ASSIGN_OR_RETURN(values["accepted"], badge::badge_code(hub, *unused[0]));
  PSL_ASSIGN_OR_RETURN(values["not_admitted"], badge::badge_code(hub, *unused[1]));
  PSL_ASSIGN_OR_RETURN(values["revoked"], badge::badge_code(hub, *unused[2]));
  PSL_TRY(hub.reissue_badge(unused[2]->id));
  PSL_ASSIGN_OR_RETURN(const std::string genuine, badge::badge_code(hub, *unused[3]));
  std::size_t first_free = unused.size();
  // The manual check-in: someone whose full name finds them alone and types on the staff screen's
  // plain letter keys.
  for (std::size_t i = 4; i < unused.size() && !values.contains("manual_search"); ++i) {
    const auto& record = unused[i]->record;
    const std::string text = to_lower_ascii(record.first_name + " " + record.last_name);
    if (!std::all_of(text.begin(), text.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == ' '; })) continue;
    PSL_ASSIGN_OR_RETURN(const auto hits, hub.search(event_id, text));
    if (hits.size() == 1) {
      values["manual_search"] = text;
      first_free = i + 1;
    }
  }
  if (!values.contains("manual_search")) return make_error(Errc::not_found, "no one to search for");
  PSL_TRY(pick_b2b_people(hub, std::span(unused).subspan(first_free), with_meetings, values));

  // A badge of another event of this hub (the bundle carries its public key).
  PSL_ASSIGN_OR_RETURN(const auto other_event, hub.create_event(default_event_config("Other Forum", "2026-06-01")));
  PSL_TRY(import_csv(hub, other_event, to_canonical_csv(generate_participants(2, 5))));
  PSL_ASSIGN_OR_RETURN(const auto others, hub.participants(other_event));
  PSL_ASSIGN_OR_RETURN(values["other_event"], badge::badge_code(hub, others.front()));
  PSL_ASSIGN_OR_RETURN(values["unknown_key"], foreign_badge(dir));
  values["malformed"] = "PSL-THIS-IS-NOT-A-TOKEN";
  values["unknown_code"] = "EIF-TKT-NOSUCH";

  fixture.kiosk_database = dir / "kiosk.db";
  fixture.hub_database = dir / "hub.db";
  fixture.event_id = event_id;
  // The staff PIN as a hub sets it: only its hash, carried by the bundle.
  PSL_TRY(hub.set_staff_pin_hash(event_id, kStaffPinHash));
  PSL_TRY(write_kiosk_bundle(hub, event_id, fixture.kiosk_database));

  // Every code, checked on a scratch copy of the bundle through the kiosk's own check-in path.
  std::filesystem::copy_file(fixture.kiosk_database, dir / "verify.db");
  PSL_ASSIGN_OR_RETURN(auto kiosk, Store::open(dir / "verify.db"));
  PSL_ASSIGN_OR_RETURN(const auto checkpoints, kiosk.checkpoints(event_id));
  std::int64_t entrance = checkpoints.front().id;
  std::int64_t workshop = 0;
  for (const auto& checkpoint : checkpoints)
    if (checkpoint.name == kWorkshopA) workshop = checkpoint.id;

  // A signature with one character changed; some positions change only padding bits, so try a few.
  for (std::size_t back = 3; back < 20 && !values.contains("bad_signature"); ++back) {
    std::string forged = genuine;
    char& c = forged[forged.size() - back];
    c = c == 'A' ? 'B' : 'A';
    PSL_ASSIGN_OR_RETURN(const auto outcome, outcome_of(kiosk, event_id, entrance, forged));
    if (outcome == Outcome::bad_signature) values["bad_signature"] = forged;
  }
  if (!values.contains("bad_signature")) return make_error(Errc::invalid_input, "could not forge a signature");

  const std::vector<std::pair<std::string, Outcome>> expected = {
      {"malformed", Outcome::malformed},       {"unknown_key", Outcome::unknown_key},
      {"other_event", Outcome::other_event},   {"revoked", Outcome::revoked},
      {"unknown_code", Outcome::unknown_code}, {"cancelled", Outcome::cancelled},
      {"blocked", Outcome::blocked},           {"accepted", Outcome::accepted},
      {"accepted_en", Outcome::accepted},      {"accepted_fr", Outcome::accepted},
      {"accepted_de", Outcome::accepted},      {"accepted_nl", Outcome::accepted},
  };
  for (const auto& [name, outcome] : expected) {
    if (!values.contains(name)) return make_error(Errc::not_found, "no code for " + name);
    PSL_ASSIGN_OR_RETURN(const auto seen, outcome_of(kiosk, event_id, entrance, values[name]));
    if (seen != outcome)
      return make_error(Errc::invalid_input, name + " gives " + std::string(to_string(seen)) + " at the entrance");
  }
  PSL_ASSIGN_OR_RETURN(const auto again, outcome_of(kiosk, event_id, entrance, values["accepted"]));
  PSL_ASSIGN_OR_RETURN(const auto workshop_outcome, outcome_of(kiosk, event_id, workshop, values["not_admitted"]));
  if (again != Outcome::already_checked_in || workshop_outcome != Outcome::not_admitted)
    return make_error(Errc::invalid_input, "already checked in / not admitted codes do not behave");
  return fixture;
}

}  // namespace passerelle::testing
