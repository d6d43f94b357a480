// `import participants`: load a CSV export into the registry.
#include <ostream>

#include "core/import/participant_import.h"
#include "core/text/terminal_text.h"
#include "core/util/files.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"

namespace passerelle::hub {
namespace {

// 100,000 participants export to about 30 MB; four times that is still a participant list.
constexpr std::size_t kMaxParticipantFile = 128u << 20;

int run_import(Context& context, const ParsedArgs& args) {
  auto& out = *context.out;
  auto& err = *context.err;
  const std::string& path = args.positional().front();

  import::PlanOptions plan_options;
  if (const auto preset = args.value("preset")) {
    const auto parsed = import::parse_preset(*preset);
    if (!parsed)
      return context.fail(
          make_error(Errc::invalid_input, "unknown preset '" + *preset + "' (auto, eventbrite, pretix)"));
    plan_options.preset = *parsed;
  }
  if (const auto mapping_path = args.value("mapping")) {
    auto mapping = import::load_mapping_file(*mapping_path);
    if (!mapping) return context.fail(mapping.error());
    plan_options.mapping = std::move(*mapping);
  }

  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;

  auto bytes = read_file_bounded(path, kMaxParticipantFile);
  if (!bytes) return context.fail(bytes.error());
  auto plan = import::plan_import(*bytes, plan_options);
  if (!plan) return context.fail(make_error(plan.error().code, path + ": " + plan.error().message));

  err << path << ": " << csv::to_string(plan->encoding) << ", delimiter "
      << (plan->delimiter == '\t' ? std::string("tab") : std::string("'") + plan->delimiter + "'") << ", "
      << plan->rows.size() + plan->errors.size() << " rows";
  if (plan->preset != import::Preset::automatic)
    err << ", " << (plan->preset == import::Preset::eventbrite ? "Eventbrite" : "pretix") << " export";
  err << "\n";
  for (const auto& warning : plan->warnings) err << "warning: " << terminal_safe(warning) << "\n";
  for (const auto& column : plan->ignored_columns)
    err << "note: column '" << terminal_safe(column) << "' is not imported\n";
  // Rows imported as they are but worth a look, bounded like the errors below: a file of 5,000
  // first names only must not bury the summary.
  constexpr std::size_t kMaxRowWarningsShown = 20;
  for (std::size_t i = 0; i < plan->row_warnings.size() && i < kMaxRowWarningsShown; ++i)
    err << "warning: " << terminal_safe(path) << ": " << terminal_safe(import::describe(plan->row_warnings[i])) << "\n";
  if (plan->row_warnings.size() > kMaxRowWarningsShown)
    err << "warning: ... and " << plan->row_warnings.size() - kMaxRowWarningsShown << " more\n";

  // Each bad row on its own line, made safe one by one: a cell may hold a line break of its own.
  if (!plan->errors.empty() && !args.has("skip-bad-rows")) {
    constexpr std::size_t kMaxErrorsShown = 50;
    for (std::size_t i = 0; i < plan->errors.size() && i < kMaxErrorsShown; ++i)
      err << terminal_safe(path) << ": " << terminal_safe(import::describe(plan->errors[i])) << "\n";
    if (plan->errors.size() > kMaxErrorsShown) err << "... and " << plan->errors.size() - kMaxErrorsShown << " more\n";
    return context.fail(
        make_error(Errc::invalid_input, path + ": " + std::to_string(plan->errors.size()) +
                                            (plan->errors.size() == 1 ? " row has" : " rows have") +
                                            " errors; nothing was imported (fix them, or use --skip-bad-rows)"));
  }

  import::ApplyOptions apply_options;
  apply_options.dry_run = args.has("dry-run");
  apply_options.skip_bad_rows = args.has("skip-bad-rows");
  apply_options.cancel_missing = args.has("cancel-missing");
  apply_options.progress = [&err](std::size_t done, std::size_t total) {
    err << "  " << done << " / " << total << " rows\n";
  };
  auto summary = import::apply_import(store, event.id, *plan, apply_options);
  if (!summary) return context.fail(make_error(summary.error().code, path + ": " + summary.error().message));

  for (const auto& skipped : summary->skipped) err << "skipped " << terminal_safe(import::describe(skipped)) << "\n";
  for (const auto& warning : summary->warnings) err << "warning: " << terminal_safe(warning) << "\n";
  out << (summary->committed ? "imported" : "dry run, nothing stored: would import") << " into event " << event.id
      << ": " << summary->inserted << " new, " << summary->updated << " updated, " << summary->unchanged
      << " unchanged";
  if (!summary->skipped.empty()) out << ", " << summary->skipped.size() << " skipped";
  out << "\n";
  if (summary->missing != 0) {
    if (summary->cancelled_missing != 0)
      out << summary->cancelled_missing << " participants absent from the file "
          << (summary->committed ? "were" : "would be") << " cancelled\n";
    else
      out << summary->missing
          << " registered participants are absent from the file and were kept (use --cancel-missing to cancel "
             "them)\n";
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> import_commands() {
  CommandSpec spec{
      "import participants",
      "FILE.csv [--dry-run] [--skip-bad-rows] [--cancel-missing] [--preset NAME] [--mapping FILE] [--event ID]",
      "Import or update participants from a CSV export.",
      "Columns are found by their header names in English, French, German or Dutch; exports of\n"
      "Eventbrite and pretix are recognised. Encodings: UTF-8 (with or without BOM), UTF-16 with\n"
      "BOM, Windows-1252. All rows are stored or none. Re-importing updates participants by\n"
      "external id and never duplicates them. See docs/import.md.",
      {{"dry-run", "", "check and report, store nothing"},
       {"skip-bad-rows", "", "store the good rows and report each skipped one"},
       {"cancel-missing", "", "cancel registered participants that are not in the file"},
       {"preset", "NAME", "auto (default), eventbrite or pretix"},
       {"mapping", "FILE", "TOML file naming the columns of another system's export"},
       {"event", "ID", "the event to import into (needed when the database holds several)"}},
      1,
      1};
  return {Command{std::move(spec), run_import}};
}

}  // namespace passerelle::hub
