// Journal files (docs/sync.md, "Offline transfer"): a file signed with a device's journal key
// reads back as written; any change to its bytes, another key, another device's signature or the
// old unauthenticated format is refused whole, before an entry is read.
#include "sync/protocol/journal_file.h"

#include <gtest/gtest.h>

#include "sync/protocol/journal_key.h"
#include "tests/sync_protocol/sample_entry.h"

namespace passerelle::sync {
namespace {

WireEntry entry(std::string uuid, std::int64_t seq) {
  return testing::sample_entry(std::move(uuid), seq);
}

class JournalFileTest : public ::testing::Test {
 protected:
  JournalFileTest() : key_{"0190a5b2-0000-7000-8000-000000000001", new_journal_key()} {
    header_.device_ids = {key_.device_id};
    header_.event = 1;
    header_.exported_ms = 1796717530000;
    entries_ = {entry("0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b", 1), entry("0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7c", 2)};
    text_ = format_journal_file(header_, entries_, key_).value();
  }

  DeviceJournalKey key_;
  JournalFileHeader header_;
  std::vector<WireEntry> entries_;
  std::string text_;
};

TEST(JournalKey, IsRandomHexAndChecked) {
  const auto a = new_journal_key();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_TRUE(check_journal_key(a));
  EXPECT_NE(a, new_journal_key());
  EXPECT_FALSE(check_journal_key(a.substr(1)));
  EXPECT_FALSE(check_journal_key(std::string(64, 'g')));
  EXPECT_FALSE(journal_mac("short", "bytes"));
}

TEST_F(JournalFileTest, RoundTrips) {
  EXPECT_EQ(*journal_file_signer(text_), key_.device_id);
  auto parsed = parse_journal_file(text_, key_);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->header.version, kJournalFileVersion);
  EXPECT_EQ(parsed->header.signer, key_.device_id);
  EXPECT_EQ(parsed->header.device_ids, header_.device_ids);
  EXPECT_EQ(parsed->header.event, 1);
  EXPECT_EQ(parsed->header.count, 2);
  EXPECT_EQ(parsed->header.exported_ms, header_.exported_ms);
  EXPECT_EQ(parsed->entries, entries_);
}

TEST_F(JournalFileTest, OneFlippedByteAnywhereIsRefused) {
  for (std::size_t i = 0; i < text_.size(); ++i) {
    for (const unsigned bit : {0x01u, 0x20u}) {
      std::string edited = text_;
      edited[i] = static_cast<char>(static_cast<unsigned char>(edited[i]) ^ bit);
      EXPECT_FALSE(parse_journal_file(edited, key_)) << "byte " << i << " xor " << bit;
    }
  }
}

TEST_F(JournalFileTest, TruncatedOrExtendedIsRefused) {
  for (std::size_t size = 0; size < text_.size(); ++size)
    EXPECT_FALSE(parse_journal_file(text_.substr(0, size), key_)) << "cut at " << size;
  EXPECT_FALSE(parse_journal_file(text_ + "\n", key_));
  // An entry dropped from the middle, the MAC kept.
  std::string dropped = text_;
  const auto second_line = dropped.find('\n') + 1;
  dropped.erase(second_line, dropped.find('\n', second_line) + 1 - second_line);
  EXPECT_FALSE(parse_journal_file(dropped, key_));
}

TEST_F(JournalFileTest, AnotherKeyIsRefused) {
  const DeviceJournalKey wrong{key_.device_id, new_journal_key()};
  auto refused = parse_journal_file(text_, wrong);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::invalid_input);
  EXPECT_NE(refused.error().message.find("signature does not match"), std::string::npos) << refused.error().message;
}

TEST_F(JournalFileTest, AFileReSignedByAnotherDeviceNamesItsSigner) {
  // Another device's key makes a well-formed file, but it is that device's, and names it.
  const DeviceJournalKey other{"0190a5b2-0000-7000-8000-0000000000ff", new_journal_key()};
  const auto forged = format_journal_file(header_, entries_, other).value();
  EXPECT_EQ(*journal_file_signer(forged), other.device_id);
  auto refused = parse_journal_file(forged, key_);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("signed by device " + other.device_id), std::string::npos)
      << refused.error().message;
  // An edited signer with the original MAC: the MAC no longer matches.
  std::string renamed = text_;
  renamed.replace(renamed.find(key_.device_id), key_.device_id.size(), other.device_id);
  EXPECT_FALSE(parse_journal_file(renamed, other));
}

TEST_F(JournalFileTest, TheOldUnauthenticatedFormatIsRefusedWithAClearMessage) {
  const std::string version1 =
      "{\"format\":\"passerelle-journal\",\"version\":1,\"device_ids\":[\"d\"],\"event\":1,\"count\":0,"
      "\"exported_ms\":9}\n{\"sha256\":\"" +
      std::string(64, '0') + "\"}\n";
  auto signer = journal_file_signer(version1);
  ASSERT_FALSE(signer);
  EXPECT_EQ(signer.error().code, Errc::unsupported);
  EXPECT_NE(signer.error().message.find("version 1"), std::string::npos) << signer.error().message;
  EXPECT_NE(signer.error().message.find("export the journal again"), std::string::npos) << signer.error().message;
  auto parsed = parse_journal_file(version1, key_);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, Errc::unsupported);
}

TEST_F(JournalFileTest, AMalformedKeyWritesNothing) {
  EXPECT_FALSE(format_journal_file(header_, entries_, {key_.device_id, "not hex"}));
}

}  // namespace
}  // namespace passerelle::sync
