// core/export/attendance_export.h: what the attendance CSV holds (issue #14): at an event of
// several days, a door that admits again each day has a column per day, so day 2 is not lost
// behind day 1; people by name in the event's language.
#include "core/export/attendance_export.h"

#include <gtest/gtest.h>

#include "core/csv/csv.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

constexpr std::int64_t kDay1Ms = 1796684400000;  // 2026-12-08 00:00 in Brussels
constexpr std::int64_t kHourMs = 3'600'000;

class AttendanceExport : public ::testing::Test {
 protected:
  // An event of `days` with a once-per-day entrance, an in/out terrace and a once-per-event
  // workshop; participants P1 Dubois, P2 Dąbrowska, P3 Ågesen.
  void open_event(std::vector<std::string> days) {
    auto opened = Store::open(dir_.file("a.db"), clock_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<Store>(std::move(*opened));
    EventConfig config;
    config.name = "Forum";
    config.timezone = "Europe/Brussels";
    config.days = std::move(days);
    config.checkpoints = {{"Entrance", CheckpointRule::once_per_day, {}},
                          {"Terrace", CheckpointRule::in_out, {}},
                          {"Workshop", CheckpointRule::once_per_event, {}}};
    event_ = *store_->create_event(config);
    for (const auto& checkpoint : *store_->checkpoints(event_)) checkpoints_[checkpoint.name] = checkpoint.id;
    for (const auto& [id, first, last] : {std::tuple{"P1", "Loïc", "Dubois"}, std::tuple{"P2", "Ewa", "Dąbrowska"},
                                          std::tuple{"P3", "Per", "Ågesen"}}) {
      ParticipantRecord record;
      record.external_id = id;
      record.first_name = first;
      record.last_name = last;
      auto transaction = db::Transaction::begin(store_->database());
      ASSERT_TRUE(store_->upsert_participant_in_transaction(event_, record));
      ASSERT_TRUE(transaction->commit());
    }
  }

  // An accepted check-in as a door journals it: at `wall_ms`, counted on `day`.
  void checkin(const std::string& external_id, const std::string& checkpoint, std::int64_t wall_ms,
               const std::string& day) {
    const auto person = *store_->find_by_external_id(event_, external_id);
    ASSERT_TRUE(person);
    auto transaction = db::Transaction::begin(store_->database());
    JournalEntry entry;
    entry.event_id = event_;
    entry.kind = EntryKind::checkin;
    entry.outcome = Outcome::accepted;
    entry.participant_id = person->id;
    entry.checkpoint_id = checkpoints_.at(checkpoint);
    entry.wall_ms = wall_ms;
    entry.local_day = day;
    ASSERT_TRUE(store_->append_in_transaction(entry));
    ASSERT_TRUE(transaction->commit());
  }

  csv::Table exported() {
    const auto path = dir_.file("attendance.csv");
    auto written = export_attendance_csv(*store_, event_, path);
    EXPECT_TRUE(written) << written.error().message;
    auto table = csv::parse(testing::read_file(path));
    EXPECT_TRUE(table) << table.error().message;
    return table ? *table : csv::Table{};
  }

  testing::TempDir dir_;
  ManualClock clock_{kDay1Ms};
  std::unique_ptr<Store> store_;
  std::int64_t event_ = 0;
  std::map<std::string, std::int64_t> checkpoints_;
};

TEST_F(AttendanceExport, DayTwoAtAOncePerDayDoorHasItsOwnColumn) {
  open_event({"2026-12-08", "2026-12-09"});
  checkin("P1", "Entrance", kDay1Ms + 9 * kHourMs, "2026-12-08");
  checkin("P1", "Entrance", kDay1Ms + 24 * kHourMs + 9 * kHourMs + kHourMs / 2, "2026-12-09");
  checkin("P2", "Entrance", kDay1Ms + 24 * kHourMs + 10 * kHourMs, "2026-12-09");
  checkin("P2", "Terrace", kDay1Ms + 12 * kHourMs, "2026-12-08");
  checkin("P1", "Workshop", kDay1Ms + 24 * kHourMs + 14 * kHourMs, "2026-12-09");

  const auto table = exported();
  EXPECT_EQ(table.header, (std::vector<std::string>{"external_id", "first_name", "last_name", "organisation", "country",
                                                    "status", "Entrance 2026-12-08", "Entrance 2026-12-09",
                                                    "Terrace 2026-12-08", "Terrace 2026-12-09", "Workshop"}));
  ASSERT_EQ(table.rows.size(), 3u);
  // Ågesen, Dąbrowska, Dubois: by name, not in byte order.
  EXPECT_EQ(table.rows[0].fields,
            (std::vector<std::string>{"P3", "Per", "Ågesen", "", "", "registered", "", "", "", "", ""}));
  EXPECT_EQ(table.rows[1].fields, (std::vector<std::string>{"P2", "Ewa", "Dąbrowska", "", "", "registered", "",
                                                            "2026-12-09 10:00", "2026-12-08 12:00", "", ""}));
  EXPECT_EQ(table.rows[2].fields,
            (std::vector<std::string>{"P1", "Loïc", "Dubois", "", "", "registered", "2026-12-08 09:00",
                                      "2026-12-09 09:30", "", "", "2026-12-09 14:00"}));
}

TEST_F(AttendanceExport, EachDaysColumnHoldsThatDaysFirstCheckin) {
  open_event({"2026-12-08", "2026-12-09"});
  // Two in/out entries on day 2 (the terrace lets people out and in again): the earlier counts.
  checkin("P3", "Terrace", kDay1Ms + 24 * kHourMs + 16 * kHourMs, "2026-12-09");
  checkin("P3", "Terrace", kDay1Ms + 24 * kHourMs + 11 * kHourMs, "2026-12-09");
  const auto table = exported();
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[0].fields[8], "");
  EXPECT_EQ(table.rows[0].fields[9], "2026-12-09 11:00");
}

TEST_F(AttendanceExport, AOneDayEventKeepsOneColumnPerCheckpoint) {
  open_event({"2026-12-08"});
  checkin("P1", "Entrance", kDay1Ms + 9 * kHourMs, "2026-12-08");
  const auto table = exported();
  EXPECT_EQ(table.header, (std::vector<std::string>{"external_id", "first_name", "last_name", "organisation", "country",
                                                    "status", "Entrance", "Terrace", "Workshop"}));
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[2].fields[6], "2026-12-08 09:00");
}

}  // namespace
}  // namespace passerelle
