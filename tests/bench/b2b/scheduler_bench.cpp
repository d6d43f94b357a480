// The B2B scheduler (issue #12) on the benchmark's twelve real forums, then on a synthetic day of
// 1,000 participants and 4,000 meetings (instance_generators.h), with the production options: one
// line each with the verdict, the idle gaps, the time and how many rules the schedule breaks by the
// independent checker (schedule_validator.h), which must be none.
//
// Usage: scheduler_bench [--time-limit S] [--instances DIR]
//   --time-limit  seconds per call (default: b2b::Options' own, the production limit)
//   --instances   the forums' directory (default: the build's B2B_FORUMS_DIR); when it is missing the
//                 forums are skipped with a note, and the synthetic event still runs
// Exit status: 0, or 1 when a call failed or a schedule broke a rule; 2 for a bad command line.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/b2b/scheduler.h"
#include "tests/b2b/instance_generators.h"
#include "tests/b2b/schedule_validator.h"
#include "tests/b2b/shared_instances.h"

namespace passerelle::bench {
namespace {

struct Settings {
  b2b::Options options;
  std::filesystem::path instances = testing::b2b_forums_dir();
};

const char* verdict_word(b2b::Verdict verdict) {
  switch (verdict) {
    case b2b::Verdict::all_placed:
      return "all_placed";
    case b2b::Verdict::most_placed:
      return "most_placed";
    case b2b::Verdict::not_settled:
      return "not_settled";
  }
  return "?";
}

int usage(const char* message) {
  std::fprintf(stderr, "scheduler_bench: %s\nusage: scheduler_bench [--time-limit S] [--instances DIR]\n", message);
  return 2;
}

void print_header() {
  std::printf("%-24s %8s %7s %6s %-12s %6s %5s %9s %9s %10s\n", "instance", "meetings", "placed", "bound", "verdict",
              "gaps", "least", "settle_ms", "total_ms", "violations");
}

// Prints the instance's line; false when the call failed or the schedule breaks a rule.
bool run(const std::string& name, const b2b::Problem& problem, const b2b::Options& options) {
  const auto outcome = b2b::schedule(problem, options);
  if (!outcome) {
    std::printf("%-24s failed: %s\n", name.c_str(), outcome.error().message.c_str());
    return false;
  }
  const auto violations = testing::schedule_violations(problem, outcome->schedule);
  std::printf("%-24s %8zu %7d %6d %-12s %6d %5s %9lld %9lld %10zu\n", name.c_str(), problem.meetings.size(),
              outcome->placed, outcome->bound, verdict_word(outcome->verdict), outcome->idle_gaps,
              outcome->gaps_proven_least ? "yes" : "no", static_cast<long long>(outcome->placement_time.count()),
              static_cast<long long>(outcome->elapsed.count()), violations.size());
  for (const auto& violation : violations) std::printf("    %s\n", violation.c_str());
  // The first few only: an infeasible forum's explanation is for the organiser, a line or two.
  for (std::size_t i = 0; i < outcome->explanation.size() && i < 3; ++i) {
    std::printf("    %s\n", outcome->explanation[i].c_str());
  }
  std::fflush(stdout);
  return violations.empty();
}

int run_all(const Settings& settings) {
  bool sound = true;
  print_header();
  if (std::filesystem::is_directory(settings.instances)) {
    for (const std::string_view name : testing::kForumInstances) {
      auto problem = testing::read_instance(settings.instances / name);
      if (!problem) {
        std::printf("%-24s unreadable: %s\n", std::string(name).c_str(), problem.error().message.c_str());
        sound = false;
        continue;
      }
      sound = run(std::string(name), *problem, settings.options) && sound;
    }
  } else {
    std::fprintf(stderr, "scheduler_bench: no forums at %s: only the synthetic event runs\n",
                 settings.instances.string().c_str());
  }
  sound = run("synthetic-1000", testing::synthetic_event(1), settings.options) && sound;
  return sound ? 0 : 1;
}

}  // namespace
}  // namespace passerelle::bench

int main(int argc, char** argv) {
  using passerelle::bench::usage;
  passerelle::bench::Settings settings;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (i + 1 >= argc) return usage("missing value after an option, or unknown option");
    const char* value = argv[++i];
    if (argument == "--time-limit") {
      char* end = nullptr;
      const double seconds = std::strtod(value, &end);
      if (end == value || *end != '\0' || !(seconds > 0.0) || seconds > 3600.0) {
        return usage("--time-limit takes seconds, more than 0 and at most 3600");
      }
      settings.options.time_limit = std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
    } else if (argument == "--instances") {
      settings.instances = value;
    } else {
      return usage("unknown option");
    }
  }
  return passerelle::bench::run_all(settings);
}
