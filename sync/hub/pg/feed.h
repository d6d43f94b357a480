// The change feed's sequence on PostgreSQL: a cursor that never skips a committed row.
//
// The problem. Kiosks page through the hub's changes with `WHERE seq > cursor ORDER BY seq` and
// keep the highest seq they saw as their cursor (docs/sync.md, "Download"). With seq taken from a
// SEQUENCE or BIGSERIAL, numbers are handed out when a transaction asks, but become visible when it
// commits, and the two orders differ:
//   txn A: nextval -> 7                              ... COMMIT
//   txn B:             nextval -> 8, COMMIT
//   reader:                                  reads 8, cursor = 8   ... never looks at 7 again
// Row 7 is skipped for good. Nothing about sequences prevents this; it needs only two writers.
//
// The rule that makes a cursor safe: when a reader sees seq N committed, every seq below N is
// already committed or will never exist. Equivalently: seqs become visible in seq order.
//
// The scheme used here: a one-row counter per feed, bumped inside the writing transaction,
//   INSERT INTO feed_counter (feed_id, seq) VALUES ($1, $2) ON CONFLICT (feed_id)
//     DO UPDATE SET seq = feed_counter.seq + EXCLUDED.seq RETURNING seq
// The UPDATE takes the counter row's lock and holds it until COMMIT or ROLLBACK. A second writer's
// bump waits on that lock; it reads the counter only after the first writer's transaction has
// ended, and PostgreSQL releases row locks only after the commit is visible to new snapshots.
// So writer B's seq is larger than A's only if A was visible before B even got its number: seqs
// become visible in seq order. A rollback also undoes the bump, so committed seqs have no gaps
// either (1, 2, 3, ...), which lets a reader check its own bookkeeping.
// Cost: the writers of one feed serialise on its counter from the bump to COMMIT. Keep that short:
// do the transaction's work first and reserve the seqs last, just before COMMIT; use one feed per
// event so that events do not wait on each other. Under REPEATABLE READ or SERIALIZABLE the waiting
// writer fails with a serialization failure (Errc::busy) instead of waiting: run it in with_retry.
// Readers take no lock: a page query under READ COMMITTED sees a consistent snapshot, and
// feed_head() (the counter's committed value) is the highest seq a page can currently return.
//
// The alternative, not used: let writers take BIGSERIAL numbers freely, stamp each row with
// pg_current_xact_id(), and have readers return only rows below the oldest transaction still in
// progress (pg_snapshot_xmin(pg_current_snapshot())). Writers then run in parallel, but one long
// transaction anywhere in the database holds back every feed, and the bookkeeping is subtler.
// The hub's write rate (check-ins from a few dozen kiosks) does not need that parallelism.
//
// Thread safety: as PgConnection. Failure: as in pq.h; reserve_feed_seqs() outside a transaction
// is a bug (assert), as its lock would end at once.
#pragma once

#include <cstdint>

#include "sync/hub/pg/pq.h"

namespace passerelle::hub::pg {

// The counter table and feed_next_seq(feed), for a migration of the store that uses the feed.
// feed_next_seq() bumps the counter like reserve_feed_seqs(..., 1) and suits a column default,
//   CREATE TABLE hub_feed (seq bigint PRIMARY KEY DEFAULT feed_next_seq(0), ...)
// so that plain INSERTs (and triggers written as for SQLite) draw their seqs safely. The lock is
// then held from the transaction's first feed row to its end.
inline constexpr const char* kFeedCounterSchema = R"sql(
CREATE TABLE feed_counter (
  feed_id bigint PRIMARY KEY,
  seq bigint NOT NULL CHECK (seq >= 0)
);
CREATE FUNCTION feed_next_seq(feed bigint) RETURNS bigint LANGUAGE sql VOLATILE AS $$
  INSERT INTO feed_counter (feed_id, seq) VALUES (feed, 1)
  ON CONFLICT (feed_id) DO UPDATE SET seq = feed_counter.seq + 1
  RETURNING seq
$$;
)sql";

// Consecutive seqs first..last, reserved by one transaction.
struct FeedSeqRange {
  std::int64_t first = 0;
  std::int64_t last = 0;
};

// Reserves `count` (>= 1) consecutive seqs of `feed_id` for rows the open transaction writes, and
// holds the feed's counter lock until the transaction ends. A feed starts at seq 1.
Result<FeedSeqRange> reserve_feed_seqs(PgConnection& connection, std::int64_t feed_id, std::int64_t count = 1);

// The highest committed seq of `feed_id` (0 for a feed never written).
Result<std::int64_t> feed_head(PgConnection& connection, std::int64_t feed_id);

}  // namespace passerelle::hub::pg
