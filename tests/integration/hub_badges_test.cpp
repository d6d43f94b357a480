// Badge commands of passerelle-hub, run as a user runs them: keys, printing, codes, reissue,
// revocation, walk-in registration, kiosk bundles.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/integration/hub_runner.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

using testing::hub;

class HubBadges : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("hub.db").string();
    const auto demo = testing::copy_demo_hub(db_);
    ASSERT_EQ(demo.status, 0) << demo.output;
  }

  // external id -> badge code, from `export badges`.
  std::string code_of(const std::string& external_id) {
    const auto out = dir_.file("codes.csv").string();
    EXPECT_EQ(hub({"--db", db_, "export", "badges", out}).status, 0);
    const auto csv = testing::read_file(out);
    const auto at = csv.find("\n" + external_id + ",");
    if (at == std::string::npos) return "";
    const auto end = csv.find('\r', at + 1);
    const auto line = csv.substr(at + 1, end - at - 1);
    return line.substr(line.rfind(',') + 1);
  }

  testing::TempDir dir_;
  std::string db_;
};

TEST_F(HubBadges, KeysAreListedAddedAndRetired) {
  const auto listed = hub({"--db", db_, "keys", "list"});
  ASSERT_EQ(listed.status, 0) << listed.output;
  EXPECT_EQ(std::count(listed.output.begin(), listed.output.end(), '\n'), 2) << listed.output;
  const auto second_line = listed.output.substr(listed.output.find('\n') + 1);
  const auto first_key = second_line.substr(0, second_line.find(' '));

  const auto code = code_of("EIF26-0001");
  const auto refused = hub({"--db", db_, "keys", "retire", first_key});
  EXPECT_EQ(refused.status, 3) << refused.output;
  EXPECT_NE(refused.output.find("last active key"), std::string::npos) << refused.output;
  ASSERT_EQ(hub({"--db", db_, "keys", "add"}).status, 0);
  ASSERT_EQ(hub({"--db", db_, "keys", "retire", first_key}).status, 0);
  EXPECT_EQ(hub({"--db", db_, "checkin", code}).status, 18) << "a badge of a retired key is an unknown key";
  const auto fresh = code_of("EIF26-0001");
  EXPECT_NE(fresh, code);
  EXPECT_EQ(hub({"--db", db_, "checkin", fresh}).status, 0);
  EXPECT_EQ(hub({"--db", db_, "keys", "retire", "notanumber"}).status, 3);
}

TEST_F(HubBadges, ExportedCodesCheckInAndReissueRevokes) {
  const auto code = code_of("EIF26-0002");
  ASSERT_EQ(code.rfind("PSL-", 0), 0u) << code;
  EXPECT_EQ(hub({"--db", db_, "checkin", code}).status, 0);
  ASSERT_EQ(hub({"--db", db_, "badges", "reissue", "EIF26-0002"}).status, 0);
  const auto revoked = hub({"--db", db_, "checkin", code, "--checkpoint", "B2B area"});
  EXPECT_EQ(revoked.status, 15) << revoked.output;
  const auto renewed = code_of("EIF26-0002");
  EXPECT_EQ(hub({"--db", db_, "checkin", renewed, "--checkpoint", "B2B area"}).status, 0);
  ASSERT_EQ(hub({"--db", db_, "badges", "revoke", "EIF26-0002", "--reason", "lost"}).status, 0);
  EXPECT_EQ(hub({"--db", db_, "checkin", renewed, "--checkpoint", "B2B area", "--exit"}).status, 15);
  EXPECT_EQ(hub({"--db", db_, "badges", "revoke", "EIF26-0002", "--serial", "9"}).status, 3);
  EXPECT_EQ(hub({"--db", db_, "badges", "reissue", "NOBODY"}).status, 4);
  // Tampered: one character changed.
  std::string forged = renewed;
  forged[20] = forged[20] == 'A' ? 'B' : 'A';
  const auto status = hub({"--db", db_, "checkin", forged}).status;
  EXPECT_TRUE(status == 17 || status == 19) << status;
  EXPECT_EQ(hub({"--db", db_, "checkin", "PSL-GARBAGE"}).status, 19);
}

