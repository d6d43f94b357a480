// The entry rules (sync/protocol/entry_rules.h) against a scripted storage: the order of refusals,
// the second look after a concurrent writer's clash, and double check-in pairing. The same rules
// run on both real storages in tests/hub (HubStoreSuite) and on the kiosk's file in
// sync_store_test.cpp.
#include "sync/protocol/entry_rules.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <set>
#include <string>

namespace passerelle::sync {
namespace {

// An in-memory storage whose inserts can be made to miss, as a concurrent writer's commit would.
class ScriptedRows final : public EntryRows {
 public:
  std::map<std::string, WireEntry> held;
  std::set<std::int64_t> events{1};
  std::map<std::string, std::int64_t> participants{{"P1", 10}};
  std::map<std::string, CheckpointRef> checkpoints{{"entrance", {5, "Entrance", CheckpointRule::once_per_event}},
                                                   {"daily", {6, "Daily", CheckpointRule::once_per_day}},
                                                   {"hall", {7, "Hall", CheckpointRule::in_out}}};
  std::set<std::pair<std::string, std::int64_t>> taken;
  // Entries a "concurrent writer" commits when the next insert runs: the insert then misses.
  std::vector<WireEntry> racing;
  bool always_miss = false;
  int refreshes = 0;
  int locks = 0;
  std::optional<std::string> asked_day;  // a copy: the entry asked about is gone after the call
  std::vector<DoubleCheckin> doubles;

  Result<std::optional<WireEntry>> entry(std::string_view uuid) override {
    const auto found = held.find(std::string(uuid));
    if (found == held.end() || !visible.contains(found->first)) return std::optional<WireEntry>();
    return std::optional<WireEntry>(found->second);
  }
  Result<bool> has_event(std::int64_t event_id) override { return events.contains(event_id); }
  Result<std::optional<std::int64_t>> participant(std::int64_t, std::string_view external_id) override {
    const auto found = participants.find(std::string(external_id));
    if (found == participants.end()) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(found->second);
  }
  Result<std::optional<CheckpointRef>> checkpoint(std::int64_t, std::string_view name) override {
    std::string lower(name);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto found = checkpoints.find(lower);
    if (found == checkpoints.end()) return std::optional<CheckpointRef>();
    return std::optional<CheckpointRef>(found->second);
  }
  Result<bool> sequence_taken(std::string_view device_id, std::int64_t seq) override {
    return taken_visible.contains({std::string(device_id), seq});
  }
  Result<bool> insert(const WireEntry& entry, const EntryRefs& refs) override {
    const auto& checkpoint = refs.checkpoint;
    if (always_miss) return false;
    if (!racing.empty()) {
      for (auto& other : racing) commit(other, false);
      racing.clear();
      return false;
    }
    WireEntry stored = entry;
    if (checkpoint) stored.checkpoint = checkpoint->name;
    commit(stored, true);
    return true;
  }
  Status refresh(const WireEntry&) override {
    ++refreshes;
    visible = all_uuids;
    taken_visible = taken;
    return {};
  }
  Status lock_participant(std::int64_t) override {
    ++locks;
    return {};
  }
  Result<std::optional<PriorCheckin>> earliest_other_checkin(std::int64_t, std::int64_t checkpoint_id,
                                                             std::string_view uuid,
                                                             std::optional<std::string_view> local_day) override {
    asked_day = local_day ? std::optional<std::string>(*local_day) : std::nullopt;
    std::optional<PriorCheckin> best;
    for (const auto& [id, entry] : held) {
      if (id == uuid || !admits_once(entry, CheckpointRule::once_per_event)) continue;
      if (checkpoints_by_name(entry.checkpoint.value_or("")) != checkpoint_id) continue;
      if (local_day && entry.local_day != *local_day) continue;
      if (!best || std::pair(entry.wall_ms, id) < std::pair(best->wall_ms, best->uuid))
        best = PriorCheckin{id, entry.wall_ms};
    }
    return best;
  }
  Status record_double(const DoubleCheckin& pair) override {
    doubles.push_back(pair);
    return {};
  }

