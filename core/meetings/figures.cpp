#include "core/meetings/figures.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <tuple>

#include "core/meetings/meeting_state.h"

namespace passerelle::meetings {
namespace {

const FigurePerson& person(const FigureInput& input, std::int64_t id) {
  static const FigurePerson unknown;
  const auto found = input.people.find(id);
  return found == input.people.end() ? unknown : found->second;
}

}  // namespace

std::vector<std::int64_t> scans_of(const FigureInput& input, std::int64_t participant, std::int64_t now_ms) {
  std::vector<std::int64_t> scans;
  if (const auto found = input.scans.find(participant); found != input.scans.end())
    std::copy_if(found->second.begin(), found->second.end(), std::back_inserter(scans),
                 [&](std::int64_t ms) { return ms <= now_ms; });
  return scans;
}

std::optional<double> MeetingFigures::cross_border_share() const {
  if (held == 0) return std::nullopt;
  return static_cast<double>(cross_border) / held;
}

std::optional<double> MeetingFigures::would_cooperate_share() const {
  if (held == 0) return std::nullopt;
  return static_cast<double>(would_cooperate) / held;
}

MeetingFigures compute_figures(const FigureInput& input, const B2bSession& session, std::int64_t now_ms) {
  MeetingFigures figures;
  figures.requested = input.requested;
  // The newest answer of each side of each meeting: (participant, partner, start) -> (at, answer).
  std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, std::pair<std::int64_t, MeetingAnswer>> answers;
  for (const auto& answer : input.answers) {
    if (answer.at_ms > now_ms) continue;
    const auto key = std::tuple{answer.participant, answer.partner, answer.meeting_start_ms};
    const auto [at, fresh] = answers.emplace(key, std::pair{answer.at_ms, answer.answer});
    if (!fresh && answer.at_ms >= at->second.first) at->second = {answer.at_ms, answer.answer};
  }
  for (const auto& meeting : input.meetings) {
    (meeting.walk_in ? figures.walk_in : figures.scheduled) += 1;
    const auto verdict = judge_meeting(meeting.start_ms, meeting.end_ms, scans_of(input, meeting.a, now_ms),
                                       scans_of(input, meeting.b, now_ms), session, now_ms);
    switch (verdict.state) {
      case MeetingState::upcoming:
        ++figures.upcoming;
        continue;
      case MeetingState::open:
        ++figures.open;
        continue;
      case MeetingState::no_show:
        ++figures.no_show;
        if (verdict.a_came != verdict.b_came) ++figures.no_show_one_side;
        continue;
      case MeetingState::held:
        break;
    }
    ++figures.held;
    const auto& a = person(input, meeting.a);
    const auto& b = person(input, meeting.b);
    const bool cross_border = !a.country.empty() && !b.country.empty() && a.country != b.country;
    bool cooperate = false;
    for (const auto& [side, partner] : {std::pair{meeting.a, meeting.b}, std::pair{meeting.b, meeting.a}}) {
      const auto found = answers.find({side, partner, meeting.start_ms});
      if (found == answers.end()) continue;
      ++figures.answers;
      ++figures.answers_by_kind[found->second.second];
      cooperate = cooperate || found->second.second == MeetingAnswer::cooperation;
    }
    figures.cross_border += cross_border ? 1 : 0;
    figures.would_cooperate += cooperate ? 1 : 0;
    const auto count = [&](HeldCounts& counts) {
      ++counts.held;
      counts.cross_border += cross_border ? 1 : 0;
      counts.would_cooperate += cooperate ? 1 : 0;
    };
    for (const auto& sector : std::set<std::string>{a.sector, b.sector}) count(figures.by_sector[sector]);
    count(figures.by_country_pair[std::minmax(a.country, b.country)]);
  }
  return figures;
}

}  // namespace passerelle::meetings
