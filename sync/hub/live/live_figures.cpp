#include "sync/hub/live/live_figures.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "core/meetings/meeting_state.h"
#include "core/privacy/identity_keys.h"
#include "core/report/event_report.h"
#include "core/time/timezone.h"
#include "sync/hub/store/figure_rows.h"

namespace passerelle::hub {
namespace {

using nlohmann::json;

json tally_list(std::vector<std::pair<std::string, report::Tally>> rows) {
  std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) {
    return std::tuple(-x.second.attended, -x.second.registered, x.first) <
           std::tuple(-y.second.attended, -y.second.registered, y.first);
  });
  json list = json::array();
  report::Tally other;
  bool any_other = false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& [key, tally] = rows[i];
    if (tally.registered == 0 && tally.attended == 0) continue;
    if (list.size() < static_cast<std::size_t>(kLiveTopKeys)) {
      list.push_back({{"key", key}, {"registered", tally.registered}, {"attended", tally.attended}});
    } else {
      other.registered += tally.registered;
      other.attended += tally.attended;
      any_other = true;
    }
  }
  if (any_other) list.push_back({{"key", "other"}, {"registered", other.registered}, {"attended", other.attended}});
  return list;
}

template <class Key>
std::vector<std::pair<std::string, report::Tally>> keyed(const std::map<Key, report::Tally>& tallies) {
  std::vector<std::pair<std::string, report::Tally>> rows;
  for (const auto& [key, tally] : tallies) {
    if constexpr (std::is_same_v<Key, std::string>) {
      rows.emplace_back(key, tally);
    } else {
      const auto name = to_string(key);
      rows.emplace_back(name.empty() ? std::string("unspecified") : std::string(name), tally);
    }
  }
  return rows;
}

struct People {
  explicit People(const std::vector<report::ReportPerson>& people) {
    for (const auto& person : people) by_id.emplace(person.id, &person);
  }
  json party(std::int64_t id) const {
    const auto found = by_id.find(id);
    if (found == by_id.end()) return {{"name", ""}, {"organisation", ""}};
    return {{"name", person_name(found->second->first_name, found->second->last_name)},
            {"organisation", found->second->organisation}};
  }
  std::unordered_map<std::int64_t, const report::ReportPerson*> by_id;
};

// Which day the page is about: today when it is one of the event's days; otherwise the last
// event day before today (the figures of the day that just ended), or the first.
std::size_t shown_day(const std::vector<std::string>& days, const std::string& today) {
  const auto exact = std::find(days.begin(), days.end(), today);
  if (exact != days.end()) return static_cast<std::size_t>(exact - days.begin());
  std::size_t shown = 0;
  for (std::size_t d = 0; d < days.size(); ++d)
    if (days[d] < today) shown = d;
  return shown;
}

json arrivals_of(const report::EventReport& report, std::size_t day) {
  json bins = json::array();
  if (day < report.arrivals.size() && !report.arrivals[day].by_bin.empty()) {
    const auto& by_bin = report.arrivals[day].by_bin;
    for (int bin = by_bin.begin()->first; bin <= by_bin.rbegin()->first; ++bin) {
      const auto found = by_bin.find(bin);
      bins.push_back(
          {{"start", clock_text(bin * report.bin_minutes)}, {"count", found == by_bin.end() ? 0 : found->second}});
    }
  }
  return {{"day", day < report.event.days.size() ? report.event.days[day] : ""},
          {"bin_minutes", report.bin_minutes},
          {"bins", std::move(bins)}};
}

std::string_view table_state(const meetings::MeetingVerdict& verdict) {
  switch (verdict.state) {
    case meetings::MeetingState::upcoming:
      return "upcoming";
    case meetings::MeetingState::held:
      return "held";
    case meetings::MeetingState::no_show:
      return "no_show";
    case meetings::MeetingState::open:
      break;
  }
  return verdict.a_came || verdict.b_came ? "one_side" : "waiting";
}

// A round is the meetings that start at one moment: the current one is under way now, the next
// is the first to start after now.
json rounds_of(const report::ReportInput& input, const People& people, std::int64_t now_ms) {
  std::vector<const meetings::FigureMeeting*> sorted;
  for (const auto& meeting : input.meetings.meetings) sorted.push_back(&meeting);
  std::sort(sorted.begin(), sorted.end(), [](const auto* x, const auto* y) {
    return std::tie(x->start_ms, x->table_label, x->a) < std::tie(y->start_ms, y->table_label, y->a);
  });
  std::optional<std::int64_t> current_start;
  std::optional<std::int64_t> next_start;
  for (const auto* meeting : sorted) {
    if (meeting->start_ms <= now_ms && now_ms < meeting->end_ms && meeting->walk_in == false)
      current_start = meeting->start_ms;
    if (meeting->start_ms > now_ms && !next_start) next_start = meeting->start_ms;
  }
  const auto round = [&](std::optional<std::int64_t> start) -> json {
    if (!start) return nullptr;
    json tables = json::array();
    std::int64_t end_ms = *start;
    int more = 0;
    for (const auto* meeting : sorted) {
      if (meeting->start_ms != *start) continue;
      end_ms = std::max(end_ms, meeting->end_ms);
      if (tables.size() >= static_cast<std::size_t>(kLiveMaxTables)) {
        ++more;
        continue;
      }
      tables.push_back({{"table", meeting->table_label},
                        {"a", people.party(meeting->a)},
                        {"b", people.party(meeting->b)},
                        {"walk_in", meeting->walk_in},
                        {"state", live_meeting_state(input, *meeting)}});
    }
    json out{{"start_ms", *start}, {"end_ms", end_ms}, {"tables", std::move(tables)}};
    if (more > 0) out["more"] = more;
    return out;
  };
  return {{"current", round(current_start)}, {"next", round(next_start)}};
}

