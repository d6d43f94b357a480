#include "tests/b2b/instance_generators.h"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <random>
#include <set>
#include <utility>
#include <vector>

namespace passerelle::testing {

namespace {

// Consecutive draws that found no room before the planting gives up: far more than a request with
// any room left needs, few enough to end at once when the participants' slots are full.
constexpr int kMaxFruitlessDraws = 20'000;

struct Drawn {
  int a = 0;
  int b = 0;
  int slot = 0;
};

std::vector<double> participant_weights(std::mt19937& rng, const PlantedOptions& options) {
  std::vector<double> weights(static_cast<std::size_t>(options.participants), 1.0);
  if (!options.skewed) return weights;
  // Three kinds, as at a forum: a few sought-after exhibitors, some active visitors, and the many
  // who book a handful of meetings. The jitter keeps the counts from clustering on three values.
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_real_distribution<double> jitter(0.7, 1.3);
  for (double& weight : weights) {
    const double kind = unit(rng);
    const double base = kind < 0.1 ? 4.0 : kind < 0.3 ? 2.2 : 1.0;
    weight = base * jitter(rng);
  }
  return weights;
}

std::vector<Drawn> draw_meetings(std::mt19937& rng, const PlantedOptions& options) {
  const auto participants = static_cast<std::size_t>(options.participants);
  const auto slots = static_cast<std::size_t>(options.slots);
  const std::vector<double> weights = participant_weights(rng, options);
  std::discrete_distribution<int> pick(weights.begin(), weights.end());

  std::vector<std::vector<bool>> busy(participants + 1, std::vector<bool>(slots + 1, false));
  std::vector<int> in_slot(slots + 1, 0);
  std::vector<int> meetings_of(participants + 1, 0);
  const int most_per_participant = options.max_per_participant > 0 ? options.max_per_participant : options.slots;
  std::set<std::pair<int, int>> pairs;
  std::vector<Drawn> drawn;
  std::vector<int> room;
  int fruitless = 0;
  while (static_cast<int>(drawn.size()) < options.meetings && fruitless < kMaxFruitlessDraws) {
    int a = pick(rng) + 1;
    int b = pick(rng) + 1;
    if (a > b) std::swap(a, b);
    if (a == b || pairs.contains({a, b}) || meetings_of[static_cast<std::size_t>(a)] >= most_per_participant ||
        meetings_of[static_cast<std::size_t>(b)] >= most_per_participant) {
      ++fruitless;
      continue;
    }
    room.clear();
    for (int slot = 1; slot <= options.slots; ++slot) {
      const auto s = static_cast<std::size_t>(slot);
      const bool table_left = options.table_cap == 0 || in_slot[s] < options.table_cap;
      if (!busy[static_cast<std::size_t>(a)][s] && !busy[static_cast<std::size_t>(b)][s] && table_left) {
        room.push_back(slot);
      }
    }
    if (room.empty()) {
      ++fruitless;
      continue;
    }
    const int slot = room[std::uniform_int_distribution<std::size_t>(0, room.size() - 1)(rng)];
    busy[static_cast<std::size_t>(a)][static_cast<std::size_t>(slot)] = true;
    busy[static_cast<std::size_t>(b)][static_cast<std::size_t>(slot)] = true;
    ++in_slot[static_cast<std::size_t>(slot)];
    ++meetings_of[static_cast<std::size_t>(a)];
    ++meetings_of[static_cast<std::size_t>(b)];
    pairs.insert({a, b});
    drawn.push_back({a, b, slot});
    fruitless = 0;
  }
  // In participant order, as the benchmark's files list them.
  std::sort(drawn.begin(), drawn.end(), [](const Drawn& x, const Drawn& y) {
    return std::pair{x.a, x.b} < std::pair{y.a, y.b};
  });
  return drawn;
}

b2b::Window half_day_window(const b2b::Problem& problem, int slot) {
  return slot <= problem.morning_slots ? b2b::Window::morning : b2b::Window::afternoon;
}

void number_planted_tables(b2b::Schedule& schedule, int slots) {
  std::vector<int> used(static_cast<std::size_t>(slots) + 1, 0);
  for (auto& place : schedule.placements) place->table = ++used[static_cast<std::size_t>(place->slot)];
}

}  // namespace

PlantedOptions options_for_seed(unsigned seed) {
  PlantedOptions options;
  options.participants = 20 + static_cast<int>(seed * 7 % 41);
  options.slots = 8 + static_cast<int>(seed % 9);
  options.morning_slots = seed % 5 == 0 ? options.slots : options.slots / 2;
  options.meetings = 40 + static_cast<int>(seed * 37 % 161);
  return options;
}

PlantedInstance planted_instance(unsigned seed, const PlantedOptions& options) {
  assert(options.participants >= 2 && options.slots >= 1);
  assert(options.morning_slots >= 0 && options.morning_slots <= options.slots);
  std::mt19937 rng(seed);
  const std::vector<Drawn> drawn = draw_meetings(rng, options);

  PlantedInstance instance;
  b2b::Problem& problem = instance.problem;
  problem.participants = options.participants;
  problem.slots = options.slots;
  problem.morning_slots = options.morning_slots;

  std::bernoulli_distribution windowed(options.window_fraction);
  std::bernoulli_distribution pinned(options.pinned_fraction);
  std::vector<int> in_slot(static_cast<std::size_t>(options.slots) + 1, 0);
  std::vector<std::vector<bool>> busy(static_cast<std::size_t>(options.participants) + 1,
                                      std::vector<bool>(static_cast<std::size_t>(options.slots) + 1, false));
  for (const Drawn& meeting : drawn) {
    b2b::MeetingRequest request;
    request.id = static_cast<int>(problem.meetings.size()) + 1;
    request.a = meeting.a;
    request.b = meeting.b;
    if (windowed(rng)) request.window = half_day_window(problem, meeting.slot);
    if (pinned(rng)) request.pinned_slot = meeting.slot;
    problem.meetings.push_back(request);
    instance.planted.placements.push_back(b2b::Placement{meeting.slot, 0});
    ++in_slot[static_cast<std::size_t>(meeting.slot)];
    busy[static_cast<std::size_t>(meeting.a)][static_cast<std::size_t>(meeting.slot)] = true;
    busy[static_cast<std::size_t>(meeting.b)][static_cast<std::size_t>(meeting.slot)] = true;
  }
  number_planted_tables(instance.planted, options.slots);
  problem.tables =
      options.table_cap > 0 ? options.table_cap : std::max(1, *std::max_element(in_slot.begin(), in_slot.end()));

  // Only slots the planted schedule leaves free may be forbidden, or it would stop being valid.
  std::bernoulli_distribution forbidden(options.forbidden_fraction);
  for (int participant = 1; participant <= options.participants; ++participant) {
    for (int slot = 1; slot <= options.slots; ++slot) {
      if (busy[static_cast<std::size_t>(participant)][static_cast<std::size_t>(slot)]) continue;
      if (forbidden(rng)) problem.unavailable.emplace_back(participant, slot);
    }
  }
  return instance;
}

InfeasibleInstance overloaded_instance(unsigned seed, const PlantedOptions& options) {
  PlantedInstance planted = planted_instance(seed, options);
  InfeasibleInstance result;
  b2b::Problem& problem = planted.problem;

  std::vector<int> meetings_of(static_cast<std::size_t>(problem.participants) + 1, 0);
  for (const auto& meeting : problem.meetings) {
    ++meetings_of[static_cast<std::size_t>(meeting.a)];
    ++meetings_of[static_cast<std::size_t>(meeting.b)];
  }
  int overloaded = 1;
  for (int participant = 2; participant <= problem.participants; ++participant) {
    if (meetings_of[static_cast<std::size_t>(participant)] > meetings_of[static_cast<std::size_t>(overloaded)]) {
      overloaded = participant;
    }
  }
  const int d = meetings_of[static_cast<std::size_t>(overloaded)];
  assert(d >= 2);

  // A different stream from the planting's, so that the same seed plants the same base instance.
  std::mt19937 rng(seed ^ 0x9e3779b9U);
  const int excess = std::min(d - 1, std::uniform_int_distribution<int>(1, 2)(rng));
  const int k = d - excess;

  std::vector<int> planted_slots;  // P's, one per meeting: P is in one meeting per slot
  std::vector<int> partners;
  for (std::size_t i = 0; i < problem.meetings.size(); ++i) {
    b2b::MeetingRequest& meeting = problem.meetings[i];
    if (meeting.a != overloaded && meeting.b != overloaded) continue;
    planted_slots.push_back(planted.planted.placements[i]->slot);
    partners.push_back(meeting.a == overloaded ? meeting.b : meeting.a);
    // A window or a pin would give some of P's meetings fewer slots than the rest, and a smaller
    // overload than the whole star's could then be the one reported.
    meeting.window = b2b::Window::any;
    meeting.pinned_slot.reset();
  }
  std::shuffle(planted_slots.begin(), planted_slots.end(), rng);
  const std::set<int> kept(planted_slots.begin(), planted_slots.begin() + k);
  const std::set<int> partner_set(partners.begin(), partners.end());

  std::erase_if(problem.unavailable, [&](const std::pair<int, int>& entry) {
    return entry.first == overloaded || (partner_set.contains(entry.first) && kept.contains(entry.second));
  });
  for (int slot = 1; slot <= problem.slots; ++slot) {
    if (!kept.contains(slot)) problem.unavailable.emplace_back(overloaded, slot);
  }
  std::sort(problem.unavailable.begin(), problem.unavailable.end());

  result.participant = overloaded;
  result.participant_meetings = d;
  result.usable_slots = k;
  result.most_placeable = static_cast<int>(problem.meetings.size()) - excess;
  result.problem = std::move(problem);
  return result;
}

PlantedInstance planted_event(unsigned seed) {
  PlantedOptions options;
  options.participants = 1'000;
  options.meetings = 4'000;
  options.slots = 27;
  options.morning_slots = 14;
  options.forbidden_fraction = 0.01;
  options.pinned_fraction = 0.0;
  options.window_fraction = 0.1;
  options.table_cap = 200;
  options.skewed = true;
  options.max_per_participant = 22;
  return planted_instance(seed, options);
}

b2b::Problem synthetic_event(unsigned seed) {
  return planted_event(seed).problem;
}

}  // namespace passerelle::testing
