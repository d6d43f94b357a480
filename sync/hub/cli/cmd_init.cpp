// `init`: create the database (if needed) and an event in it.
#include <ostream>

#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"

namespace passerelle::hub {
namespace {

int run_init(Context& context, const ParsedArgs& args) {
  if (args.has("event") && args.has("event-config"))
    return context.fail(make_error(Errc::invalid_input, "give --event NAME or --event-config FILE, not both"));

  EventConfig config;
  if (const auto path = args.value("event-config")) {
    auto loaded = load_event_config(*path);
    if (!loaded) return context.fail(loaded.error());
    config = std::move(*loaded);
  } else {
    const std::string zone_name = args.value("timezone").value_or("Europe/Brussels");
    auto zone = TimeZone::create(zone_name);
    if (!zone) return context.fail(zone.error());
    config = default_event_config(args.value("event").value_or("Passerelle event"),
                                  zone->local_day(context.clock->wall_ms()));
    config.timezone = zone_name;
  }

  auto store = context.open_store();
  if (!store) return context.fail(store.error());
  auto event_id = store->create_event(config);
  if (!event_id) return context.fail(event_id.error());

  auto& out = *context.out;
  out << "created event " << *event_id << " '" << config.name << "' (" << config.timezone << ", "
      << config.days.front();
  if (config.days.size() > 1) out << " to " << config.days.back();
  out << ")\ncheckpoints:\n";
  for (const auto& checkpoint : config.checkpoints) {
    out << "  " << checkpoint.name << "  [" << to_string(checkpoint.rule) << "]";
    if (!checkpoint.admits.empty()) {
      out << " admits:";
      for (const auto& tag : checkpoint.admits) out << ' ' << tag;
    }
    out << "\n";
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> init_commands() {
  CommandSpec spec{"init",
                   "[--event NAME [--timezone ZONE] | --event-config FILE]",
                   "Create the database if needed and add an event to it.",
                   "With --event-config, the event, its days and checkpoints come from a TOML file\n"
                   "(docs/event-config.md). Otherwise the event gets one day (today) and a single\n"
                   "'Entrance' checkpoint that admits each participant once per event.",
                   {{"event", "NAME", "name of a simple event (default: 'Passerelle event')"},
                    {"timezone", "ZONE", "IANA time zone for --event (default: Europe/Brussels)"},
                    {"event-config", "FILE", "event description in TOML"}},
                   0,
                   0};
  return {Command{std::move(spec), run_init}};
}

}  // namespace passerelle::hub
