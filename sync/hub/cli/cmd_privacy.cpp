// Privacy commands (docs/PRIVACY.md): `retention` (an event's setting), `purge` (apply the due
// retentions), `erase` (one person on request) and `audit` (the log of what erased whom). They work
// on the event file; with --sync-db postgresql://... also on the database kiosks sync with, which
// is changed first (see sync/hub/privacy/pg_erasure.h for why).
#include <ostream>

#include "core/util/strings.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/pg/pg_publish.h"
#include "sync/hub/pg/pq.h"
#include "sync/hub/privacy/pg_erasure.h"
#include "sync/hub/privacy/retention.h"
#include "sync/hub/store/open_hub_store.h"
#include "sync/hub/store/sqlite_hub_schema.h"

namespace passerelle::hub {
namespace {

using privacy::AuditLine;

Result<std::optional<pg::PgConnection>> sync_database(const ParsedArgs& args) {
  const auto url = args.value("sync-db");
  if (!url) return std::optional<pg::PgConnection>();
  if (!is_postgresql_url(*url)) return make_error(Errc::invalid_input, "--sync-db needs a postgresql:// URL");
  PSL_ASSIGN_OR_RETURN(auto connection, pg::PgConnection::connect(*url));
  return std::optional<pg::PgConnection>(std::move(connection));
}

Result<std::int64_t> parse_id(const std::string& option, const std::string& text) {
  const auto value = parse_integer<std::int64_t>(text);
  if (!value) return make_error(Errc::invalid_input, "--" + option + " takes a whole number, not '" + text + "'");
  return *value;
}

std::string format_ms(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%SZ", &utc);
  return text;
}

int run_retention(Context& context, const ParsedArgs& args) {
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& store = opened->store;
  if (const auto days_text = args.value("days")) {
    auto days = parse_id("days", *days_text);
    if (!days) return context.fail(days.error());
    if (auto set = privacy::set_retention(store, opened->event.id, *days, privacy::actor_name(args.value("operator")));
        !set)
      return context.fail(set.error());
  }
  auto all = privacy::retentions(store, opened->event.id);
  if (!all) return context.fail(all.error());
  if (all->empty()) {
    *context.out << "event " << opened->event.id << ": no retention set (personal data is kept until erased)\n";
    return kExitOk;
  }
  const auto& retention = all->front();
  *context.out << "event " << retention.event_id << ": personal data erased " << retention.days
               << " days after its last day, due " << format_ms(retention.due_ms);
  if (retention.applied_ms) *context.out << "; last applied " << format_ms(*retention.applied_ms);
  *context.out << "\n";
  return kExitOk;
}

int run_purge(Context& context, const ParsedArgs& args) {
  auto store = context.open_store();
  if (!store) return context.fail(store.error());
  auto database = sync_database(args);
  if (!database) return context.fail(database.error());
  auto purged = privacy::purge(*store, privacy::actor_name(args.value("operator")), *database ? &**database : nullptr);
  if (!purged) return context.fail(purged.error());
  if (purged->empty()) *context.out << "no retention due\n";
  for (const auto& event : *purged) {
    *context.out << "event " << event.event_id << ": " << privacy::describe(event.file);
    if (event.postgresql) *context.out << "; in PostgreSQL: " << privacy::describe(*event.postgresql);
    *context.out << "\n";
    if (*database) continue;
    // The database catches up at the next purge that names it (pg_erasure.h): say so.
    auto published = store->local_value(pg::published_key(event.event_id));
    if (published && *published)
      *context.err << "passerelle-hub: event " << event.event_id
                   << " was published to PostgreSQL: run 'purge --sync-db postgresql://...' to purge it there too\n";
  }
  return kExitOk;
}

int run_erase(Context& context, const ParsedArgs& args) {
  const auto participant_text = args.value("participant");
  const auto external_id = args.value("external-id");
  if (participant_text.has_value() == external_id.has_value()) {
    *context.err << "passerelle-hub: erase needs --participant ID or --external-id X (one of them)\n";
    return kExitUsage;
  }
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& store = opened->store;
  std::int64_t participant_id = 0;
  if (participant_text) {
    auto id = parse_id("participant", *participant_text);
    if (!id) return context.fail(id.error());
    participant_id = *id;
  } else {
    auto found = store.find_by_external_id(opened->event.id, *external_id);
    if (!found) return context.fail(found.error());
    if (!*found)
      return context.fail(make_error(Errc::not_found, "event " + std::to_string(opened->event.id) +
                                                          " has no participant with external id '" + *external_id +
                                                          "' (an erased one may have been renamed erased-ID)"));
    participant_id = (*found)->id;
  }
  auto plan = privacy::plan_erasure(store, opened->event.id, participant_id);
  if (!plan) return context.fail(plan.error());
  AuditLine line;
  line.action = "erase";
  line.actor = privacy::actor_name(args.value("operator"));
  if (const auto reason = args.value("reason")) {
    if (auto checked = privacy::check_reason(*plan, *reason); !checked) return context.fail(checked.error());
    line.detail = *reason;
  }
  auto database = sync_database(args);
  if (!database) return context.fail(database.error());
  if (!*database && !args.has("file-only")) {
    auto published = store.local_value(pg::published_key(opened->event.id));
    if (!published) return context.fail(published.error());
    if (*published)
      return context.fail(make_error(
          Errc::invalid_input,
          "event " + std::to_string(opened->event.id) +
              " was published to PostgreSQL: pass --sync-db postgresql://... to erase there too (or --file-only "
              "if that database is gone), or its entries and uploads there keep the person's data"));
  }
  std::optional<privacy::ErasureCounts> in_database;
  if (*database) {
    auto erased = privacy::erase_in_postgresql(**database, *plan, line, store.clock().wall_ms());
    if (!erased) return context.fail(erased.error());
    in_database = *erased;
  }
  auto erased = privacy::erase_in_file(store, *plan, line);
  if (!erased) return context.fail(erased.error());
  if (auto scrubbed = privacy::scrub(store); !scrubbed) return context.fail(scrubbed.error());
  *context.out << "participant " << participant_id << " erased: " << privacy::describe(*erased);
  if (in_database) *context.out << "; in PostgreSQL: " << privacy::describe(*in_database);
  *context.out << "\n";
  return kExitOk;
}

int run_audit(Context& context, const ParsedArgs& args) {
  auto event_id = args.event_id();
  if (!event_id) return context.fail(event_id.error());
  auto database = sync_database(args);
  if (!database) return context.fail(database.error());
  Result<std::vector<AuditLine>> lines = std::vector<AuditLine>();
  if (*database) {
    lines = privacy::audit_lines(**database, *event_id);
  } else {
    auto store = context.open_store();
    if (!store) return context.fail(store.error());
    if (auto migrated = migrate_hub_schema(store->database()); !migrated) return context.fail(migrated.error());
    lines = privacy::audit_lines(*store, *event_id);
  }
  if (!lines) return context.fail(lines.error());
  for (const auto& line : *lines) {
    *context.out << format_ms(line.at_ms) << "  " << line.action << "  by " << line.actor;
    if (line.event_id) *context.out << "  event " << *line.event_id;
    if (line.participant_id) *context.out << "  participant " << *line.participant_id;
    if (!line.detail.empty()) *context.out << "  " << line.detail;
    *context.out << "\n";
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> privacy_commands() {
  const OptionSpec event{"event", "ID", "the event (needed when the event file holds several)"};
  const OptionSpec operator_name{"operator", "NAME", "who runs it, for the audit log (default: the OS user)"};
  const OptionSpec sync_db{"sync-db", "URL",
                           "also the PostgreSQL database kiosks sync with (postgresql://...), changed first"};
  return {
      Command{{"retention",
               "[--event ID] [--days N] [--operator NAME]",
               "Show or set how long after the event its personal data is kept.",
               "With --days N, personal data of the event is erased N days after its last day (at the\n"
               "event-local midnight that ends day last+N) by 'purge', which 'serve' also runs daily;\n"
               "its anonymous figures stay (docs/PRIVACY.md). Without --days, shows the setting.",
               {event, {"days", "N", "days after the event's last day (0 to 11000)"}, operator_name},
               0,
               0},
              run_retention},
      Command{{"purge",
               "[--sync-db URL] [--operator NAME]",
               "Apply every retention that is due: erase those events' personal data.",
               "Erases the participants of every event whose retention is due, blanks its entries'\n"
               "codes and operators and its quarantined uploads, writes audit lines and rewrites the\n"
               "file so that nothing erased stays in it (VACUUM, write-ahead log emptied). Running it\n"
               "again finds nothing to do. 'serve' runs it at start and every day.",
               {sync_db, operator_name},
               0,
               0},
              run_purge},
      Command{{"erase",
               "--participant ID | --external-id X [--event ID] [--reason TEXT] [--sync-db URL | --file-only]",
               "Erase one participant's personal data on request (their figures stay).",
               "Blanks the participant's names, email, organisation and role, deletes their ticket\n"
               "codes and search entry, blanks the codes and operators of their entries and the\n"
               "quarantined uploads that name them, keeps keyed hashes of the email and organisation\n"
               "(returning people stay countable), writes an audit line and rewrites the file.\n"
               "Kiosks receive the blanked participant with their next sync. The reason must not\n"
               "name the person. An event published to PostgreSQL needs --sync-db (or --file-only).\n"
               "Exit 4 for an unknown participant, 3 when erased already.",
               {event,
                {"participant", "ID", "the participant's id (as 'search' shows it)"},
                {"external-id", "X", "the participant's id in the registration system"},
                {"reason", "TEXT", "why, for the audit log (no name)"},
                operator_name,
                sync_db,
                {"file-only", "", "the event was published to PostgreSQL, but erase in the event file alone"}},
               0,
               0},
              run_erase},
      Command{{"audit",
               "[--event ID] [--sync-db URL]",
               "List the audit log: retention settings, purges and erasures.",
               "One line each, oldest first: when (UTC), what, by whom, the event, the participant's\n"
               "id and the counts. Never a name. With --sync-db, the PostgreSQL database's log.",
               {event, {"sync-db", "URL", "list the PostgreSQL database's log instead"}},
               0,
               0},
              run_audit},
  };
}

}  // namespace passerelle::hub
