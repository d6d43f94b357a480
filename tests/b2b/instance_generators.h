// Seeded b2b scheduling problems whose answer is known by construction, for the scheduler's tests
// and benchmark. Each generator draws a valid schedule first and only then writes the requests,
// windows, unavailable slots and pins that schedule satisfies: a planted problem is feasible
// whatever the scheduler thinks, and an overloaded one is infeasible by exactly a known amount.
//
// Deterministic for a seed with one standard library (std::mt19937 and its distributions);
// libstdc++ and libc++ may draw differently. Uses only the plain fields of Problem and Schedule:
// links nothing of the b2b library. Thread safety: pure functions.
#pragma once

#include "core/b2b/problem.h"
#include "core/b2b/schedule.h"

namespace passerelle::testing {

struct PlantedOptions {
  int participants = 40;
  int meetings = 120;  // fewer when the participants' free slots run out first (see planted_instance)
  int slots = 12;
  int morning_slots = 6;
  double forbidden_fraction = 0.07;  // of each participant's slots left free by the planted schedule
  double pinned_fraction = 0.1;      // of the meetings, pinned to their planted slot
  double window_fraction = 0.2;      // of the meetings, given the window of their planted slot
  // 0: tight, as many tables as the busiest slot of the planted schedule uses; otherwise a cap the
  // planted schedule keeps to, and the problem's `tables`.
  int table_cap = 0;
  // Some participants in far more meetings than most, as at a real event; otherwise all alike.
  bool skewed = false;
  // 0: up to `slots` each; otherwise the most meetings any participant is drawn into.
  int max_per_participant = 0;
};

struct PlantedInstance {
  b2b::Problem problem;
  b2b::Schedule planted;  // valid for `problem`, every meeting placed
};

// Sizes spread over the seeds: 20 to 60 participants, 40 to 200 meetings asked for, 8 to 16 slots,
// split in half or (one seed in five) all in the morning; the other options at their defaults.
PlantedOptions options_for_seed(unsigned seed);

// Draws distinct pairs of participants and gives each pair a slot where both are still free, until
// options.meetings are placed or a long run of draws finds no room (a dense request can then yield
// fewer meetings: read problem.meetings.size()). Meeting ids are 1, 2, ... in the problem's order.
PlantedInstance planted_instance(unsigned seed, const PlantedOptions& options);

struct InfeasibleInstance {
  b2b::Problem problem;
  int participant = 0;           // P, overloaded
  int participant_meetings = 0;  // d: P's meetings
  int usable_slots = 0;          // k < d: the slots in which P and at least one partner can meet
  int most_placeable = 0;        // the most meetings a valid schedule holds: all but d - k
};

// A planted instance in which the participant with the most meetings, P, is made unavailable in all
// but k of the slots of their planted meetings (k = d - 1 or d - 2). P's meetings lose their window
// and pin and their partners are made available in those k slots, so that the only obstacle is P's
// whole set of d meetings against k slots, and the planted schedule without P's d - k meetings in
// the lost slots stays valid: exactly d - k meetings must be left out.
InfeasibleInstance overloaded_instance(unsigned seed, const PlantedOptions& options);

// A day of a large event: 1,000 participants, 4,000 meetings, 27 slots of which 14 in the morning,
// 200 tables. Meeting counts are skewed (about one participant in seven has 15 to 22, most have 2
// to 8), about 1% of free slots are unavailable, 10% of the meetings have a window, none is pinned. Planted like
// planted_instance with 200 tables as the cap, so feasible.
PlantedInstance planted_event(unsigned seed);
b2b::Problem synthetic_event(unsigned seed);

}  // namespace passerelle::testing
