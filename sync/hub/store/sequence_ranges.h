// What a set of held sequence numbers says about one device id: the highest contiguous from 1,
// the highest, and the gaps between. Shared by every HubStore backend. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "sync/protocol/wire.h"

namespace passerelle::hub {

struct SequenceSummary {
  std::int64_t contiguous = 0;  // every seq 1..contiguous is held
  std::int64_t highest = 0;
  std::vector<sync::SequenceRange> missing;  // ascending, between contiguous and highest
  std::int64_t missing_count = 0;
};

// `held` in any order, duplicates allowed; values below 1 are ignored. Any value up to INT64_MAX
// is summarised without overflow, as a database may hold seqs from before sync::kMaxSeq.
SequenceSummary summarise_sequences(std::vector<std::int64_t> held);

}  // namespace passerelle::hub
