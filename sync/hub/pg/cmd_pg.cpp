// The commands that move an event between its event file and a PostgreSQL hub store: publish and
// pull (sync/hub/pg/pg_publish.h). Compiled into hub_cli; --db names the event file.
#include <ostream>

#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/pg/pg_publish.h"
#include "sync/hub/store/open_hub_store.h"

namespace passerelle::hub {
namespace {

// --db must be the event file (the registry's home); the database is the other side.
Result<std::string> event_file(const Context& context) {
  if (!context.db_path || context.db_path->empty())
    return make_error(Errc::invalid_input, "no event file given: pass --db EVENT.db");
  if (is_postgresql_url(*context.db_path))
    return make_error(Errc::invalid_input,
                      "--db must be the event file here; the PostgreSQL database is given with --to or --from");
  return *context.db_path;
}

Result<std::string> database_url(const ParsedArgs& args, std::string_view option) {
  const auto url = args.value(option);
  if (!url || !is_postgresql_url(*url))
    return make_error(Errc::invalid_input, "--" + std::string(option) + " needs a postgresql:// URL");
  return *url;
}

int run_publish(Context& context, const ParsedArgs& args) {
  auto file = event_file(context);
  if (!file) return context.fail(file.error());
  auto url = database_url(args, "to");
  if (!url) return context.fail(url.error());
  auto event = args.event_id();
  if (!event) return context.fail(event.error());
  auto summary = pg::publish_event(*file, *url, *event, *context.clock);
  if (!summary) return context.fail(summary.error());
  // The URL is not echoed: it may hold a password.
  *context.out << "published event " << summary->event_id << ": "
               << (summary->event_changed ? "event and checkpoints "
                                            "updated, "
                                          : "")
               << summary->participants << " participants, " << summary->keys << " public keys, "
               << summary->revocations << " revocations, " << summary->meetings << " meetings written; "
               << summary->entries_stored << " hub entries stored";
  if (summary->entries_quarantined > 0)
    *context.out << ", " << summary->entries_quarantined << " quarantined (see: passerelle-hub quarantine)";
  *context.out << "; " << summary->feed_rows << " changes for kiosks\n";
  return kExitOk;
}

int run_pull(Context& context, const ParsedArgs& args) {
  auto file = event_file(context);
  if (!file) return context.fail(file.error());
  auto url = database_url(args, "from");
  if (!url) return context.fail(url.error());
  auto event = args.event_id();
  if (!event) return context.fail(event.error());
  auto summary = pg::pull_event(*file, *url, *event, *context.clock);
  if (!summary) return context.fail(summary.error());
  *context.out << "pulled event " << summary->event_id << ": " << summary->stored << " entries stored, "
               << summary->duplicates << " already held";
  if (summary->doubles > 0) *context.out << ", " << summary->doubles << " double check-ins flagged";
  if (summary->refused > 0) *context.out << ", " << summary->refused << " refused by the event file";
  *context.out << "\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> pg_commands() {
  const OptionSpec event{"event", "ID", "the event (needed when the event file holds several)"};
  return {
      Command{{"publish",
               "--to postgresql://... [--event ID]",
               "Copy an event's registry from the event file into a PostgreSQL hub database.",
               "Writes the event, its days and checkpoints, participants, public signing keys,\n"
               "revocations, meetings and the entries made on the file (hub desk check-ins) in one\n"
               "transaction; unchanged rows are left alone, so publishing again changes nothing.\n"
               "Secret signing keys never leave the event file. Run it after every change to the\n"
               "registry (import, badges reissue, keys add) while kiosks sync with PostgreSQL.",
               {{"to", "URL", "the hub's database, postgresql://user@host:port/dbname"}, event},
               0,
               0},
              run_publish},
      Command{{"pull",
               "--from postgresql://... [--event ID]",
               "Copy an event's journal from a PostgreSQL hub database into the event file.",
               "Stores every entry the file lacks, as a kiosk's download would, so that exports,\n"
               "reports and check-in history work on the file. Pulling again stores nothing new.",
               {{"from", "URL", "the hub's database, postgresql://user@host:port/dbname"}, event},
               0,
               0},
              run_pull},
  };
}

}  // namespace passerelle::hub
