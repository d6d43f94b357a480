// `register`: a walk-in participant, added and badged at the desk.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ostream>

#include "core/import/participant_mapping.h"
#include "core/util/uuid.h"
#include "sync/hub/cli/badge_selection.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"

extern char** environ;

namespace passerelle::hub {
namespace {

// The walk-in's fields, validated by the import's own rules (email, country, language, tags…)
// through a one-row table with Passerelle's canonical header.
Result<ParticipantRecord> record_from_args(const ParsedArgs& args, const std::string& external_id) {
  const std::vector<std::pair<const char*, const char*>> columns = {
      {"external_id", nullptr},
      {"first_name", "first-name"},
      {"last_name", "last-name"},
      {"email", "email"},
      {"organisation", "organisation"},
      {"country", "country"},
      {"sector", "sector"},
      {"organisation_type", "org-type"},
      {"language", "language"},
      {"role", "role"},
      {"tags", "tags"},
  };
  csv::Table table;
  csv::Record row;
  row.line = 1;
  for (const auto& [column, option] : columns) {
    table.header.emplace_back(column);
    row.fields.push_back(option == nullptr ? external_id : args.value(option).value_or(""));
  }
  table.rows.push_back(std::move(row));
  PSL_ASSIGN_OR_RETURN(auto plan, import::plan_import_table(table, {}));
  if (!plan.errors.empty()) {
    const auto& error = plan.errors.front();
    return make_error(Errc::invalid_input, (error.column.empty() ? "" : error.column + ": ") + error.reason);
  }
  if (plan.rows.empty()) return make_error(Errc::invalid_input, "nothing to register");
  return std::move(plan.rows.front().record);
}

// Runs `lp -d PRINTER FILE` without a shell, so no name can inject a command.
Status send_to_printer(const std::string& printer, const std::string& file) {
  std::vector<std::string> words = {"lp", "-s"};
  if (printer != "default") words.insert(words.end(), {"-d", printer});
  words.push_back(file);
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (const int error = ::posix_spawnp(&pid, "lp", nullptr, nullptr, argv.data(), environ); error != 0)
    return make_error(Errc::io, "cannot run lp (" + std::string(std::strerror(error)) +
                                    "): install cups-client, or use --out FILE.pdf");
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return make_error(Errc::io, "lp failed (exit status " +
                                    std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + "): is printer '" +
                                    printer + "' known to CUPS (lpstat -p)?");
  return {};
}

int run_register(Context& context, const ParsedArgs& args) {
  if (args.has("print") == args.has("out"))
    return context.fail(make_error(Errc::invalid_input, "give --print PRINTER (or 'default') or --out FILE.pdf"));
  auto layout = parse_layout(args.value("layout").value_or("a6"));
  if (!layout) return context.fail(layout.error());
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;

  const std::string external_id =
      args.value("external-id").value_or("WALKIN-" + make_uuid_v7(context.clock->wall_ms()).substr(28, 8));
  auto record = record_from_args(args, external_id);
  if (!record) return context.fail(record.error());
  {
    auto existing = store.find_by_external_id(event.id, external_id);
    if (!existing) return context.fail(existing.error());
    if (*existing)
      return context.fail(make_error(Errc::conflict, "external id '" + external_id + "' is already registered"));
    auto transaction = db::Transaction::begin(store.database());
    if (!transaction) return context.fail(transaction.error());
    if (auto added = store.upsert_participant_in_transaction(event.id, *record); !added)
      return context.fail(added.error());
    if (auto committed = transaction->commit(); !committed) return context.fail(committed.error());
  }
  auto person = store.find_by_external_id(event.id, external_id);
  if (!person || !*person) return context.fail(make_error(Errc::database, "the new participant cannot be read back"));
  auto contents = badge_contents(store, event, {**person});
  if (!contents) return context.fail(contents.error());

  const std::string pdf = args.value("out").value_or(
      (std::filesystem::temp_directory_path() / ("passerelle-badge-" + external_id + ".pdf")).string());
  if (auto written = print::render_badges_pdf(*contents, *layout, pdf, print::default_fonts_dir()); !written)
    return context.fail(written.error());
  *context.out << "registered " << record->first_name << " " << record->last_name << " as " << external_id << "\n";
  if (const auto printer = args.value("print")) {
    auto printed = send_to_printer(*printer, pdf);
    std::error_code ignored;
    std::filesystem::remove(pdf, ignored);
    if (!printed) return context.fail(printed.error());
    *context.out << "badge sent to printer " << *printer << "\n";
  } else {
    *context.out << "badge written to " << pdf << "\n";
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> register_commands() {
  CommandSpec spec{"register",
                   "--first-name NAME --last-name NAME [fields] (--print PRINTER | --out FILE.pdf) [--event ID]",
                   "Register a walk-in participant and print their badge.",
                   "Fields are checked as an import checks them (email, country, language, tags).\n"
                   "--print sends the badge to a CUPS printer with lp ('default' for the default printer).",
                   {{"first-name", "NAME", "first name (required)"},
                    {"last-name", "NAME", "last name (required)"},
                    {"email", "ADDRESS", "email address"},
                    {"organisation", "NAME", "organisation"},
                    {"country", "CODE", "country, ISO code or name"},
                    {"sector", "NAME", "sector"},
                    {"org-type", "TYPE", "sme, large_company, university, research_centre, support_organisation"},
                    {"language", "CODE", "en, fr, de or nl"},
                    {"role", "TEXT", "role or job title"},
                    {"tags", "TAGS", "sessions registered for, separated by ';'"},
                    {"external-id", "ID", "an id of your own (default: WALKIN-xxxxxxxx)"},
                    {"print", "PRINTER", "print the badge with lp"},
                    {"out", "FILE.pdf", "write the badge as PDF instead"},
                    {"layout", "NAME", "a6 (default), label62 or a4"},
                    {"event", "ID", "the event (needed when the database holds several)"}},
                   0,
                   0};
  return {Command{std::move(spec), run_register}};
}

}  // namespace passerelle::hub
