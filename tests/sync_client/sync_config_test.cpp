// The kiosk's sync settings: the [sync] table and the --enrol / --export-journal flags
// (docs/kiosk-config.md), checked where they are read so that a bad ticket is a clear message.
#include <gtest/gtest.h>

#include "kiosk/app/config.h"

namespace passerelle::kiosk {
namespace {

constexpr const char* kTicket = "PSLENROL1 https://hub.example.org:8443 K7Q2-MX4P";

TEST(SyncConfig, ReadsTheSyncTable) {
  KioskConfig config;
  const auto status = apply_config_text(R"(
[sync]
enrol = "PSLENROL1 https://hub.example.org:8443 K7Q2-MX4P"
hub_url = "https://10.0.0.5:8443"
name = "Entrance left"
ca_file = "hub-ca.pem"
)",
                                        "/etc/passerelle/kiosk.toml", config);
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(config.sync.enrol, kTicket);
  EXPECT_EQ(config.sync.hub_url, "https://10.0.0.5:8443");
  EXPECT_EQ(config.sync.name, "Entrance left");
  EXPECT_EQ(config.sync.ca_file, "/etc/passerelle/hub-ca.pem");
}

TEST(SyncConfig, ABadTicketOrAddressNamesTheKey) {
  for (const char* text : {"[sync]\nenrol = \"PSLENROL1 hub.example.org K7Q2\"\n", "[sync]\nenrol = \"K7Q2-MX4P\"\n",
                           "[sync]\nhub_url = \"hub.example.org:8443\"\n", "[sync]\nhub = \"http://x\"\n"}) {
    KioskConfig config;
    const auto status = apply_config_text(text, "kiosk.toml", config);
    ASSERT_FALSE(status) << text;
    EXPECT_NE(status.error().message.find("kiosk.toml:2: [sync]"), std::string::npos) << status.error().message;
  }
}

TEST(SyncConfig, EnrolFlag) {
  const auto good = load_kiosk_config({"--db", "kiosk.db", "--enrol", kTicket});
  ASSERT_TRUE(good.status) << good.status.error().message;
  EXPECT_EQ(good.config.sync.enrol, kTicket);

  const auto bad = load_kiosk_config({"--db", "kiosk.db", "--enrol", "PSLENROL1 https://hub.example.org"});
  ASSERT_FALSE(bad.status);
  EXPECT_NE(bad.status.error().message.find("--enrol: enrolment code"), std::string::npos)
      << bad.status.error().message;
}

TEST(SyncConfig, ExportJournalNeedsTheDatabase) {
  const auto good = load_kiosk_config({"--db", "kiosk.db", "--export-journal", "/media/usb/kiosk-3.jsonl"});
  ASSERT_TRUE(good.status) << good.status.error().message;
  EXPECT_EQ(good.config.export_journal, "/media/usb/kiosk-3.jsonl");

  const auto without = load_kiosk_config({"--demo", "--export-journal", "out.jsonl"});
  ASSERT_FALSE(without.status);
  EXPECT_NE(without.status.error().message.find("--export-journal"), std::string::npos);
}

}  // namespace
}  // namespace passerelle::kiosk