// A day that is not the event's (docs/CLOCKS.md): on a clock the machine says is set, refused with
// status 22 and nothing used up; a rehearsal is decided apart and cleared; a clock nobody set
// admits, as a kiosk without network does until staff confirm its date.
TEST_F(HubBadges, ADayOutsideTheEventIsRefusedAndARehearsalIsKeptApart) {
  const std::string past = dir_.file("past.db").string();
  testing::write_file(dir_.file("past.toml"),
                      "[event]\nname = \"Past\"\ntimezone = \"UTC\"\ndays = [\"2021-06-01\"]\n\n"
                      "[[checkpoint]]\nname = \"Entrance\"\nrule = \"once_per_day\"\n");
  ASSERT_EQ(hub({"--db", past, "init", "--event-config", dir_.file("past.toml").string()}).status, 0);
  ASSERT_EQ(hub({"--db", past, "import", "participants", testing::demo_asset("participants.csv")}).status, 0);
  const std::vector<std::string> checkin{"--db", past, "checkin", "--manual", "EIF26-0001", "--operator", "desk"};
  const auto refused = hub(checkin, "PASSERELLE_CLOCK_SET=yes");
  EXPECT_EQ(refused.status, 22) << refused.output;
  EXPECT_NE(refused.output.find("not a day of the event"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("2021-06-01"), std::string::npos) << refused.output;

  auto rehearse = checkin;
  rehearse.push_back("--rehearsal");
  const auto rehearsed = hub(rehearse, "PASSERELLE_CLOCK_SET=yes");
  EXPECT_EQ(rehearsed.status, 0) << rehearsed.output;
  EXPECT_EQ(rehearsed.output.rfind("rehearsal, not counted: accepted", 0), 0u) << rehearsed.output;
  EXPECT_EQ(hub(rehearse, "PASSERELLE_CLOCK_SET=yes").status, 10) << "already checked in, in the rehearsal";
  EXPECT_EQ(hub({"--db", past, "rehearsal"}).output, "2 rehearsal scans kept apart from attendance\n");
  EXPECT_EQ(hub({"--db", past, "rehearsal", "--clear"}).output, "cleared 2 rehearsal scans\n");
  EXPECT_EQ(hub({"--db", past, "rehearsal"}).output, "0 rehearsal scans kept apart from attendance\n");

  const auto unset = hub(checkin, "PASSERELLE_CLOCK_SET=no");
  EXPECT_EQ(unset.status, 0) << "neither the refusal nor the rehearsal used anything up: " << unset.output;
}

TEST_F(HubBadges, PrintsPdfAndSingleQrImages) {
  const auto pdf = dir_.file("all.pdf").string();
  const auto all = hub({"--db", db_, "badges", "--out", pdf});
  ASSERT_EQ(all.status, 0) << all.output;
  EXPECT_NE(all.output.find("wrote 350 badges"), std::string::npos) << all.output;  // registered only
  EXPECT_EQ(testing::read_file(pdf).rfind("%PDF", 0), 0u);
  const auto one = dir_.file("one.pdf").string();
  EXPECT_EQ(hub({"--db", db_, "badges", "--participant", "EIF26-0003", "--participant", "EIF26-0004", "--layout",
                 "label62", "--out", one})
                .status,
            0);
  EXPECT_EQ(hub({"--db", db_, "badges", "--layout", "poster", "--out", one}).status, 3);
  EXPECT_EQ(hub({"--db", db_, "badges", "--participant", "NOBODY", "--out", one}).status, 4);
  const auto png = dir_.file("qr.png").string();
  const auto svg = dir_.file("qr.svg").string();
  EXPECT_EQ(hub({"--db", db_, "badges", "qr", "EIF26-0003", "--png", png}).status, 0);
  EXPECT_EQ(testing::read_file(png).substr(1, 3), "PNG");
  EXPECT_EQ(hub({"--db", db_, "badges", "qr", "EIF26-0003", "--svg", svg}).status, 0);
  EXPECT_NE(testing::read_file(svg).find("<svg"), std::string::npos);
  EXPECT_EQ(hub({"--db", db_, "badges", "qr", "EIF26-0003"}).status, 3);
}

TEST_F(HubBadges, RegistersAWalkInAndPrintsThroughLp) {
  const auto pdf = dir_.file("walkin.pdf").string();
  const auto run = hub({"--db", db_, "register", "--first-name", "Zoë", "--last-name", "Brontë", "--country",
                        "Belgique", "--organisation", "Ærø Biotech ApS", "--out", pdf});
  ASSERT_EQ(run.status, 0) << run.output;
  EXPECT_EQ(testing::read_file(pdf).rfind("%PDF", 0), 0u);
  const auto found = hub({"--db", db_, "search", "bronte"});
  EXPECT_EQ(found.status, 0);
  EXPECT_NE(found.output.find("\tBE\t"), std::string::npos) << found.output;

  // A fake lp records its arguments: the badge goes to the named printer, no shell involved.
  const auto bin = dir_.file("bin");
  std::filesystem::create_directories(bin);
  const auto log = dir_.file("lp.log").string();
  testing::write_file(bin / "lp", "#!/bin/sh\necho \"$@\" > " + log + "\n");
  std::filesystem::permissions(bin / "lp", std::filesystem::perms::owner_all);
  const auto printed = hub({"--db", db_, "register", "--first-name", "Søren", "--last-name", "Østergaard",
                            "--external-id", "DESK-1", "--print", "Front desk; rm -rf /"},
                           "PATH=" + bin.string() + ":$PATH");
  ASSERT_EQ(printed.status, 0) << printed.output;
  EXPECT_NE(testing::read_file(log).find("-d Front desk; rm -rf /"), std::string::npos);
  EXPECT_EQ(
      hub({"--db", db_, "register", "--first-name", "A", "--last-name", "B", "--external-id", "DESK-1", "--out", pdf})
          .status,
      3)
      << "an existing external id";
  EXPECT_EQ(hub({"--db", db_, "register", "--first-name", "A", "--last-name", "B", "--email", "not-mail", "--out", pdf})
                .status,
            3);
  EXPECT_EQ(hub({"--db", db_, "register", "--first-name", "A", "--last-name", "B"}).status, 3) << "no output";
  const auto failing_lp =
      hub({"--db", db_, "register", "--first-name", "C", "--last-name", "D", "--print", "X"}, "PATH=/nonexistent");
  EXPECT_EQ(failing_lp.status, 1) << failing_lp.output;
}

TEST_F(HubBadges, KioskBundleChecksInOfflineButCannotIssue) {
  const auto bundle = dir_.file("kiosk.db").string();
  const auto code = code_of("EIF26-0005");
  const auto run = hub({"--db", db_, "export-kiosk", bundle});
  ASSERT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("no private key"), std::string::npos) << run.output;
  EXPECT_EQ(hub({"--db", bundle, "checkin", code}).status, 0);
  EXPECT_EQ(hub({"--db", bundle, "checkin", code}).status, 10);
  const auto cannot = hub({"--db", bundle, "badges", "--out", dir_.file("x.pdf").string()});
  EXPECT_EQ(cannot.status, 4) << cannot.output;
  EXPECT_NE(cannot.output.find("only the hub"), std::string::npos) << cannot.output;
}

}  // namespace
}  // namespace passerelle
