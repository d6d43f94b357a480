// `schedule-instance`: the B2B scheduler (core/b2b/scheduler.h) on an instance directory in the
// benchmark's CSV form, for organisers who schedule outside an event file and for the shared
// forums' benchmark. `--out` is always written, whatever the verdict.
#include <ostream>
#include <string>

#include "core/b2b/instance_csv.h"
#include "core/b2b/scheduler.h"
#include "core/util/files.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/cli/schedule_options.h"

namespace passerelle::hub {
namespace {

// An instance file is a few hundred KB; a directory with 16 MiB files is not one.
constexpr std::size_t kMaxInstanceFile = 16u << 20;
Result<b2b::Problem> read_instance(const std::filesystem::path& dir) {
  PSL_ASSIGN_OR_RETURN(const auto params, read_file_bounded(dir / "params.json", kMaxInstanceFile));
  PSL_ASSIGN_OR_RETURN(const auto requests, read_file_bounded(dir / "requests.csv", kMaxInstanceFile));
  std::string unavailable;
  if (std::filesystem::exists(dir / "unavailable.csv")) {
    PSL_ASSIGN_OR_RETURN(unavailable, read_file_bounded(dir / "unavailable.csv", kMaxInstanceFile));
  }
  return b2b::parse_instance(params, requests, unavailable);
}

std::string_view verdict_text(b2b::Verdict verdict) {
  switch (verdict) {
    case b2b::Verdict::all_placed:
      return "every meeting placed";
    case b2b::Verdict::most_placed:
      return "proven: no schedule holds every meeting; this one holds the most any can";
    case b2b::Verdict::not_settled:
      return "not settled within the time limit: the best schedule found, and the bound";
  }
  return "";
}

int run_schedule_instance(Context& context, const ParsedArgs& args) {
  const auto limit = schedule_time_limit(args);
  if (!limit) return context.fail(limit.error());
  const auto out_path = args.value("out");
  if (!out_path) {
    *context.err
        << "passerelle-hub: schedule-instance needs --out FILE.csv\n(see: passerelle-hub schedule-instance --help)\n";
    return kExitUsage;
  }
  auto problem = read_instance(args.positional().front());
  if (!problem) return context.fail(problem.error());

  b2b::Options options;
  options.time_limit = *limit;
  auto outcome = b2b::schedule(*problem, options);
  if (!outcome) return context.fail(outcome.error());
  if (auto written = write_file_atomically(*out_path, b2b::schedule_csv(*problem, outcome->schedule)); !written)
    return context.fail(written.error());

  auto& out = *context.out;
  const auto total = problem->meetings.size();
  out << verdict_text(outcome->verdict) << "\n";
  out << "meetings placed: " << outcome->placed << " of " << total << " (at most " << outcome->bound << " can be)\n";
  out << "idle gaps: " << outcome->idle_gaps << (outcome->gaps_proven_least ? " (the fewest possible)" : "") << "\n";
  out << "time: " << outcome->placement_time.count() << " ms to settle the placement, " << outcome->elapsed.count()
      << " ms in all\n";
  for (const auto& sentence : outcome->explanation) out << "why: " << sentence << "\n";
  for (const auto& left : outcome->left_out) {
    const auto& meeting = problem->meetings[left.meeting];
    out << "left out: meeting " << meeting.id << " (participants " << meeting.a << " and " << meeting.b
        << "): " << left.reason << "\n";
  }
  out << "schedule written to " << *out_path << "\n";
  return exit_code_for(outcome->verdict);
}

}  // namespace

std::vector<Command> schedule_commands() {
  return {
      Command{{"schedule-instance",
               "DIR --out FILE.csv [--time-limit S]",
               "Schedule the B2B meetings of an instance directory (params.json, requests.csv, unavailable.csv).",
               "Places as many meetings as any valid schedule can hold, proves it when not all fit and says\n"
               "why in words, then prefers fewer idle gaps. FILE.csv gets `meeting,slot,table` for the\n"
               "placed meetings, whatever the verdict. Exit status 0: every meeting placed; 20: proven that\n"
               "no schedule holds them all (this one holds the most); 21: not settled within the time limit.",
               {{"out", "FILE.csv", "where the schedule is written (required)"},
                {"time-limit", "S", "seconds for the whole search, gaps included (default 10)"}},
               1,
               1},
              run_schedule_instance},
  };
}

}  // namespace passerelle::hub
