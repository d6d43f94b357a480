#include "sync/hub/pg/feed.h"

#include <cassert>

namespace passerelle::hub::pg {

Result<FeedSeqRange> reserve_feed_seqs(PgConnection& connection, std::int64_t feed_id, std::int64_t count) {
  assert(count >= 1);
  assert(connection.in_transaction() && "reserve_feed_seqs() outside a transaction releases its lock at once");
  PSL_ASSIGN_OR_RETURN(const auto result, connection.query(R"sql(
INSERT INTO feed_counter (feed_id, seq) VALUES ($1, $2)
ON CONFLICT (feed_id) DO UPDATE SET seq = feed_counter.seq + EXCLUDED.seq
RETURNING seq)sql",
                                                           feed_id, count));
  const std::int64_t last = result.int64(0, 0);
  return FeedSeqRange{last - count + 1, last};
}

Result<std::int64_t> feed_head(PgConnection& connection, std::int64_t feed_id) {
  PSL_ASSIGN_OR_RETURN(const auto result, connection.query("SELECT seq FROM feed_counter WHERE feed_id = $1", feed_id));
  return result.rows() == 0 ? 0 : result.int64(0, 0);
}

}  // namespace passerelle::hub::pg
