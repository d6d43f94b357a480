// `report`: an event's report (or a programme's over several events) as HTML, PDF and CSV files
// in one folder, with the per-day attendance lists (docs/REPORT.md). Gathering is sync/hub/store/figure_rows.h,
// the figures core/report, the paper core/print/report_pdf.h; this file only opens, orders and
// writes. Everything is built in memory first, then each file is written whole (temporary name,
// then rename), so a failure leaves no half-written file and, before the first write, no new one.
#include <filesystem>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "core/db/sqlite.h"
#include "core/print/badge_render.h"
#include "core/print/report_pdf.h"
#include "core/privacy/identity_keys.h"
#include "core/report/report_builder.h"
#include "core/report/report_csv.h"
#include "core/report/report_html.h"
#include "core/text/terminal_text.h"
#include "core/time/timezone.h"
#include "core/util/files.h"
#include "core/util/strings.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/csv_export.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/cli/journal_rows.h"
#include "sync/hub/store/figure_rows.h"

namespace passerelle::hub {
namespace {

struct OutputFile {
  std::string name;
  std::string content;
};

// The folder, made if missing; refused when it cannot be (a file in the way, no permission).
Status prepare_folder(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return make_error(Errc::io, "cannot create the report folder " + dir.string() + ": " + error.message());
  if (!std::filesystem::is_directory(dir, error))
    return make_error(Errc::io, "cannot write the report into " + dir.string() + ": not a folder");
  return {};
}

// Personal data (the attendance lists name people): for the organiser only, as the exports.
Status write_all(const std::filesystem::path& dir, const std::vector<OutputFile>& files) {
  for (const auto& file : files)
    if (auto written = write_file_atomically(dir / file.name, file.content, FileAccess::owner_only); !written)
      return make_error(written.error().code, "cannot write the report: " + written.error().message);
  return {};
}

std::string generated_text(const TimeZone& zone, std::int64_t now_ms) {
  return zone.local_day(now_ms) + " " + zone.local_time_of_day(now_ms) + " (" + zone.name() + ")";
}

// The figures of each event, read in one transaction: one consistent state of the file while
// kiosks may be uploading into it (WAL: they are not held up), and one lock for the thousands of
// queries instead of one each. The identity key is made first, outside it: its first use writes.
Result<std::vector<report::EventReport>> event_reports(Store& store, const std::vector<Event>& events,
                                                       std::int64_t now_ms) {
  PSL_TRY(privacy::load_or_create_identity_key(store));
  PSL_ASSIGN_OR_RETURN(auto reading, db::Transaction::begin(store.database(), db::Transaction::Kind::deferred));
  std::vector<report::EventReport> reports;
  reports.reserve(events.size());
  for (const auto& event : events) {
    PSL_ASSIGN_OR_RETURN(const auto rows, gather_report_rows(store, event, now_ms));
    PSL_ASSIGN_OR_RETURN(auto report, report::compute_event_report(rows));
    reports.push_back(std::move(report));
  }
  PSL_TRY(reading.commit());
  return reports;
}

// The report's document as HTML, PDF and CSV.
Result<std::vector<OutputFile>> render_document(const report::Document& document, csv::Delimiter delimiter) {
  std::vector<OutputFile> files{{"report.html", report::render_html(document)}};
  PSL_ASSIGN_OR_RETURN(auto pdf, print::render_report_pdf(document, print::default_fonts_dir()));
  files.push_back({"report.pdf", std::move(pdf)});
  for (auto& csv_file : report::render_csv(document, delimiter))
    files.push_back({std::move(csv_file.name), std::move(csv_file.content)});
  return files;
}

Result<std::vector<OutputFile>> single_event(Store& store, const Event& event, const Translations& texts,
                                             std::int64_t now_ms, csv::Delimiter delimiter) {
  PSL_ASSIGN_OR_RETURN(auto reports, event_reports(store, {event}, now_ms));
  const report::EventReport& report = reports.front();
  PSL_ASSIGN_OR_RETURN(const TimeZone* zone, store.event_timezone(event.id));
  const auto document = report::event_document(report, texts, generated_text(*zone, now_ms));
  PSL_ASSIGN_OR_RETURN(auto files, render_document(document, delimiter));
  for (const auto& sheet : report::attendance_sheets(report, texts)) {
    PSL_ASSIGN_OR_RETURN(auto pdf, print::render_attendance_sheet_pdf(sheet, print::default_fonts_dir()));
    files.push_back({"attendance-" + sheet.day + ".pdf", std::move(pdf)});
  }
  return files;
}

// The events a programme names, each once and each existing.
Result<std::vector<Event>> programme_events(Store& store, const std::vector<std::string>& ids) {
  std::vector<Event> events;
  std::set<std::int64_t> seen;
  for (const auto& text : ids) {
    const auto id = parse_integer<std::int64_t>(text);
    if (!id || *id <= 0)
      return make_error(Errc::invalid_input, "--programme takes event ids (positive numbers), not '" + text + "'");
    if (!seen.insert(*id).second) return make_error(Errc::invalid_input, "--programme names event " + text + " twice");
    PSL_ASSIGN_OR_RETURN(auto event, store.find_event(*id));
    if (!event) return make_error(Errc::not_found, "--programme names event " + text + ", which this database lacks");
    events.push_back(std::move(*event));
  }
  return events;
}

Result<std::vector<OutputFile>> programme(Store& store, const std::vector<Event>& events, const Translations& texts,
                                          std::int64_t now_ms, csv::Delimiter delimiter) {
  PSL_ASSIGN_OR_RETURN(auto reports, event_reports(store, events, now_ms));
  PSL_ASSIGN_OR_RETURN(const TimeZone* zone, store.event_timezone(events.front().id));
  const auto summary = report::compute_programme_report(std::move(reports));
  return render_document(report::programme_document(summary, texts, generated_text(*zone, now_ms)), delimiter);
}

int run_report(Context& context, const ParsedArgs& args) {
  const bool is_programme = args.has("programme");
  if (is_programme && args.has("event")) {
    *context.err << "passerelle-hub: report takes --event ID or --programme ID..., not both\n";
    return kExitUsage;
  }
  if (is_programme == args.positional().empty()) {
    *context.err << (is_programme ? "passerelle-hub: --programme needs the ids of its events (--programme 1 2 3)\n"
                                  : "passerelle-hub: report takes event ids only after --programme\n");
    return kExitUsage;
  }
  if (!args.value("out")) {
    *context.err << "passerelle-hub: report needs --out DIR, the folder to write into\n";
    return kExitUsage;
  }
  const std::filesystem::path dir = *args.value("out");
  auto texts = Translations::load(print::default_i18n_dir());
  if (!texts) return context.fail(texts.error());
  Result<std::vector<OutputFile>> files = std::vector<OutputFile>{};
  std::string what;
  if (is_programme) {
    auto store = context.open_store();
    if (!store) return context.fail(store.error());
    auto events = programme_events(*store, args.positional());
    if (!events) return context.fail(events.error());
    auto zone = store->event_timezone(events->front().id);
    if (!zone) return context.fail(zone.error());
    auto now_ms = figures_moment(args, **zone, *context.clock);
    if (!now_ms) return context.fail(now_ms.error());
    files = programme(*store, *events, *texts, *now_ms, csv_delimiter(args));
    what = "the programme report over " + std::to_string(events->size()) + " events";
  } else {
    auto opened = context.open_event(args);
    if (!opened) return context.fail(opened.error());
    auto& [store, event] = *opened;
    auto zone = store.event_timezone(event.id);
    if (!zone) return context.fail(zone.error());
    auto now_ms = figures_moment(args, **zone, *context.clock);
    if (!now_ms) return context.fail(now_ms.error());
    files = single_event(store, event, *texts, *now_ms, csv_delimiter(args));
    what = "the report of event " + std::to_string(event.id) + " '" + terminal_safe(event.name) + "'";
  }
  if (!files) return context.fail(files.error());
  if (auto ready = prepare_folder(dir); !ready) return context.fail(ready.error());
  if (auto written = write_all(dir, *files); !written) return context.fail(written.error());
  *context.out << "wrote " << what << " to " << terminal_safe(dir.string()) << ": " << files->size() << " files\n";
  for (const auto& file : *files) *context.out << "  " << file.name << "\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> report_commands() {
  return {Command{{"report",
                   "--out DIR [--event ID | --programme EVENT_ID...] [--at \"YYYY-MM-DD HH:MM\"] [--excel]",
                   "The event's report (HTML, PDF, CSV) and its per-day attendance lists, or a programme's.",
                   "Writes into DIR (made if missing), each file whole: report.html (one self-contained file\n"
                   "with its charts, for screens and printing), report.pdf (the same on A4), a CSV file per\n"
                   "table of figures, and for an event attendance-YYYY-MM-DD.pdf per day: who came, by name\n"
                   "in the event's language, organisation, first check-in time, and a column to sign.\n"
                   "With --programme: the given events side by side, their totals, and the participants\n"
                   "and organisations returning to two or more of them (matched by keyed hashes, not names).\n"
                   "Texts in the event's [event] language. How each figure is counted: docs/REPORT.md.",
                   {{"out", "DIR", "the folder to write into"},
                    {"event", "ID", "the event (needed when the database holds several)"},
                    {"programme", "", "report over the events whose ids follow"},
                    {"at", "\"YYYY-MM-DD HH:MM\"", "the figures as they stood then (event time; default now)"},
                    excel_option()},
                   0,
                   1000},
                  run_report}};
}

}  // namespace passerelle::hub