json kiosks_of(std::vector<DeviceInfo> devices) {
  std::sort(devices.begin(), devices.end(),
            [](const auto& x, const auto& y) { return std::tie(x.name, x.device_id) < std::tie(y.name, y.device_id); });
  json kiosks = json::array();
  for (const auto& device : devices) {
    if (kiosks.size() >= static_cast<std::size_t>(kLiveMaxKiosks)) break;  // "kiosks_more" says how many
    const std::int64_t unsent =
        std::accumulate(device.authored.begin(), device.authored.end(), std::int64_t{0},
                        [](std::int64_t sum, const auto& authored) { return sum + authored.missing; });
    kiosks.push_back({{"device_id", device.device_id},
                      {"name", device.name},
                      {"last_contact_ms", device.last_sync_ms ? json(*device.last_sync_ms) : json(nullptr)},
                      {"unsent", unsent},
                      {"clock_offset_ms", device.clock_offset_ms ? json(*device.clock_offset_ms) : json(nullptr)},
                      {"revoked", device.revoked_ms.has_value()}});
  }
  return kiosks;
}

json alerts_of(std::vector<Alert> alerts, std::int64_t quarantined) {
  std::sort(alerts.begin(), alerts.end(),
            [](const auto& x, const auto& y) { return std::tie(x.created_ms, x.id) > std::tie(y.created_ms, y.id); });
  json recent = json::array();
  for (const auto& alert : alerts) {
    if (recent.size() >= static_cast<std::size_t>(kLiveRecent)) break;
    recent.push_back({{"kind", alert.kind}, {"created_ms", alert.created_ms}, {"detail", alert.detail}});
  }
  return {{"total", alerts.size()}, {"quarantined", quarantined}, {"recent", std::move(recent)}};
}

json recent_of(const report::ReportInput& input, const People& people, std::int64_t now_ms) {
  std::vector<const report::ReportCheckin*> sorted;
  for (const auto& checkin : input.checkins)
    if (checkin.at_ms <= now_ms) sorted.push_back(&checkin);
  const auto count = std::min(sorted.size(), static_cast<std::size_t>(kLiveRecent));
  std::partial_sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(count), sorted.end(),
                    [](const auto* x, const auto* y) { return x->at_ms > y->at_ms; });
  std::unordered_map<std::int64_t, const Checkpoint*> checkpoints;
  for (const auto& checkpoint : input.checkpoints) checkpoints.emplace(checkpoint.id, &checkpoint);
  json recent = json::array();
  for (std::size_t i = 0; i < count; ++i) {
    auto party = people.party(sorted[i]->participant_id);
    const auto checkpoint = checkpoints.find(sorted[i]->checkpoint_id);
    recent.push_back({{"at_ms", sorted[i]->at_ms},
                      {"name", party["name"]},
                      {"organisation", party["organisation"]},
                      {"checkpoint", checkpoint == checkpoints.end() ? "" : checkpoint->second->name}});
  }
  return recent;
}

}  // namespace

Result<LiveInputs> gather_live_inputs(HubStore& store, std::int64_t event_id, std::int64_t now_ms) {
  LiveInputs inputs;
  PSL_ASSIGN_OR_RETURN(inputs.rows, store.live_rows(event_id, now_ms));
  PSL_ASSIGN_OR_RETURN(inputs.devices, store.devices(event_id));
  PSL_ASSIGN_OR_RETURN(inputs.alerts, store.alerts(event_id));
  PSL_ASSIGN_OR_RETURN(const auto quarantined, store.quarantined(event_id));
  inputs.quarantined = static_cast<std::int64_t>(quarantined.size());
  return inputs;
}

std::string live_meeting_state(const report::ReportInput& input, const meetings::FigureMeeting& meeting) {
  if (!input.session) return {};
  const auto verdict = meetings::judge_meeting(
      meeting.start_ms, meeting.end_ms, meetings::scans_of(input.meetings, meeting.a, input.now_ms),
      meetings::scans_of(input.meetings, meeting.b, input.now_ms), *input.session, input.now_ms);
  return std::string(table_state(verdict));
}

