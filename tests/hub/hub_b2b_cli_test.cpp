// The event's B2B meetings through the real binary (issue #12): the demo event's requests
// imported and scheduled, a walk-in placed around the published meetings, a re-import that
// changes only what changed, and bad request files refused whole with their line and column.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>

#include "core/db/sqlite.h"
#include "core/util/uuid.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "tests/integration/hub_runner.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

class HubB2bCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("hub.db").string();
    const auto demo = copy_demo_hub(db_);
    ASSERT_EQ(demo.status, 0) << demo.output;
    requests_ = read_file(demo_asset("meetings.csv"));
  }

  testing::Run import(const std::string& csv) {
    write_file(dir_.file("meetings.csv"), csv);
    return hub({"--db", db_, "import", "meetings", dir_.file("meetings.csv").string()});
  }

  testing::Run schedule(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> arguments{"--db", db_, "schedule"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return hub(arguments);
  }

  // Every meeting row as "request slot table status".
  std::set<std::string> meetings() {
    auto database = db::Database::open(db_);
    EXPECT_TRUE(database);
    auto select = database->query("SELECT request_id, slot_start_ms, table_label, status FROM meeting");
    EXPECT_TRUE(select);
    std::set<std::string> rows;
    while (*select->step())
      rows.insert(std::to_string(select->column_int(0)) + " " + std::to_string(select->column_int(1)) + " " +
                  select->column_text(2) + " " + select->column_text(3));
    return rows;
  }

  std::int64_t count(const std::string& sql) {
    auto database = db::Database::open(db_);
    auto select = database->query(sql);
    EXPECT_TRUE(select);
    EXPECT_TRUE(*select->step());
    return select->column_int(0);
  }

  TempDir dir_;
  std::string db_;
  std::string requests_;
};

TEST_F(HubB2bCli, TheDemoEventIsScheduledFromItsRequests) {
  const auto imported = import(requests_);
  ASSERT_EQ(imported.status, 0) << imported.output;
  EXPECT_NE(imported.output.find("420 added"), std::string::npos) << imported.output;
  const auto first = schedule();
  ASSERT_EQ(first.status, 0) << first.output;
  EXPECT_NE(first.output.find("meetings placed: 420 of 420"), std::string::npos) << first.output;
  EXPECT_EQ(count("SELECT count(*) FROM meeting WHERE status = 'scheduled'"), 420);
  // Nobody in two meetings of one slot, no table used twice in a slot, at most 40 meetings a slot.
  EXPECT_EQ(count("SELECT count(*) FROM (SELECT p, s FROM (SELECT participant_a AS p, slot_start_ms AS s FROM "
                  "meeting UNION ALL SELECT participant_b, slot_start_ms FROM meeting) GROUP BY p, s "
                  "HAVING count(*) > 1)"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM (SELECT 1 FROM meeting GROUP BY slot_start_ms, table_label "
                  "HAVING count(*) > 1)"),
            0);
  EXPECT_LE(count("SELECT max(n) FROM (SELECT count(*) AS n FROM meeting GROUP BY slot_start_ms)"), 40);
  EXPECT_EQ(count("SELECT count(DISTINCT slot_start_ms) FROM meeting"), 14);
  // 10:00 in Maastricht on the session's day is the first slot.
  EXPECT_EQ(count("SELECT min(slot_start_ms) FROM meeting"), 1796720400000);

  const auto before = meetings();
  const auto again = schedule();
  ASSERT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("0 meeting rows written; agendas changed for 0 participants"), std::string::npos)
      << again.output;
  EXPECT_EQ(meetings(), before);
}

