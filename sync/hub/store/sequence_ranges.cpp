#include "sync/hub/store/sequence_ranges.h"

#include <algorithm>

namespace passerelle::hub {

// Any int64 is handled, INT64_MAX included: a database may hold seqs stored before the codec
// bounded them (wire.h, kMaxSeq). Nothing computes seq + 1 past the last held value, and the
// missing count never exceeds the highest seq, since it counts values between 1 and it.
SequenceSummary summarise_sequences(std::vector<std::int64_t> held) {
  std::sort(held.begin(), held.end());
  held.erase(std::unique(held.begin(), held.end()), held.end());
  SequenceSummary summary;
  std::int64_t highest = 0;
  for (const std::int64_t seq : held) {
    if (seq < 1) continue;
    // highest < seq, so highest + 1 cannot overflow, nor can seq - highest - 1 (highest >= 0).
    if (seq - highest > 1) {
      summary.missing.push_back({highest + 1, seq - 1});
      summary.missing_count += seq - highest - 1;
    }
    highest = seq;
  }
  summary.highest = highest;
  summary.contiguous = summary.missing.empty() ? highest : summary.missing.front().first - 1;
  return summary;
}

}  // namespace passerelle::hub
