// The B2B figures funders ask for (DESIGN.md, issue #13): meetings requested, scheduled, held,
// no-show and walk-in; the cross-border share; the would-cooperate share; by sector and by country
// pair. Computed from what the journal says (scans at B2B areas, answers), never from counters, so
// that every hub and every re-run gives the same figures for the same journal.
//
// Pure: the caller gathers the rows (the hub from its event file, with each scan's time corrected
// by the clock offset recorded when it arrived); safe from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model/b2b_session.h"
#include "core/model/outcome.h"

namespace passerelle::meetings {

struct FigureMeeting {
  std::int64_t a = 0;  // participant ids
  std::int64_t b = 0;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  bool walk_in = false;
  std::string table_label;  // not counted by the figures: the live view's tables show it
};

struct FigurePerson {
  std::string country;  // ISO 3166 alpha-2; empty when unknown
  std::string sector;
};

struct FigureAnswer {
  std::int64_t participant = 0;
  std::int64_t partner = 0;
  std::int64_t meeting_start_ms = 0;
  MeetingAnswer answer = MeetingAnswer::informative;
  std::int64_t at_ms = 0;  // the newest answer of a side counts
};

struct FigureInput {
  std::int64_t requested = 0;           // meeting requests imported
  std::vector<FigureMeeting> meetings;  // every meeting not cancelled
  std::map<std::int64_t, FigurePerson> people;
  std::map<std::int64_t, std::vector<std::int64_t>> scans;  // participant -> accepted B2B area scans
  std::vector<FigureAnswer> answers;
};

struct HeldCounts {
  int held = 0;
  int cross_border = 0;
  int would_cooperate = 0;  // held meetings where a side answered "cooperation"
};

struct MeetingFigures {
  std::int64_t requested = 0;
  int scheduled = 0;  // not cancelled, walk-ins excluded
  int walk_in = 0;
  int held = 0;  // walk-ins included
  int no_show = 0;
  int no_show_one_side = 0;  // of the no-shows: one partner came
  int open = 0;              // neither held nor past its grace period yet
  int upcoming = 0;
  int cross_border = 0;  // held, between partners of two countries
  // One answer per side of a held meeting (the newest).
  int answers = 0;
  std::map<MeetingAnswer, int> answers_by_kind;
  int would_cooperate = 0;                      // held meetings where at least one side answered "cooperation"
  std::map<std::string, HeldCounts> by_sector;  // a meeting counts once for each sector among its two
  std::map<std::pair<std::string, std::string>, HeldCounts> by_country_pair;  // (first, second) in order

  // Shares in [0, 1] of held meetings; empty when none was held.
  std::optional<double> cross_border_share() const;
  std::optional<double> would_cooperate_share() const;
};

// The participant's accepted B2B scans up to `now_ms`: what a meeting is judged by at that moment.
std::vector<std::int64_t> scans_of(const FigureInput& input, std::int64_t participant, std::int64_t now_ms);

// As they stand at `now_ms`: scans and answers after it are not counted.
MeetingFigures compute_figures(const FigureInput& input, const B2bSession& session, std::int64_t now_ms);

}  // namespace passerelle::meetings
