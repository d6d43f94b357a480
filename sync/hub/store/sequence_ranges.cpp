#include "sync/hub/store/sequence_ranges.h"

#include <algorithm>

namespace passerelle::hub {

SequenceSummary summarise_sequences(std::vector<std::int64_t> held) {
  std::sort(held.begin(), held.end());
  held.erase(std::unique(held.begin(), held.end()), held.end());
  SequenceSummary summary;
  std::int64_t expected = 1;
  for (const std::int64_t seq : held) {
    if (seq < 1) continue;
    if (seq > expected) {
      summary.missing.push_back({expected, seq - 1});
      summary.missing_count += seq - expected;
    }
    expected = seq + 1;
  }
  summary.highest = expected - 1;
  summary.contiguous = summary.missing.empty() ? summary.highest : summary.missing.front().first - 1;
  return summary;
}

}  // namespace passerelle::hub
