// `keys`: the event's Ed25519 badge-signing keys.
#include <ostream>

#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"

namespace passerelle::hub {
namespace {

std::string hex_prefix(const badge::PublicKey& key) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < 8; ++i) {
    text += kHex[key[i] >> 4];
    text += kHex[key[i] & 0x0F];
  }
  return text + "…";
}

int run_keys_list(Context& context, const ParsedArgs& args) {
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  auto keys = store.signing_keys(event.id);
  if (!keys) return context.fail(keys.error());
  auto zone = store.event_timezone(event.id);
  if (!zone) return context.fail(zone.error());
  auto& out = *context.out;
  out << "key id      public key          created           state\n";
  for (const auto& key : *keys) {
    std::string id = std::to_string(key.key_id);
    id.resize(std::max<std::size_t>(id.size(), 11), ' ');
    out << id << " " << hex_prefix(key.public_key) << "  " << (*zone)->local_day(key.created_ms) << " "
        << (*zone)->local_time_of_day(key.created_ms) << "  "
        << (key.retired_ms   ? "retired"
            : key.has_secret ? "active"
                             : "active (public key only)")
        << "\n";
  }
  return kExitOk;
}

int run_keys_add(Context& context, const ParsedArgs& args) {
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  const auto key = badge::generate_key_pair();
  if (auto added = store.add_signing_key(event.id, key); !added) return context.fail(added.error());
  *context.out << "added key " << key.key_id << " to event " << event.id
               << "; new badges are signed with it, older badges stay valid until their key is retired\n";
  return kExitOk;
}

int run_keys_retire(Context& context, const ParsedArgs& args) {
  std::uint32_t key_id = 0;
  try {
    const auto value = std::stoull(args.positional().front());
    if (value > UINT32_MAX) throw std::out_of_range("key id");
    key_id = static_cast<std::uint32_t>(value);
  } catch (const std::exception&) {
    return context.fail(make_error(Errc::invalid_input, "KEY_ID is a number, as 'keys list' shows"));
  }
  auto store = context.open_store();
  if (!store) return context.fail(store.error());
  if (auto retired = store->retire_signing_key(key_id); !retired) return context.fail(retired.error());
  *context.out << "retired key " << key_id << ": badges signed with it are refused once kiosks have the change\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> keys_commands() {
  const OptionSpec event{"event", "ID", "the event (needed when the database holds several)"};
  return {
      Command{{"keys list", "[--event ID]", "List the event's badge-signing keys.", "", {event}, 0, 0}, run_keys_list},
      Command{{"keys add",
               "[--event ID]",
               "Add a signing key; new badges use it.",
               "Older keys stay valid, so printed badges keep working: retire them when\n"
               "their badges should no longer be accepted.",
               {event},
               0,
               0},
              run_keys_add},
      Command{{"keys retire",
               "KEY_ID",
               "Retire a key: badges signed with it are refused (\"unknown key\").",
               "The event's last active key cannot be retired; add a new one first.",
               {},
               1,
               1},
              run_keys_retire},
  };
}

}  // namespace passerelle::hub