TEST_F(HubB2bCli, AWalkInIsPlacedAroundThePublishedMeetings) {
  ASSERT_EQ(import(requests_).status, 0);
  ASSERT_EQ(schedule().status, 0);
  const auto published = meetings();
  // Two participants of the demo who had asked for no meeting together.
  const auto walk_in = import(requests_ + "EIF26-0001,EIF26-0002,any\n");
  ASSERT_EQ(walk_in.status, 0) << walk_in.output;
  EXPECT_NE(walk_in.output.find("1 added"), std::string::npos) << walk_in.output;
  const auto placed = schedule();
  ASSERT_EQ(placed.status, 0) << placed.output;
  EXPECT_NE(placed.output.find("1 meeting rows written; agendas changed for 2 participants"), std::string::npos)
      << placed.output;
  const auto after = meetings();
  for (const auto& row : published) EXPECT_EQ(after.count(row), 1u) << "moved: " << row;
  EXPECT_EQ(after.size(), published.size() + 1);
}

TEST_F(HubB2bCli, AnAbsentParticipantsMorningMeetingsMoveAndNoOtherMeetingDoes) {
  ASSERT_EQ(import(requests_).status, 0);
  ASSERT_EQ(schedule().status, 0);
  // The participant with the most morning meetings (before 12:00 in Maastricht: 11:00 UTC).
  constexpr std::int64_t kNoonMs = 1796727600000;
  auto database = db::Database::open(db_);
  std::int64_t absent_id = 0;
  std::string absent;
  {
    // Finished before the hub writes: a statement left open would keep this connection's snapshot.
    auto busiest = database->query(
        "SELECT p.id, p.external_id FROM participant p JOIN meeting m ON p.id IN (m.participant_a, m.participant_b) "
        "WHERE m.slot_start_ms < ? GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1");
    busiest->bind_all(kNoonMs);
    ASSERT_TRUE(*busiest->step());
    absent_id = busiest->column_int(0);
    absent = busiest->column_text(1);
  }
  const auto others = [&] {
    std::set<std::string> rows;
    auto select = database->query(
        "SELECT id, slot_start_ms, table_label, status FROM meeting "
        "WHERE ? NOT IN (participant_a, participant_b)");
    select->bind_all(absent_id);
    while (*select->step())
      rows.insert(std::to_string(select->column_int(0)) + " " + std::to_string(select->column_int(1)) + " " +
                  select->column_text(2) + " " + select->column_text(3));
    return rows;
  };
  const auto before = others();

  const auto moved = schedule({"--absent", absent, "--until", "12:00"});
  EXPECT_TRUE(moved.status == 0 || moved.status == 20) << moved.output;
  EXPECT_NE(moved.output.find("agendas changed for"), std::string::npos) << moved.output;
  EXPECT_EQ(others(), before) << "only the absent participant's meetings move, and none is dropped";
  auto morning = database->query(
      "SELECT count(*) FROM meeting WHERE ? IN (participant_a, participant_b) "
      "AND slot_start_ms < ? AND status <> 'cancelled'");
  morning->bind_all(absent_id, kNoonMs);
  ASSERT_TRUE(*morning->step());
  EXPECT_EQ(morning->column_int(0), 0) << moved.output;

  EXPECT_EQ(schedule({"--absent", "NOBODY"}).status, 4);
  EXPECT_EQ(schedule({"--absent", absent, "--until", "noon"}).status, 3);
}

TEST_F(HubB2bCli, UnavailableSlotsKeepAParticipantsMeetingsOutOfThem) {
  ASSERT_EQ(import(requests_).status, 0);
  write_file(dir_.file("away.csv"), "participant,from,until\nEIF26-0018,10:00,12:00\n");
  const auto imported = hub({"--db", db_, "import", "unavailable", dir_.file("away.csv").string()});
  ASSERT_EQ(imported.status, 0) << imported.output;
  EXPECT_NE(imported.output.find("unavailable slots: 5 held"), std::string::npos) << imported.output;
  const auto run = schedule();
  EXPECT_TRUE(run.status == 0 || run.status == 20) << run.output;
  EXPECT_EQ(count("SELECT count(*) FROM meeting m JOIN participant p ON p.id IN (m.participant_a, m.participant_b) "
                  "WHERE p.external_id = 'EIF26-0018' AND m.slot_start_ms < 1796727600000 AND m.status <> 'cancelled'"),
            0);

  write_file(dir_.file("bad.csv"), "participant,slot\nEIF26-0018,3\nEIF26-0018,15\n");
  const auto bad = hub({"--db", db_, "import", "unavailable", dir_.file("bad.csv").string()});
  EXPECT_EQ(bad.status, 3) << bad.output;
  EXPECT_NE(bad.output.find("line 3, column 'slot': '15' is not a slot from 1 to 14"), std::string::npos) << bad.output;
  EXPECT_EQ(count("SELECT count(*) FROM b2b_unavailable"), 5) << "a bad file changes nothing";
}

