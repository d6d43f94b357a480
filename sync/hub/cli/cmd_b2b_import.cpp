// The B2B imports: `import meetings` (requests), `import unavailable` and `import schedule` (a
// ready schedule from a matchmaking platform). Files are read through core/import's planners:
// every bad row is named and nothing is stored unless the whole file is good.
#include <ostream>
#include <string>

#include "core/import/b2b_import.h"
#include "core/import/participant_import.h"
#include "core/store/b2b_store.h"
#include "core/text/terminal_text.h"
#include "core/util/files.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"

namespace passerelle::hub {
namespace {

constexpr std::size_t kMaxB2bFile = 16u << 20;
constexpr std::size_t kMaxErrorsShown = 50;

struct B2bSource {
  std::string path;
  std::string bytes;
  std::optional<import::B2bMapping> mapping;
  import::B2bImportOptions options;
};

Result<B2bSource> read_source(const ParsedArgs& args, import::B2bKind kind) {
  B2bSource source;
  source.path = args.positional().front();
  if (const auto preset = args.value("preset")) {
    const auto parsed = import::parse_b2b_preset(*preset);
    if (!parsed)
      return make_error(Errc::invalid_input, "unknown preset '" + terminal_safe(*preset) + "' (auto, zerista)");
    source.options.preset = *parsed;
  }
  if (const auto mapping_path = args.value("mapping")) {
    PSL_ASSIGN_OR_RETURN(source.mapping, import::load_b2b_mapping_file(*mapping_path, kind));
  }
  PSL_ASSIGN_OR_RETURN(source.bytes, read_file_bounded(source.path, kMaxB2bFile));
  return source;
}

// Says how the file was read; refuses it, listing its bad rows, when it has any.
Status check_file(Context& context, const std::string& path, const import::B2bFileInfo& file) {
  auto& err = *context.err;
  err << terminal_safe(path) << ": " << csv::to_string(file.encoding) << ", "
      << (file.columns.preset == import::B2bPreset::automatic
              ? std::string("columns")
              : std::string(to_string(file.columns.preset)) + " columns");
  for (const auto& [field, header] : file.columns.named)
    err << " " << import::to_string(field) << "='" << terminal_safe(header) << "'";
  err << "\n";
  for (const auto& warning : file.warnings) err << "warning: " << terminal_safe(warning) << "\n";
  for (const auto& column : file.columns.ignored)
    err << "note: column '" << terminal_safe(column) << "' is not imported\n";
  if (file.errors.empty()) return {};
  for (std::size_t i = 0; i < file.errors.size() && i < kMaxErrorsShown; ++i)
    err << terminal_safe(path) << ": " << terminal_safe(import::describe(file.errors[i])) << "\n";
  if (file.errors.size() > kMaxErrorsShown) err << "... and " << file.errors.size() - kMaxErrorsShown << " more\n";
  return make_error(Errc::invalid_input, path + ": " + std::to_string(file.errors.size()) +
                                             (file.errors.size() == 1 ? " row has" : " rows have") +
                                             " errors; nothing was imported");
}

Error in_file(const std::string& path, const Error& error) {
  return make_error(error.code, path + ": " + error.message);
}

int run_import_meetings(Context& context, const ParsedArgs& args) {
  auto source = read_source(args, import::B2bKind::requests);
  if (!source) return context.fail(source.error());
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  auto people = store.participants(event.id);
  if (!people) return context.fail(people.error());
  source->options.mapping = source->mapping ? &*source->mapping : nullptr;
  auto plan = import::plan_meeting_requests(source->bytes, import::ParticipantDirectory(*people), source->options);
  if (!plan) return context.fail(in_file(source->path, plan.error()));
  if (auto refused = check_file(context, source->path, plan->file); !refused) return context.fail(refused.error());
  if (args.has("dry-run")) {
    *context.out << plan->rows.size() << " meeting requests read; nothing stored (--dry-run)\n";
    return kExitOk;
  }
  std::vector<MeetingRequestRow> rows;
  for (const auto& row : plan->rows) rows.push_back(MeetingRequestRow{0, row.a, row.b, row.half_day});
  auto changes = replace_meeting_requests(store.database(), event.id, std::move(rows));
  if (!changes) return context.fail(changes.error());
  *context.out << "meeting requests: " << changes->added << " added, " << changes->changed << " changed, "
               << changes->removed << " removed (their meetings cancelled), " << changes->unchanged << " unchanged\n";
  return kExitOk;
}

int run_import_unavailable(Context& context, const ParsedArgs& args) {
  auto source = read_source(args, import::B2bKind::unavailable);
  if (!source) return context.fail(source.error());
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  auto session = load_b2b_session(store.database(), event.id);
  if (!session) return context.fail(session.error());
  if (!*session)
    return context.fail(make_error(Errc::not_found, "the event has no B2B session: add [b2b] to its description"));
  auto people = store.participants(event.id);
  if (!people) return context.fail(people.error());
  source->options.mapping = source->mapping ? &*source->mapping : nullptr;
  auto plan =
      import::plan_unavailable(source->bytes, import::ParticipantDirectory(*people), **session, source->options);
  if (!plan) return context.fail(in_file(source->path, plan.error()));
  if (auto refused = check_file(context, source->path, plan->file); !refused) return context.fail(refused.error());
  if (args.has("dry-run")) {
    *context.out << plan->rows.size() << " unavailable slots read; nothing stored (--dry-run)\n";
    return kExitOk;
  }
  auto held = replace_b2b_unavailable(store.database(), event.id, plan->rows);
  if (!held) return context.fail(held.error());
  *context.out << "unavailable slots: " << *held << " held (the file replaced the previous ones); run schedule\n";
  return kExitOk;
}

int run_import_schedule(Context& context, const ParsedArgs& args) {
  auto source = read_source(args, import::B2bKind::schedule);
  if (!source) return context.fail(source.error());
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  auto session = load_b2b_session(store.database(), event.id);
  if (!session) return context.fail(session.error());
  auto zone = store.event_timezone(event.id);
  if (!zone) return context.fail(zone.error());
  auto people = store.participants(event.id);
  if (!people) return context.fail(people.error());
  import::ScheduleFrame frame;
  frame.session = *session ? &**session : nullptr;
  frame.zone = &**zone;
  frame.event_days = event.days;
  source->options.mapping = source->mapping ? &*source->mapping : nullptr;
  auto plan = import::plan_schedule(source->bytes, import::ParticipantDirectory(*people), frame, source->options);
  if (!plan) return context.fail(in_file(source->path, plan.error()));
  if (auto refused = check_file(context, source->path, plan->file); !refused) return context.fail(refused.error());
  if (args.has("dry-run")) {
    *context.out << plan->rows.size() << " meetings read; nothing stored (--dry-run)\n";
    return kExitOk;
  }
  std::vector<ImportedMeeting> meetings;
  for (const auto& row : plan->rows)
    meetings.push_back(ImportedMeeting{row.a, row.b, row.start_ms, row.end_ms, row.location});
  auto changes = replace_imported_schedule(store.database(), event.id, meetings);
  if (!changes) return context.fail(changes.error());
  const auto& requests = changes->requests;
  *context.out << "schedule: " << meetings.size() << " meetings read: " << requests.added << " new pairs, "
               << requests.unchanged + requests.changed << " kept, " << requests.removed
               << " gone from the file (their meetings cancelled); " << changes->meetings_changed
               << " meeting rows written\n";
  return kExitOk;
}

const OptionSpec kPresetOption{"preset", "NAME", "auto (default) or zerista (schedules)"};
const OptionSpec kMappingOption{"mapping", "FILE", "TOML file naming the columns (docs/import.md, B2B files)"};
const OptionSpec kEventOption{"event", "ID", "the event (needed when the database holds several)"};
const OptionSpec kDryRunOption{"dry-run", "", "read and check the file; store nothing"};

}  // namespace

std::vector<Command> b2b_import_commands() {
  return {
      Command{{"import meetings",
               "FILE.csv [--event ID] [--dry-run] [--preset NAME] [--mapping FILE]",
               "Import the B2B meeting requests: two participants per line (external id or email).",
               "Columns a and b (or host and guest, requester and partner, in en/fr/de/nl) name the two\n"
               "participants by external id or email; an optional window (any, morning, afternoon) holds a\n"
               "wish. All or nothing: every bad line is named and nothing is stored. A re-import changes\n"
               "only what changed; a request no longer in the file is removed and its meeting cancelled.",
               {kEventOption, kDryRunOption, kPresetOption, kMappingOption},
               1,
               1},
              run_import_meetings},
      Command{{"import unavailable",
               "FILE.csv [--event ID] [--dry-run] [--mapping FILE]",
               "Import the slots of the B2B session in which participants cannot meet.",
               "Columns: participant (external id or email), and slot (1 to the session's last) or from and\n"
               "until (HH:MM on the session's day; every slot that overlaps is taken). The file replaces\n"
               "the previous one whole; every bad line is named and nothing changes. Published meetings stay\n"
               "where they are until `schedule --replan` (or --absent) moves them.",
               {kEventOption, kDryRunOption, kMappingOption},
               1,
               1},
              run_import_unavailable},
      Command{{"import schedule",
               "FILE.csv [--event ID] [--dry-run] [--preset NAME] [--mapping FILE]",
               "Import a ready B2B schedule from a matchmaking platform: two participants, start, end, place.",
               "Each line is a meeting: the two participants (external id or email), its start (HH:MM, or a\n"
               "date and time), its end, and its table or location. With a [b2b] session each meeting starts\n"
               "on a slot and sits at a table of the session; without one, any time of the event's days and\n"
               "any place. Nobody may be in two meetings at once, nor a table hold two. All or nothing; the\n"
               "file becomes the event's requests and meetings, and a re-import changes only what changed.\n"
               "`schedule` then keeps these meetings where they are and places only new requests.",
               {kEventOption, kDryRunOption, kPresetOption, kMappingOption},
               1,
               1},
              run_import_schedule},
  };
}

}  // namespace passerelle::hub
