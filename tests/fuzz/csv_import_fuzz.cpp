// libFuzzer target: participant import planning on arbitrary file bytes, under each preset, checking
// the promises of core/import/participant_mapping.h.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

#include "core/import/participant_mapping.h"

namespace passerelle::import {
namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

void check_plan(std::string_view bytes, Preset preset) {
  PlanOptions options;
  options.preset = preset;
  auto plan = plan_import(bytes, options);
  if (!plan) {
    require(plan.error().code == Errc::invalid_input && !plan.error().message.empty());
    return;
  }
  std::set<std::size_t> lines_seen;  // each row appears at most once, as a record or as an error
  for (const MappedRow& row : plan->rows) {
    require(!row.record.external_id.empty());
    require(row.line >= 1);
    require(lines_seen.insert(row.line).second);
  }
  for (const RowError& error : plan->errors) {
    require(error.line >= 1);
    require(!error.reason.empty());
    require(lines_seen.insert(error.line).second);
  }
}

}  // namespace
}  // namespace passerelle::import

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  using passerelle::import::Preset;
  for (const auto preset : {Preset::automatic, Preset::eventbrite, Preset::pretix}) {
    passerelle::import::check_plan(bytes, preset);
  }
  return 0;
}