Result<LiveFigures> render_live_figures(const LiveInputs& inputs) {
  const auto& input = inputs.rows.input;
  const std::int64_t now_ms = input.now_ms;
  // The report tells organisations apart by their keyed identity, which the live rows leave out
  // (making the key writes); within one event the normal form it is keyed from tells the same.
  report::ReportInput counted = input;
  for (auto& person : counted.people)
    if (person.organisation_key.empty()) person.organisation_key = privacy::normalise_organisation(person.organisation);
  // What has arrived counts now, even when its kiosk's corrected clock puts it a little after the
  // hub's (an offset measured a few milliseconds off, a clock drifting since): the report leaves
  // out what is later than its moment, which on a live page would hide a fresh check-in until the
  // next periodic send.
  for (auto& checkin : counted.checkins) checkin.at_ms = std::min(checkin.at_ms, now_ms);
  for (auto& [participant, scans] : counted.meetings.scans)
    for (auto& scan : scans) scan = std::min(scan, now_ms);
  for (auto& answer : counted.meetings.answers) answer.at_ms = std::min(answer.at_ms, now_ms);
  PSL_ASSIGN_OR_RETURN(const auto report, report::compute_event_report(counted));
  PSL_ASSIGN_OR_RETURN(const auto zone, TimeZone::create(input.event.timezone));
  const std::string today = zone.local_day(now_ms);
  const bool event_day = std::find(input.event.days.begin(), input.event.days.end(), today) != input.event.days.end();
  const std::size_t day = shown_day(input.event.days, today);
  const People people(input.people);

  json checkpoints = json::array();
  for (std::size_t k = 0; k < report.checkpoints.size(); ++k) {
    const auto& checkpoint = report.checkpoints[k];
    const int present = event_day ? report.days[day].by_checkpoint[k] : report.checkpoint_totals[k];
    const bool in_out = checkpoint.rule == CheckpointRule::in_out;
    checkpoints.push_back(
        {{"id", checkpoint.id},
         {"name", checkpoint.name},
         {"rule", to_string(checkpoint.rule)},
         {"kind", to_string(checkpoint.kind)},
         {"today", present},
         {"inside", in_out && k < inputs.rows.inside.size() ? json(inputs.rows.inside[k]) : json(nullptr)}});
  }

  json meetings = nullptr;
  json rounds = nullptr;
  if (report.meetings && input.session) {
    const auto& m = *report.meetings;
    meetings = {{"requested", m.requested}, {"scheduled", m.scheduled}, {"held", m.held},        {"running", m.open},
                {"no_show", m.no_show},     {"walk_in", m.walk_in},     {"upcoming", m.upcoming}};
    rounds = rounds_of(counted, people, now_ms);
  }

  const json figures{
      {"event",
       {{"id", input.event.id},
        {"name", input.event.name},
        {"venue", input.event.venue},
        {"timezone", input.event.timezone},
        {"days", input.event.days},
        {"today", today}}},
      {"now_ms", now_ms},
      {"feed", inputs.rows.feed_seq},
      {"participants",
       {{"expected", report.participants.registered},
        {"checked_in", event_day ? report.days[day].attended : report.participants.attended},
        {"checked_in_event", report.participants.attended},
        {"cancelled", report.cancelled},
        {"blocked", report.blocked}}},
      {"organisations", {{"expected", report.organisations.registered}, {"attended", report.organisations.attended}}},
      {"checkpoints", std::move(checkpoints)},
      {"arrivals", arrivals_of(report, day)},
      {"by_country", tally_list(keyed(report.by_country))},
      {"by_sector", tally_list(keyed(report.by_sector))},
      {"by_org_type", tally_list(keyed(report.by_org_type))},
      {"meetings", std::move(meetings)},
      {"rounds", std::move(rounds)},
      {"kiosks", kiosks_of(inputs.devices)},
      {"kiosks_more", std::max<std::int64_t>(0, static_cast<std::int64_t>(inputs.devices.size()) - kLiveMaxKiosks)},
      {"alerts", alerts_of(inputs.alerts, inputs.quarantined)},
      {"recent", recent_of(counted, people, now_ms)},
  };
  return LiveFigures{inputs.rows.feed_seq, figures.dump(-1, ' ', false, json::error_handler_t::replace)};
}

LiveFiguresCache::Slot& LiveFiguresCache::slot(std::int64_t event_id) {
  std::lock_guard lock(mutex_);
  auto& slot = slots_[event_id];
  if (!slot) slot = std::make_unique<Slot>();
  return *slot;
}

Result<std::shared_ptr<const LiveFigures>> LiveFiguresCache::get(HubStore& store, std::int64_t event_id,
                                                                 std::int64_t now_ms, std::uint64_t generation) {
  Slot& cached = slot(event_id);
  std::lock_guard lock(cached.computing);
  if (cached.figures && cached.generation == generation && now_ms >= cached.computed_ms &&
      now_ms - cached.computed_ms < max_age_.count())
    return cached.figures;
  PSL_ASSIGN_OR_RETURN(const auto inputs, gather_live_inputs(store, event_id, now_ms));
  PSL_ASSIGN_OR_RETURN(auto figures, render_live_figures(inputs));
  cached.figures = std::make_shared<const LiveFigures>(std::move(figures));
  cached.computed_ms = now_ms;
  cached.generation = generation;
  return cached.figures;
}

}  // namespace passerelle::hub
