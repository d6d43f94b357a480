// `account add|list|remove|password|events`: organisers' accounts for the hub's web pages
// (docs/LIVE_VIEW.md, "Accounts and sessions"), kept by the HubStore kiosks sync with: the event
// file of --db, or the PostgreSQL database of --sync-db (or of a --db postgresql://... URL).
// Passwords are read from standard input as staff-pin reads the PIN (secret_input.h), never from
// the command line, and kept only as argon2id hashes (core/auth/password.h); no command prints one.
#include <ctime>
#include <ostream>

#include "core/auth/password.h"
#include "core/text/terminal_text.h"
#include "core/util/strings.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/cli/secret_input.h"
#include "sync/hub/store/account_rules.h"
#include "sync/hub/store/open_hub_store.h"

namespace passerelle::hub {
namespace {

// --sync-db when given (a postgresql:// URL), else --db, which may itself be a file or a URL.
Result<std::unique_ptr<HubStore>> open_account_store(const Context& context, const ParsedArgs& args) {
  if (const auto url = args.value("sync-db")) {
    if (!is_postgresql_url(*url)) return make_error(Errc::invalid_input, "--sync-db needs a postgresql:// URL");
    return open_hub_store(*url, *context.clock);
  }
  if (!context.db_path)
    return make_error(Errc::invalid_input, "no database given: pass --db FILE (and --sync-db URL with PostgreSQL)");
  return open_hub_store(*context.db_path, *context.clock);
}

Result<std::vector<std::int64_t>> account_event_options(const ParsedArgs& args, std::string_view command) {
  const auto texts = args.values("event");
  if (texts.empty())
    return make_error(Errc::invalid_input, std::string(command) +
                                               " needs at least one --event ID, the events the "
                                               "account sees");
  std::vector<std::int64_t> ids;
  for (const auto& text : texts) {
    const auto id = parse_integer<std::int64_t>(text);
    if (!id || *id <= 0)
      return make_error(Errc::invalid_input, "--event takes an event id (a positive number), not '" + text + "'");
    ids.push_back(*id);
  }
  return account_event_list(std::move(ids));
}

// Every event must exist before a password is asked for: nobody types one twice to learn then
// that an id was wrong.
Status check_account_events(HubStore& store, const std::vector<std::int64_t>& events) {
  for (const auto id : events) PSL_TRY(store.resolve_event(id));
  return {};
}

std::string account_events_text(const std::vector<std::int64_t>& events) {
  std::string text;
  for (const auto id : events) text += (text.empty() ? "" : ", ") + std::to_string(id);
  return text.empty() ? "none" : text;
}

std::string account_utc_date(std::int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm parts{};
  if (gmtime_r(&seconds, &parts) == nullptr) return std::to_string(unix_ms) + " ms";
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &parts);
  return text;
}

// The new password: typed twice at a terminal, one line from a pipe; checked before it is hashed.
Result<std::string> read_new_password(const Context& context, std::string_view name) {
  const std::string question =
      "password for " + terminal_safe(name) + " (at least " + std::to_string(kMinPasswordChars) + " characters): ";
  const std::string too_long = "a password is at most " + std::to_string(kMaxPasswordBytes) + " bytes";
  PSL_ASSIGN_OR_RETURN(auto password, read_secret_line(*context.err, question, kMaxPasswordBytes, too_long,
                                                       "no password on standard input"));
  PSL_TRY(check_password(password));
  if (standard_input_is_terminal()) {
    PSL_ASSIGN_OR_RETURN(auto again, read_secret_line(*context.err, "again: ", kMaxPasswordBytes, too_long,
                                                      "no password on standard input"));
    if (again != password) return make_error(Errc::invalid_input, "the two passwords differ; nothing changed");
  }
  return password;
}

int run_account_add(Context& context, const ParsedArgs& args) {
  const std::string& name = args.positional().front();
  if (auto key = account_name_key(name); !key) return context.fail(key.error());
  auto events = account_event_options(args, "account add");
  if (!events) return context.fail(events.error());
  auto store = open_account_store(context, args);
  if (!store) return context.fail(store.error());
  if (auto known = check_account_events(**store, *events); !known) return context.fail(known.error());
  auto existing = (*store)->account(name);
  if (!existing) return context.fail(existing.error());
  if (*existing)
    return context.fail(make_error(Errc::conflict, "an account named '" + (*existing)->name + "' exists already"));
  auto password = read_new_password(context, name);
  if (!password) return context.fail(password.error());
  auto hash = hash_password(*password);
  if (!hash) return context.fail(hash.error());
  if (auto added = (*store)->add_account(name, *hash, *events); !added) return context.fail(added.error());
  *context.out << "added account " << terminal_safe(name) << " for event" << (events->size() == 1 ? " " : "s ")
               << account_events_text(*events) << "\n";
  return kExitOk;
}

int run_account_list(Context& context, const ParsedArgs& args) {
  auto store = open_account_store(context, args);
  if (!store) return context.fail(store.error());
  auto accounts = (*store)->accounts();
  if (!accounts) return context.fail(accounts.error());
  auto& out = *context.out;
  if (accounts->empty()) {
    out << "no organiser account yet (see: passerelle-hub account add --help)\n";
    return kExitOk;
  }
  out << "name\tevents\tcreated (UTC)\n";
  for (const auto& account : *accounts)
    out << terminal_safe(account.name) << "\t" << account_events_text(account.events) << "\t"
        << account_utc_date(account.created_ms) << "\n";
  return kExitOk;
}

int run_account_remove(Context& context, const ParsedArgs& args) {
  const std::string& name = args.positional().front();
  auto store = open_account_store(context, args);
  if (!store) return context.fail(store.error());
  if (auto removed = (*store)->remove_account(name); !removed) return context.fail(removed.error());
  *context.out << "removed account " << terminal_safe(name) << "; its sessions are closed\n";
  return kExitOk;
}

int run_account_password(Context& context, const ParsedArgs& args) {
  const std::string& name = args.positional().front();
  auto store = open_account_store(context, args);
  if (!store) return context.fail(store.error());
  auto existing = (*store)->account(name);
  if (!existing) return context.fail(existing.error());
  if (!*existing) return context.fail(no_account_error(name));
  auto password = read_new_password(context, (*existing)->name);
  if (!password) return context.fail(password.error());
  auto hash = hash_password(*password);
  if (!hash) return context.fail(hash.error());
  if (auto set = (*store)->set_account_password(name, *hash, ""); !set) return context.fail(set.error());
  *context.out << "password of " << terminal_safe((*existing)->name) << " changed; its sessions are closed\n";
  return kExitOk;
}

int run_account_events(Context& context, const ParsedArgs& args) {
  const std::string& name = args.positional().front();
  auto events = account_event_options(args, "account events");
  if (!events) return context.fail(events.error());
  auto store = open_account_store(context, args);
  if (!store) return context.fail(store.error());
  if (auto set = (*store)->set_account_events(name, *events); !set) return context.fail(set.error());
  *context.out << "account " << terminal_safe(name) << " now sees event" << (events->size() == 1 ? " " : "s ")
               << account_events_text(*events) << "\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> account_commands() {
  const OptionSpec sync_db{"sync-db", "URL",
                           "the postgresql:// database the hub serves from, which keeps the accounts "
                           "(default: the --db file)"};
  const OptionSpec events{"event", "ID", "an event the account sees (repeat for several)", true};
  return {
      Command{{"account add",
               "NAME --event ID [--event ID ...] [--sync-db URL]",
               "Add an organiser account for the hub's web pages, seeing the events given.",
               "NAME is 1 to 64 characters, unique without regard to case. The password is read from\n"
               "standard input: typed twice, unechoed, at a terminal, or one line from a pipe; never an\n"
               "argument. At least 12 characters; only its argon2id hash is kept.",
               {events, sync_db},
               1,
               1},
              run_account_add},
      Command{{"account list",
               "[--sync-db URL]",
               "List organiser accounts: name, events, created. Never a password or its hash.",
               "",
               {sync_db},
               0,
               0},
              run_account_list},
      Command{{"account remove",
               "NAME [--sync-db URL]",
               "Remove an organiser account; its open sessions end at once.",
               "",
               {sync_db},
               1,
               1},
              run_account_remove},
      Command{{"account password",
               "NAME [--sync-db URL]",
               "Set an account's password, read as 'account add' reads it; its open sessions end.",
               "",
               {sync_db},
               1,
               1},
              run_account_password},
      Command{{"account events",
               "NAME --event ID [--event ID ...] [--sync-db URL]",
               "Set the events an account sees (replacing the list); open sessions see it at once.",
               "",
               {events, sync_db},
               1,
               1},
              run_account_events},
  };
}

}  // namespace passerelle::hub