TEST_F(HubB2bCli, ARequestGoneFromTheFileCancelsItsMeetingAndNothingElse) {
  ASSERT_EQ(import(requests_).status, 0);
  ASSERT_EQ(schedule().status, 0);
  // The file without its first request.
  const auto header_end = requests_.find('\n');
  const auto first_end = requests_.find('\n', header_end + 1);
  const auto shorter = requests_.substr(0, header_end + 1) + requests_.substr(first_end + 1);
  const auto again = import(shorter);
  ASSERT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("0 added, 0 changed, 1 removed"), std::string::npos) << again.output;
  EXPECT_EQ(count("SELECT count(*) FROM meeting WHERE status = 'cancelled'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM meeting WHERE status = 'scheduled'"), 419);
}

TEST_F(HubB2bCli, ABadRequestFileIsRefusedWholeNamingLineAndColumn) {
  struct Bad {
    std::string csv;
    std::string expected;
  };
  const Bad cases[] = {
      {"a,b\nEIF26-0001,EIF26-0002\nEIF26-0001,NOBODY\n", "line 3, column 'b': no participant 'NOBODY'"},
      {"a,b\nEIF26-0001,EIF26-0001\n", "line 2, column 'b': a participant cannot meet themselves"},
      {"a,b\nEIF26-0001,EIF26-0002\nEIF26-0002,EIF26-0001\n", "line 3, column 'b': these two are already asked"},
      {"a,b,window\nEIF26-0001,EIF26-0002,evening\n", "line 2, column 'window': 'evening' is not any"},
      {"who,whom\nEIF26-0001,EIF26-0002\n", "line 1: the header needs"},
  };
  for (const auto& bad : cases) {
    const auto run = import(bad.csv);
    EXPECT_EQ(run.status, 3) << bad.csv << run.output;
    EXPECT_NE(run.output.find(bad.expected), std::string::npos) << run.output;
    EXPECT_EQ(count("SELECT count(*) FROM meeting_request"), 0) << "nothing stored for " << bad.csv;
  }
}