  // What this transaction reads: a racing commit shows only after refresh().
  std::set<std::string> visible;
  std::set<std::string> all_uuids;
  std::set<std::pair<std::string, std::int64_t>> taken_visible;

 private:
  void commit(const WireEntry& entry, bool seen) {
    held.insert_or_assign(entry.uuid, entry);
    all_uuids.insert(entry.uuid);
    taken.insert({entry.device, entry.seq});
    if (seen) {
      visible.insert(entry.uuid);
      taken_visible.insert({entry.device, entry.seq});
    }
  }
  std::int64_t checkpoints_by_name(const std::string& name) const {
    for (const auto& [key, checkpoint] : checkpoints)
      if (checkpoint.name == name) return checkpoint.id;
    return 0;
  }
};

WireEntry checkin(std::string uuid, std::string device, std::int64_t seq, std::int64_t wall_ms,
                  std::string checkpoint = "Entrance", std::string day = "2026-06-01") {
  WireEntry entry;
  entry.uuid = std::move(uuid);
  entry.device = std::move(device);
  entry.seq = seq;
  entry.event = 1;
  entry.participant = "P1";
  entry.checkpoint = std::move(checkpoint);
  entry.wall_ms = wall_ms;
  entry.local_day = std::move(day);
  return entry;
}

ForeignEntryStatus status_of(EntryRows& rows, const WireEntry& entry) {
  auto result = store_foreign_entry(rows, entry, 0);
  EXPECT_TRUE(result) << result.error().message;
  return result ? result->status : ForeignEntryStatus::stored;
}

TEST(EntryRules, RefusalsAreDecidedInTheDocumentedOrder) {
  ScriptedRows rows;
  auto entry = checkin("u1", "A", 1, 100);
  EXPECT_EQ(status_of(rows, entry), ForeignEntryStatus::stored);
  EXPECT_EQ(status_of(rows, entry), ForeignEntryStatus::duplicate);
  auto changed = entry;
  changed.event = 99;  // held UUIDs are answered before anything else is looked at
  changed.code = "other";
  EXPECT_EQ(status_of(rows, changed), ForeignEntryStatus::uuid_conflict);

  auto stranger = checkin("u2", "A", 1, 100);
  stranger.event = 99;
  stranger.participant = "nobody";
  EXPECT_EQ(status_of(rows, stranger), ForeignEntryStatus::unknown_event);
  stranger.event = 1;
  stranger.checkpoint = "Nowhere";
  EXPECT_EQ(status_of(rows, stranger), ForeignEntryStatus::unknown_participant);
  stranger.participant = "P1";
  EXPECT_EQ(status_of(rows, stranger), ForeignEntryStatus::unknown_checkpoint);
  stranger.checkpoint = "ENTRANCE";  // names match without ASCII case
  EXPECT_EQ(status_of(rows, stranger), ForeignEntryStatus::sequence_conflict);
}

TEST(EntryRules, AClashCommittedByAConcurrentWriterIsLookedAtAgainAndNamed) {
  ScriptedRows rows;
  // Another upload commits the same (device, seq) with another UUID while this one inserts.
  rows.racing.push_back(checkin("clone", "A", 1, 90));
  EXPECT_EQ(status_of(rows, checkin("mine", "A", 1, 100)), ForeignEntryStatus::sequence_conflict);
  EXPECT_EQ(rows.refreshes, 1);
  // The same entry, committed by a retry of the same batch racing the original: a duplicate.
  rows.racing.push_back(checkin("again", "B", 1, 100));
  EXPECT_EQ(status_of(rows, checkin("again", "B", 1, 100)), ForeignEntryStatus::duplicate);
}

TEST(EntryRules, AnInsertThatMissesTwiceIsAnErrorNotASilentLoss) {
  ScriptedRows rows;
  rows.always_miss = true;  // a storage whose insert stores nothing, and whose second look finds nothing
  auto result = store_foreign_entry(rows, checkin("y", "A", 1, 1), 0);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::database);
  EXPECT_EQ(rows.refreshes, 1);
}

TEST(EntryRules, ASecondCheckinThatTheRuleAdmitsOnceIsPairedWithTheEarliest) {
  ScriptedRows rows;
  EXPECT_EQ(status_of(rows, checkin("late", "A", 1, 200)), ForeignEntryStatus::stored);
  EXPECT_TRUE(rows.doubles.empty());
  auto early = store_foreign_entry(rows, checkin("early", "B", 1, 100), 7);
  ASSERT_TRUE(early);
  EXPECT_EQ(early->doubles, "late");
  ASSERT_EQ(rows.doubles.size(), 1u);
  EXPECT_EQ(rows.doubles[0].first_uuid, "early");  // by wall time, whichever arrived first
  EXPECT_EQ(rows.doubles[0].second_uuid, "late");
  EXPECT_EQ(rows.doubles[0].detected_ms, 7);
  EXPECT_EQ(rows.locks, 2);
  EXPECT_FALSE(rows.asked_day);  // once per event: any day
}

TEST(EntryRules, OncePerDayLooksAtTheEntrysDayAndInOutNeverPairs) {
  ScriptedRows rows;
  EXPECT_EQ(status_of(rows, checkin("d1", "A", 1, 100, "Daily", "2026-06-01")), ForeignEntryStatus::stored);
  auto next_day = store_foreign_entry(rows, checkin("d2", "B", 1, 200, "Daily", "2026-06-02"), 0);
  ASSERT_TRUE(next_day);
  EXPECT_EQ(rows.asked_day, "2026-06-02");
  EXPECT_FALSE(next_day->doubles);

  const int locks = rows.locks;
  EXPECT_EQ(status_of(rows, checkin("h1", "A", 2, 100, "Hall")), ForeignEntryStatus::stored);
  EXPECT_EQ(status_of(rows, checkin("h2", "B", 2, 200, "Hall")), ForeignEntryStatus::stored);
  EXPECT_EQ(rows.locks, locks) << "in/out entries are never looked at as doubles";
}

TEST(EntryRules, AnEntryOfferedAgainIsTheSameWhateverTheCaseOfItsCheckpoint) {
  const auto held = checkin("u", "A", 1, 1, "Salle Lumière");
  auto offered = held;
  offered.checkpoint = "SALLE LUMIèRE";  // ASCII letters only: the è stays as it is
  EXPECT_TRUE(same_entry(held, offered));
  offered.checkpoint = "SALLE LUMIÈRE";
  EXPECT_FALSE(same_entry(held, offered));
  offered.checkpoint.reset();
  EXPECT_FALSE(same_entry(held, offered));
  offered = held;
  offered.code = "other";
  EXPECT_FALSE(same_entry(held, offered));

  ScriptedRows rows;
  EXPECT_EQ(status_of(rows, checkin("e", "A", 1, 1, "entrance")), ForeignEntryStatus::stored);
  EXPECT_EQ(status_of(rows, checkin("e", "A", 1, 1, "ENTRANCE")), ForeignEntryStatus::duplicate);
}

TEST(EntryRules, OnlyAcceptedCheckinsCountOnce) {
  auto entry = checkin("u", "A", 1, 1);
  EXPECT_TRUE(admits_once(entry, CheckpointRule::once_per_event));
  EXPECT_TRUE(admits_once(entry, CheckpointRule::once_per_day));
  EXPECT_FALSE(admits_once(entry, CheckpointRule::in_out));
  entry.kind = EntryKind::manual_checkin;
  EXPECT_TRUE(admits_once(entry, CheckpointRule::once_per_event));
  entry.outcome = Outcome::already_checked_in;
  EXPECT_FALSE(admits_once(entry, CheckpointRule::once_per_event));
  entry.outcome = Outcome::accepted;
  entry.kind = EntryKind::checkout;
  EXPECT_FALSE(admits_once(entry, CheckpointRule::once_per_event));
}

}  // namespace
}  // namespace passerelle::sync
