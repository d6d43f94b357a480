// libFuzzer target: the kiosk's configuration file (TOML) applied over the defaults, as
// passerelle-kiosk --config reads it. A refusal must say why.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/app/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  passerelle::kiosk::KioskConfig config;
  auto applied = passerelle::kiosk::apply_config_text(text, "fuzz.toml", config);
  if (!applied && applied.error().message.empty()) std::abort();
  return 0;
}
