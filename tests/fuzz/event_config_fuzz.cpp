// libFuzzer target: an event's configuration file (TOML) as the hub and the kiosk read it. An
// accepted file must describe a usable event; a refused one must say why.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/config/event_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = passerelle::parse_event_config(text, "fuzz.toml");
  if (!config && (config.error().code != passerelle::Errc::invalid_input || config.error().message.empty()))
    std::abort();
  return 0;
}