TEST_F(HubB2bCli, AllBadRowsOfAFileAreListedAndNothingIsStored) {
  const auto run = import(
      "Host;Guest;Half day\nEIF26-0001;NOBODY;any\nEIF26-0002;EIF26-0003;any\n"
      "EIF26-0004;EIF26-0004;any\nEIF26-0005;EIF26-0006;tea time\n");
  EXPECT_EQ(run.status, 3) << run.output;
  EXPECT_NE(run.output.find("line 2, column 'Guest': no participant 'NOBODY'"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("line 4, column 'Guest': a participant cannot meet themselves"), std::string::npos);
  EXPECT_NE(run.output.find("line 5, column 'Half day': 'tea time'"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("3 rows have errors; nothing was imported"), std::string::npos) << run.output;
  EXPECT_EQ(count("SELECT count(*) FROM meeting_request"), 0);
}

// A platform's schedule: read, stored as requests with their meetings, kept by `schedule`.
TEST_F(HubB2bCli, APlatformsScheduleIsImportedKeptByScheduleAndReimportedIdempotently) {
  const std::string platform =
      "Host e-mail;Guest;Date;Start time;End time;Table\n"
      "henrik.moller@syddansk-vind.example;EIF26-0002;08.12.2026;10:00;10:15;Table 3\n"
      "EIF26-0003;EIF26-0004;2026-12-08;10:25;;T4\n"
      "EIF26-0001;EIF26-0005;2026-12-08;10:25;10:45;Hall Geul, table 25\n";
  write_file(dir_.file("platform.csv"), platform);
  const auto imported = hub({"--db", db_, "import", "schedule", dir_.file("platform.csv").string()});
  ASSERT_EQ(imported.status, 0) << imported.output;
  EXPECT_NE(imported.output.find("schedule: 3 meetings"), std::string::npos) << imported.output;
  // 10:00 in Amsterdam on 8 December is 09:00 UTC.
  EXPECT_EQ(count("SELECT count(*) FROM meeting WHERE origin = 'imported' AND status = 'scheduled'"), 3);
  EXPECT_EQ(count("SELECT slot_end_ms - slot_start_ms FROM meeting WHERE table_label = 'Hall Maas, table 3'"),
            15 * 60'000);
  EXPECT_EQ(count("SELECT count(*) FROM meeting WHERE table_label = 'Hall Geul, table 25'"), 1);
  const auto before = meetings();

  const auto again = hub({"--db", db_, "import", "schedule", dir_.file("platform.csv").string()});
  ASSERT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("0 meeting rows written"), std::string::npos) << again.output;
  EXPECT_EQ(meetings(), before);

  // A walk-in request added beside them: the scheduler places it and moves none of the three.
  write_file(dir_.file("walk-in.csv"),
             "a,b\nEIF26-0001,EIF26-0002\nEIF26-0003,EIF26-0004\n"
             "EIF26-0001,EIF26-0005\nEIF26-0001,EIF26-0003\n");
  ASSERT_EQ(hub({"--db", db_, "import", "meetings", dir_.file("walk-in.csv").string()}).status, 0);
  const auto run = schedule();
  ASSERT_EQ(run.status, 0) << run.output;
  auto after = meetings();
  for (const auto& row : before) EXPECT_EQ(after.erase(row), 1u) << row << " moved";
  EXPECT_EQ(after.size(), 1u);
  EXPECT_EQ(count("SELECT slot_end_ms - slot_start_ms FROM meeting WHERE table_label = 'Hall Maas, table 3'"),
            15 * 60'000)
      << "an imported meeting keeps its own end";

  // The platform's next export without one meeting: that meeting is cancelled, nothing else moves.
  write_file(dir_.file("platform.csv"), platform.substr(0, platform.rfind("EIF26-0001;EIF26-0005")));
  const auto fewer = hub({"--db", db_, "import", "schedule", dir_.file("platform.csv").string()});
  ASSERT_EQ(fewer.status, 0) << fewer.output;
  EXPECT_EQ(count("SELECT count(*) FROM meeting WHERE status = 'cancelled'"), 2);  // the walk-in's pair went too
  EXPECT_EQ(count("SELECT count(*) FROM meeting WHERE status = 'scheduled'"), 2);
}

TEST_F(HubB2bCli, ABadScheduleIsRefusedWholeAndAMappingFileReadsAnyLayout) {
  write_file(dir_.file("bad.csv"),
             "a,b,start,table\nEIF26-0001,EIF26-0002,10:00,1\n"
             "EIF26-0001,EIF26-0003,10:00,2\nEIF26-0004,EIF26-0005,10:10,3\n");
  const auto bad = hub({"--db", db_, "import", "schedule", dir_.file("bad.csv").string()});
  EXPECT_EQ(bad.status, 3) << bad.output;
  EXPECT_NE(bad.output.find("line 3, column 'a': Henrik"), std::string::npos) << bad.output;
  EXPECT_NE(bad.output.find("line 4, column 'start': 10:10 is not the start of a slot"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM meeting"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM meeting_request"), 0);

  write_file(dir_.file("odd.csv"), "Wer|Mit wem|Wann|Wo\nEIF26-0001|EIF26-0002|08/12/2026 10:00|7\n");
  write_file(dir_.file("odd.toml"),
             "date_order = \"day-first\"\n[columns]\na = \"Wer\"\nb = \"Mit wem\"\n"
             "start = \"Wann\"\nlocation = \"Wo\"\n");
  // '|' is not a delimiter the reader detects: the header is one column, and the mapping says so.
  const auto unread = hub(
      {"--db", db_, "import", "schedule", dir_.file("odd.csv").string(), "--mapping", dir_.file("odd.toml").string()});
  EXPECT_EQ(unread.status, 3) << unread.output;
  EXPECT_NE(unread.output.find("a column 'Wer' that this file does not have"), std::string::npos) << unread.output;

  write_file(dir_.file("odd.csv"), "Wer;Mit wem;Wann;Wo\nEIF26-0001;EIF26-0002;08/12/2026 10:00;7\n");
  const auto mapped = hub(
      {"--db", db_, "import", "schedule", dir_.file("odd.csv").string(), "--mapping", dir_.file("odd.toml").string()});
  ASSERT_EQ(mapped.status, 0) << mapped.output;
  EXPECT_EQ(count("SELECT count(*) FROM meeting WHERE table_label = 'Hall Maas, table 7'"), 1);

  write_file(dir_.file("odd.toml"), "[columns]\nwindow = \"Wann\"\n");
  const auto wrong = hub(
      {"--db", db_, "import", "schedule", dir_.file("odd.csv").string(), "--mapping", dir_.file("odd.toml").string()});
  EXPECT_EQ(wrong.status, 3) << wrong.output;
  EXPECT_NE(wrong.output.find("odd.toml:2: [columns] 'window' is not a field of a schedule file"), std::string::npos)
      << wrong.output;
  const auto preset = hub({"--db", db_, "import", "schedule", dir_.file("odd.csv").string(), "--preset", "b2m"});
  EXPECT_EQ(preset.status, 3) << preset.output;
  EXPECT_NE(preset.output.find("unknown preset 'b2m'"), std::string::npos) << preset.output;
}

TEST_F(HubB2bCli, AScheduleFileOverSixteenMebibytesIsRefusedUnread) {
  write_file(dir_.file("huge.csv"), "a,b,start\n" + std::string(16u << 20, 'x'));
  const auto run = hub({"--db", db_, "import", "schedule", dir_.file("huge.csv").string()});
  EXPECT_EQ(run.status, 3) << run.output;
  EXPECT_NE(run.output.find("larger than"), std::string::npos) << run.output;
}

// The figures from the journal: one meeting both partners scanned (at two kiosks, one of them
// twice), one only one side came to, an answer; judged at the end of the day and before it.
TEST_F(HubB2bCli, FiguresCountHeldNoShowsAndAnswersFromTheJournal) {
  ASSERT_EQ(import(requests_).status, 0);
  ASSERT_EQ(schedule().status, 0);
  {
    auto database = db::Database::open(db_, db::OpenMode::read_write);
    ASSERT_TRUE(database);
    auto meetings = database->query(
        "SELECT participant_a, participant_b, slot_start_ms FROM meeting "
        "ORDER BY slot_start_ms, id LIMIT 2");
    ASSERT_TRUE(meetings);
    std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> two;
    while (*meetings->step())
      two.emplace_back(meetings->column_int(0), meetings->column_int(1), meetings->column_int(2));
    ASSERT_EQ(two.size(), 2u);
    const auto [a, b, start] = two[0];
    const auto [c, d, second_start] = two[1];
    (void)d;
    std::int64_t seq = 0;
    const auto add = [&](const char* device, const char* kind, std::int64_t who, std::int64_t partner, std::int64_t at,
                         const char* answer) {
      auto insert = database->query(
          "INSERT INTO journal(uuid, device_id, seq, event_id, kind, outcome, participant_id, checkpoint_id, wall_ms, "
          "monotonic_ns, local_day, partner_id, meeting_start_ms, answer) SELECT ?1, ?2, ?3, c.event_id, ?4, "
          "'accepted', ?5, c.id, ?6, 0, '2026-12-08', ?7, ?8, ?9 FROM checkpoint c "
          "WHERE c.name = 'B2B tables: Hall Maas'");
      ASSERT_TRUE(insert);
      ++seq;
      insert->bind_all(make_uuid_v7(at + seq), std::string(device), seq, std::string(kind), who, at);
      // Bound one by one: GCC 12 misreads bind_all's std::optional<int64_t> as maybe uninitialised.
      if (partner == 0) {
        insert->bind(7, nullptr);
      } else {
        insert->bind(7, partner);
      }
      ASSERT_TRUE(insert->bind(8, partner == 0 ? std::int64_t{0} : start).bind(9, std::string(answer)).run());
    };
    add("kiosk-1", "meeting_held", a, 0, start + 60'000, "");
    add("kiosk-2", "meeting_held", b, 0, start + 120'000, "");
    add("kiosk-2", "meeting_held", b, 0, start + 180'000, "");
    add("kiosk-1", "meeting_held", c, 0, second_start, "");
    add("kiosk-1", "feedback", a, b, start + 20 * 60'000, "cooperation");
  }
  const auto evening = hub({"--db", db_, "meetings", "--at", "2026-12-08 20:00"});
  ASSERT_EQ(evening.status, 0) << evening.output;
  EXPECT_NE(evening.output.find("requested 420, scheduled 420, walk-in 0"), std::string::npos) << evening.output;
  EXPECT_NE(evening.output.find("held 1, no-show 419 (one side came: 1), open 0, upcoming 0"), std::string::npos)
      << evening.output;
  EXPECT_NE(evening.output.find("would cooperate: 1 of 1, 100%"), std::string::npos) << evening.output;
  EXPECT_NE(evening.output.find("answers: 1, no_interest 0, informative 0, cooperation 1"), std::string::npos);
  EXPECT_NE(evening.output.find("by country pair"), std::string::npos);
  const auto morning = hub({"--db", db_, "meetings", "--at", "2026-12-08 08:00"});
  ASSERT_EQ(morning.status, 0) << morning.output;
  EXPECT_NE(morning.output.find("held 0, no-show 0 (one side came: 0), open 0, upcoming 420"), std::string::npos)
      << morning.output;
  EXPECT_EQ(hub({"--db", db_, "meetings", "--at", "tomorrow"}).status, 3);
}

// Through the hub's upload (the rules a kiosk's sync meets): a meeting only one side was seen at
// is a no-show until the other kiosk's upload arrives late, from a clock 30 minutes slow whose
// offset the hub corrects; then it is held, counted once. A walk-in uploaded with its scans counts
// as held and as a walk-in.
TEST_F(HubB2bCli, ALateUploadTurnsANoShowHeldAndAWalkInCounts) {
  ASSERT_EQ(import(requests_).status, 0);
  ASSERT_EQ(schedule().status, 0);
  std::string a, b, c;
  std::int64_t start = 0;
  {
    auto database = db::Database::open(db_);
    ASSERT_TRUE(database);
    auto select = database->query(
        "SELECT pa.external_id, pb.external_id, m.slot_start_ms FROM meeting m JOIN participant pa ON pa.id = "
        "m.participant_a JOIN participant pb ON pb.id = m.participant_b ORDER BY m.slot_start_ms, m.id LIMIT 2");
    ASSERT_TRUE(select);
    ASSERT_TRUE(*select->step());
    a = select->column_text(0), b = select->column_text(1), start = select->column_int(2);
    ASSERT_TRUE(*select->step());
    c = select->column_text(0);
  }
  auto opened = hub::SqliteHubStore::open(db_);
  ASSERT_TRUE(opened) << opened.error().message;
  auto& store = **opened;
  const auto enrol = [&](const std::string& name) {
    const auto code = store.create_enrolment_code(1, 60'000, name);
    EXPECT_TRUE(code) << code.error().message;
    const auto answer = store.enrol({code->code, name, {}, start});
    EXPECT_TRUE(answer) << answer.error().message;
    return std::pair{answer->device_id, store.authenticate(answer->token)->principal};
  };
  const auto entry = [&](const std::string& device, std::int64_t seq, EntryKind kind, const std::string& who,
                         std::int64_t wall_ms) {
    sync::WireEntry made;
    made.uuid = make_uuid_v7(wall_ms + seq);
    made.device = device;
    made.seq = seq;
    made.event = 1;
    made.kind = kind;
    made.outcome = Outcome::accepted;
    made.participant = who;
    made.checkpoint = "B2B tables: Hall Maas";
    made.wall_ms = wall_ms;
    made.monotonic_ns = seq;
    made.local_day = "2026-12-08";
    return made;
  };
  const auto upload = [&](const std::pair<std::string, hub::Principal>& device, std::int64_t offset_ms,
                          const std::vector<sync::WireEntry>& entries) {
    sync::IncomingBatch batch;
    batch.device_id = device.first;
    batch.kiosk_time_ms = start;
    batch.clock_offset_ms = offset_ms;
    for (const auto& made : entries)
      batch.entries.push_back(sync::IncomingEntry{made, sync::to_json(made), "", made.uuid, made.seq});
    const auto answer = store.ingest(device.second, batch);
    ASSERT_TRUE(answer) << answer.error().message;
    for (const auto& status : answer->statuses) EXPECT_EQ(status.status, sync::EntryStatus::stored) << status.reason;
  };
  constexpr std::int64_t kMinute = 60'000;
  const auto tables_1 = enrol("Tables 1");
  const auto tables_2 = enrol("Tables 2");
  // c's partner does not come; c meets a, whose partner is not there yet, without appointment.
  auto walk_in = entry(tables_1.first, 3, EntryKind::walkin_meeting, c, start + 5 * kMinute);
  walk_in.partner = a;
  walk_in.meeting_start_ms = start + 5 * kMinute;
  walk_in.table = "Hall Maas, table 40";
  upload(tables_1, 0,
         {entry(tables_1.first, 1, EntryKind::meeting_held, a, start + kMinute),
          entry(tables_1.first, 2, EntryKind::meeting_held, c, start + 4 * kMinute), walk_in});
  const auto before = hub({"--db", db_, "meetings", "--at", "2026-12-08 20:00"});
  ASSERT_EQ(before.status, 0) << before.output;
  EXPECT_NE(before.output.find("requested 420, scheduled 420, walk-in 1"), std::string::npos) << before.output;
  EXPECT_NE(before.output.find("held 1, no-show 420 (one side came: 2)"), std::string::npos) << before.output;

  // Tables 2's clock runs 30 minutes slow: its scan at the meeting's third minute reads 27 minutes
  // before the start, outside the window, until the hub's offset puts it back.
  upload(tables_2, 30 * kMinute, {entry(tables_2.first, 1, EntryKind::meeting_held, b, start - 27 * kMinute)});
  const auto after = hub({"--db", db_, "meetings", "--at", "2026-12-08 20:00"});
  ASSERT_EQ(after.status, 0) << after.output;
  EXPECT_NE(after.output.find("held 2, no-show 419 (one side came: 1)"), std::string::npos) << after.output;
}

// The session on paper (docs/B2B_AREA.md, "Paper"): an agenda for everyone with a meeting, then,
// after the schedule moved an absent participant's meetings, only the agendas that changed.
TEST_F(HubB2bCli, AgendasArePrintedOnceAndReprintedOnlyWhereTheScheduleChanged) {
  ASSERT_EQ(import(requests_).status, 0);
  ASSERT_EQ(schedule().status, 0);
  const std::int64_t with_meetings = count(
      "SELECT count(DISTINCT p.id) FROM participant p JOIN meeting m ON p.id IN (m.participant_a, m.participant_b) "
      "WHERE m.status <> 'cancelled' AND p.status = 'registered'");
  ASSERT_GT(with_meetings, 0);
  const auto first = hub({"--db", db_, "agendas", "--out", dir_.file("agendas.pdf").string()});
  ASSERT_EQ(first.status, 0) << first.output;
  EXPECT_NE(first.output.find("wrote " + std::to_string(with_meetings) + " agendas"), std::string::npos)
      << first.output;
  EXPECT_EQ(read_file(dir_.file("agendas.pdf")).substr(0, 5), "%PDF-");
  EXPECT_EQ(count("SELECT count(*) FROM participant WHERE agenda_printed <> ''"), with_meetings);

  const auto unchanged = hub({"--db", db_, "agendas", "--changed", "--out", dir_.file("none.pdf").string()});
  ASSERT_EQ(unchanged.status, 0) << unchanged.output;
  EXPECT_NE(unchanged.output.find("no agenda changed"), std::string::npos) << unchanged.output;
  EXPECT_FALSE(std::filesystem::exists(dir_.file("none.pdf")));

  // The busiest morning participant did not come: their morning meetings move, and their
  // partners' agendas (old and new) change with them.
  std::string absent;
  {
    auto database = db::Database::open(db_);
    auto busiest = database->query(
        "SELECT p.external_id FROM participant p JOIN meeting m ON p.id IN (m.participant_a, m.participant_b) "
        "GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1");
    ASSERT_TRUE(*busiest->step());
    absent = busiest->column_text(0);
  }
  const auto moved = schedule({"--absent", absent, "--until", "12:00"});
  const auto said = moved.output.find(" printed agendas are now out of date");
  ASSERT_NE(said, std::string::npos) << moved.output;
  const std::string out_of_date =
      moved.output.substr(moved.output.rfind('\n', said) + 1, said - moved.output.rfind('\n', said) - 1);
  const auto reprint = hub({"--db", db_, "agendas", "--changed", "--out", dir_.file("changed.pdf").string()});
  ASSERT_EQ(reprint.status, 0) << reprint.output;
  EXPECT_NE(reprint.output.find("wrote " + out_of_date + " agendas"), std::string::npos)
      << moved.output << reprint.output;
  EXPECT_NE(hub({"--db", db_, "agendas", "--changed", "--out", dir_.file("again.pdf").string()})
                .output.find("no agenda changed"),
            std::string::npos);

  const auto one =
      hub({"--db", db_, "agendas", "--participant", absent, "--layout", "a6", "--out", dir_.file("one.pdf").string()});
  EXPECT_NE(one.output.find("wrote 1 agenda to"), std::string::npos) << one.output;
}

TEST_F(HubB2bCli, TableCardsForTheSessionOrOneHall) {
  const auto all = hub({"--db", db_, "table-cards", "--out", dir_.file("cards.pdf").string()});
  ASSERT_EQ(all.status, 0) << all.output;
  EXPECT_NE(all.output.find("wrote 40 table cards"), std::string::npos) << all.output;
  const auto hall = hub(
      {"--db", db_, "table-cards", "--area", "Hall Geul", "--layout", "a6", "--out", dir_.file("geul.pdf").string()});
  EXPECT_NE(hall.output.find("wrote 20 table cards"), std::string::npos) << hall.output;
  const auto unknown = hub({"--db", db_, "table-cards", "--area", "Hall Rur", "--out", dir_.file("x.pdf").string()});
  EXPECT_EQ(unknown.status, 4) << unknown.output;
  EXPECT_NE(unknown.output.find("Hall Maas, Hall Geul"), std::string::npos) << unknown.output;
}

TEST_F(HubB2bCli, AnEventWithoutASessionCannotBeScheduled) {
  const std::string other = dir_.file("other.db").string();
  ASSERT_EQ(hub({"--db", other, "init", "--event", "No B2B"}).status, 0);
  const auto run = hub({"--db", other, "schedule"});
  EXPECT_EQ(run.status, 4) << run.output;
  EXPECT_NE(run.output.find("no B2B session"), std::string::npos) << run.output;
  EXPECT_EQ(schedule({"--time-limit", "0"}).status, 3);
}

}  // namespace
}  // namespace passerelle::testing
