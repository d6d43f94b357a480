#include <gtest/gtest.h>

#include "sync/protocol/journal_file.h"
#include "sync/protocol/wire.h"

namespace passerelle::sync {
namespace {

WireEntry sample_entry() {
  WireEntry entry;
  entry.uuid = "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b";
  entry.device = "0190a5b2-0000-7000-8000-000000000001";
  entry.seq = 12;
  entry.event = 1;
  entry.kind = EntryKind::checkin;
  entry.outcome = Outcome::accepted;
  entry.participant = "EXT-42";
  entry.checkpoint = "Entrée principale";
  entry.code = "PSL-ABC";
  entry.wall_ms = 1796717520000;
  entry.monotonic_ns = 123456789;
  entry.local_day = "2026-12-08";
  return entry;
}

TEST(SyncWire, EntryRoundTripsWithAndWithoutOptionalFields) {
  auto entry = sample_entry();
  auto parsed = parse_wire_entry(to_json(entry));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, entry);
  entry.participant.reset();
  entry.checkpoint.reset();
  entry.kind = EntryKind::rejected_scan;
  entry.outcome = Outcome::unknown_code;
  parsed = parse_wire_entry(to_json(entry));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, entry);
}

TEST(SyncWire, EntryParsingIsStrictAndNamesTheField) {
  const std::string good = to_json(sample_entry());
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    return parse_wire_entry(text);
  };
  auto missing = replaced("\"seq\":12,", "");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("seq"), std::string::npos);
  EXPECT_FALSE(replaced("\"seq\":12", "\"seq\":\"12\""));
  EXPECT_FALSE(replaced("\"seq\":12", "\"seq\":0"));
  auto huge = replaced("\"seq\":12", "\"seq\":18446744073709551615");
  ASSERT_FALSE(huge);
  EXPECT_NE(huge.error().message.find("64-bit"), std::string::npos) << huge.error().message;
  EXPECT_FALSE(replaced("\"kind\":\"checkin\"", "\"kind\":\"teleport\""));
  EXPECT_FALSE(replaced("\"outcome\":\"accepted\"", "\"outcome\":\"maybe\""));
  EXPECT_FALSE(replaced("0190a5b2-7c3d", "not-a-uuid"));
  EXPECT_FALSE(replaced("\"2026-12-08\"", "\"08/12/2026\""));
  EXPECT_FALSE(parse_wire_entry(good + "garbage"));
  EXPECT_FALSE(parse_wire_entry("[1,2]"));
  EXPECT_FALSE(parse_wire_entry(""));
  // A newer peer may add fields.
  auto extra = replaced("\"seq\":12", "\"seq\":12,\"future\":{\"x\":1}");
  EXPECT_TRUE(extra) << extra.error().message;
}

TEST(SyncWire, UploadBatchKeepsAMalformedEntryForQuarantine) {
  UploadBatch batch;
  batch.device_id = "dev";
  batch.kiosk_time_ms = 5;
  batch.clock_offset_ms = -3;
  batch.entries = {sample_entry()};
  std::string text = to_json(batch);
  text.insert(text.rfind(']'), ",{\"uuid\":\"u-2\",\"seq\":13,\"kind\":7}");
  auto parsed = parse_upload_batch(text);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->device_id, "dev");
  EXPECT_EQ(parsed->clock_offset_ms, -3);
  ASSERT_EQ(parsed->entries.size(), 2u);
  ASSERT_TRUE(parsed->entries[0].entry);
  EXPECT_EQ(*parsed->entries[0].entry, sample_entry());
  EXPECT_FALSE(parsed->entries[1].entry);
  EXPECT_EQ(parsed->entries[1].uuid, "u-2");
  EXPECT_EQ(parsed->entries[1].seq, 13);
  EXPECT_FALSE(parsed->entries[1].error.empty());
  EXPECT_NE(parsed->entries[1].raw_json.find("\"kind\":7"), std::string::npos);

  EXPECT_FALSE(parse_upload_batch("{\"entries\": []}"));  // no device
  std::string too_many = "{\"device_id\":\"d\",\"kiosk_time_ms\":0,\"clock_offset_ms\":0,\"entries\":[";
  for (int i = 0; i <= kMaxUploadBatch; ++i) too_many += i ? ",{}" : "{}";
  EXPECT_FALSE(parse_upload_batch(too_many + "]}"));
}

TEST(SyncWire, AnswersAndPagesRoundTrip) {
  UploadAnswer answer{{{"a", EntryStatus::stored, ""}, {"b", EntryStatus::quarantined, "unknown_participant"}}, 41, 7};
  auto parsed_answer = parse_upload_answer(to_json(answer));
  ASSERT_TRUE(parsed_answer) << parsed_answer.error().message;
  EXPECT_EQ(parsed_answer->statuses, answer.statuses);
  EXPECT_EQ(parsed_answer->acked_seq, 41);

  ChangePage page;
  ParticipantChange person;
  person.event = 1;
  person.record.external_id = "EXT-1";
  person.record.first_name = "Łukasz";
  person.record.ticket_codes = {"T1"};
  person.record.tags = {"b2b"};
  person.record.language = Language::nl;
  person.badge_serial = 2;
  KeyChange key;
  key.key_id = 0xfedcba98;
  key.event = 1;
  key.public_key.fill(0xab);
  key.retired_ms = 99;
  page.changes = {{1, person},
                  {2, RevocationChange{1, "EXT-1", 1, "lost", 5}},
                  {3, key},
                  {4, MeetingChange{7, 1, "EXT-1", "EXT-2", 10, 20, "T4", "scheduled", "imported"}},
                  {5, sample_entry()}};
  page.cursor = 5;
  page.more = true;
  page.remaining = 10;
  auto parsed_page = parse_change_page(to_json(page));
  ASSERT_TRUE(parsed_page) << parsed_page.error().message;
  EXPECT_EQ(parsed_page->changes, page.changes);
  EXPECT_EQ(parsed_page->cursor, 5);
  EXPECT_TRUE(parsed_page->more);
  EXPECT_EQ(parsed_page->remaining, 10);

  page.cursor = 4;  // a change beyond the cursor would be skipped next time
  EXPECT_FALSE(parse_change_page(to_json(page)));
}

TEST(SyncWire, EnrolmentTicket) {
  auto ticket = parse_enrolment_ticket("PSLENROL1 http://10.0.0.2:8443/ abc123\n");
  ASSERT_TRUE(ticket) << ticket.error().message;
  EXPECT_EQ(ticket->hub_url, "http://10.0.0.2:8443");
  EXPECT_EQ(ticket->code, "abc123");
  EXPECT_EQ(format_enrolment_ticket(*ticket), "PSLENROL1 http://10.0.0.2:8443 abc123");
  EXPECT_FALSE(parse_enrolment_ticket("PSL-ABCDEF"));
  EXPECT_FALSE(parse_enrolment_ticket("PSLENROL1 ftp://x y"));
  EXPECT_FALSE(parse_enrolment_ticket("PSLENROL1 http://x"));
  EXPECT_FALSE(parse_enrolment_ticket("PSLENROL1 http://x a b"));
}

TEST(SyncWire, DigestIgnoresOrder) {
  EXPECT_EQ(uuid_set_digest({"b", "a", "c"}), uuid_set_digest({"c", "b", "a"}));
  EXPECT_NE(uuid_set_digest({"a", "b"}), uuid_set_digest({"ab"}));
  EXPECT_EQ(uuid_set_digest({}).size(), 64u);
}

TEST(JournalFile, RoundTripAndDamageIsRefusedWhole) {
  JournalFileHeader header;
  header.device_ids = {"old", "new"};
  header.event = 1;
  header.exported_ms = 9;
  auto second = sample_entry();
  second.uuid = "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7c";
  second.seq = 13;
  const std::string text = format_journal_file(header, {sample_entry(), second});
  auto parsed = parse_journal_file(text);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->header.device_ids, header.device_ids);
  EXPECT_EQ(parsed->header.count, 2);
  ASSERT_EQ(parsed->entries.size(), 2u);
  EXPECT_EQ(parsed->entries[1], second);

  std::string edited = text;
  edited[edited.find("EXT-42")] = 'F';
  auto damaged = parse_journal_file(edited);
  ASSERT_FALSE(damaged);
  EXPECT_NE(damaged.error().message.find("checksum"), std::string::npos);
  EXPECT_FALSE(parse_journal_file(text.substr(0, text.size() / 2)));
  EXPECT_FALSE(parse_journal_file(text.substr(0, text.rfind('{'))));  // trailer cut off
  EXPECT_FALSE(parse_journal_file(""));
}

}  // namespace
}  // namespace passerelle::sync
