#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "sync/protocol/journal_file.h"
#include "sync/protocol/journal_key.h"
#include "sync/protocol/wire.h"
#include "tests/sync_protocol/sample_entry.h"

namespace passerelle::sync {
namespace {

using testing::sample_entry;

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

// Walk-ins and answers carry the meeting (docs/B2B_AREA.md); other kinds carry none, and each of
// the meeting's fields is checked.
TEST(SyncWire, MeetingEntriesRoundTripAndTheirFieldsAreChecked) {
  auto answer = sample_entry();
  answer.kind = EntryKind::feedback;
  answer.partner = "EXT-7";
  answer.meeting_start_ms = 1796720400000;
  answer.answer = "cooperation";
  auto parsed = parse_wire_entry(to_json(answer));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, answer);
  auto walk_in = answer;
  walk_in.kind = EntryKind::walkin_meeting;
  walk_in.answer.clear();
  walk_in.table = "Hall Maas, table 12";
  parsed = parse_wire_entry(to_json(walk_in));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, walk_in);
  EXPECT_EQ(to_json(sample_entry()).find("meeting"), std::string::npos) << "a check-in carries no meeting";

  const auto refused = [](WireEntry entry, const std::string& words) {
    const auto result = parse_wire_entry(to_json(entry));
    ASSERT_FALSE(result) << words;
    EXPECT_NE(result.error().message.find(words), std::string::npos) << result.error().message;
  };
  auto bad = answer;
  bad.answer = "maybe";
  refused(bad, "the answer is not");
  bad = walk_in;
  bad.table = std::string(kMaxTableLabel + 1, 't');
  refused(bad, "longer than 200 bytes");
  bad = walk_in;
  bad.meeting_start_ms = kMaxClockMs + 1;
  refused(bad, "meeting start_ms");
  bad = walk_in;
  bad.partner = "";
  refused(bad, "partner's id is empty");
  bad = sample_entry();
  bad.partner = "EXT-7";
  refused(bad, "only walk-ins and answers name a meeting");
  bad = walk_in;
  bad.answer = std::string(1 << 20, 'a');  // unbounded text only an answer's names may fill
  refused(bad, "a walk-in carries no answer");
  // An answer whose meeting object is missing: the kind needs it.
  std::string text = to_json(answer);
  text.erase(text.find(",\"meeting\""), text.find('}', text.find("\"meeting\"")) - text.find(",\"meeting\"") + 1);
  const auto without = parse_wire_entry(text);
  ASSERT_FALSE(without) << text;
  EXPECT_NE(without.error().message.find("names the partner"), std::string::npos) << without.error().message;
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

// A kiosk needs no contact details: a participant's email never goes on the wire, and one an
// older hub still sends is not kept.
TEST(SyncWire, AParticipantsEmailNeitherLeavesNorIsKept) {
  ChangePage page;
  ParticipantChange person;
  person.event = 1;
  person.record.external_id = "EXT-1";
  person.record.email = "someone@example.org";
  page.changes = {{1, person}};
  page.cursor = 1;
  const auto wire = to_json(page);
  EXPECT_EQ(wire.find("example.org"), std::string::npos) << wire;
  std::string from_older_hub = wire;
  from_older_hub.replace(from_older_hub.find("\"email\":\"\""), 10, "\"email\":\"someone@example.org\"");
  auto parsed = parse_change_page(from_older_hub);
  ASSERT_TRUE(parsed) << parsed.error().message << "\n" << from_older_hub;
  EXPECT_EQ(std::get<ParticipantChange>(parsed->changes.at(0).data).record.email, "");
}

// The fingerprint of a participant's printed agenda travels only once set, so an older hub's pages
// (without it) and an older kiosk (ignoring it) interoperate; a value no fingerprint has is refused.
TEST(SyncWire, AParticipantsAgendaPrintedRoundTripsAndIsOptional) {
  ChangePage page;
  ParticipantChange person;
  person.event = 1;
  person.record.external_id = "EXT-1";
  page.changes = {{1, person}};
  page.cursor = 1;
  const auto never_printed = to_json(page);
  EXPECT_EQ(never_printed.find("agenda_printed"), std::string::npos) << never_printed;
  auto parsed = parse_change_page(never_printed);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->changes, page.changes);

  std::get<ParticipantChange>(page.changes[0].data).agenda_printed = std::string(kMaxAgendaFingerprint, 'f');
  parsed = parse_change_page(to_json(page));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->changes, page.changes);
  std::get<ParticipantChange>(page.changes[0].data).agenda_printed = "0123456789abcdef0123456789abcdef";
  parsed = parse_change_page(to_json(page));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->changes, page.changes);

  for (const auto& bad : {std::string(kMaxAgendaFingerprint + 1, 'a'), std::string("0123ABCD"), std::string("not hex"),
                          std::string("12\0"
                                      "3",
                                      4)}) {
    std::get<ParticipantChange>(page.changes[0].data).agenda_printed = bad;
    const auto refused = parse_change_page(to_json(page));
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, Errc::invalid_input);
    EXPECT_NE(refused.error().message.find("agenda_printed"), std::string::npos) << refused.error().message;
  }
  std::string not_a_string = to_json(page);
  const std::string key = "\"agenda_printed\":";
  not_a_string.replace(not_a_string.find(key), key.size(), key + "7,\"x\":");
  const auto refused = parse_change_page(not_a_string);
  ASSERT_FALSE(refused) << not_a_string;
  EXPECT_NE(refused.error().message.find("agenda_printed"), std::string::npos) << refused.error().message;
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

TEST(SyncWire, EnrolmentTicketCarriesTheHubsPinForHttpsOnly) {
  const std::string pin = "sha256//" + std::string(43, 'A') + "=";
  auto ticket = parse_enrolment_ticket("PSLENROL1 https://hub.example:8443 abc " + pin);
  ASSERT_TRUE(ticket) << ticket.error().message;
  EXPECT_EQ(ticket->certificate_pin, pin);
  EXPECT_EQ(format_enrolment_ticket(*ticket), "PSLENROL1 https://hub.example:8443 abc " + pin);
  ticket = parse_enrolment_ticket("PSLENROL1 https://hub.example abc");
  ASSERT_TRUE(ticket);
  EXPECT_TRUE(ticket->certificate_pin.empty()) << "a hub behind a front with a public certificate";

  EXPECT_FALSE(parse_enrolment_ticket("PSLENROL1 http://hub.example abc " + pin)) << "a pin on plain HTTP pins nothing";
  EXPECT_FALSE(parse_enrolment_ticket("PSLENROL1 https://hub.example abc sha256//short"));
  EXPECT_FALSE(parse_enrolment_ticket("PSLENROL1 https://hub.example abc " + pin + " extra"));
  EXPECT_FALSE(parse_enrolment_ticket("PSLENROL1 https://hub.example abc sha1//" + std::string(43, 'A') + "="));
}

TEST(SyncWire, DigestIgnoresOrder) {
  EXPECT_EQ(uuid_set_digest({"b", "a", "c"}), uuid_set_digest({"c", "b", "a"}));
  EXPECT_NE(uuid_set_digest({"a", "b"}), uuid_set_digest({"ab"}));
  EXPECT_EQ(uuid_set_digest({}).size(), 64u);
}

// ---- bounds: nesting depth and every number (wire.h, docs/sync.md "Limits")

constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

// `levels` arrays, one inside the other.
std::string nested_arrays(int levels) {
  return std::string(static_cast<std::size_t>(levels), '[') + std::string(static_cast<std::size_t>(levels), ']');
}

// The sample entry's JSON with an unknown field holding `levels` nested arrays: an entry at depth
// 1 + levels.
std::string entry_with_nesting(int levels) {
  std::string text = to_json(sample_entry());
  text.insert(text.size() - 1, ",\"future\":" + nested_arrays(levels));
  return text;
}

// An upload envelope (level 1) whose entries array (2) holds `entry_json` (3 and below).
std::string upload_holding(const std::string& entry_json) {
  return "{\"device_id\":\"dev\",\"kiosk_time_ms\":1,\"clock_offset_ms\":0,\"entries\":[" + entry_json + "]}";
}

bool names_depth(const Error& error) {
  return error.code == Errc::invalid_input &&
         error.message.find("nested deeper than " + std::to_string(kMaxJsonDepth)) != std::string::npos;
}

TEST(SyncWireBounds, AnEntryNestedToTheLimitIsAcceptedOneLevelMoreIsRefused) {
  auto at_limit = parse_wire_entry(entry_with_nesting(kMaxJsonDepth - 1));
  ASSERT_TRUE(at_limit) << at_limit.error().message;
  EXPECT_EQ(*at_limit, sample_entry());
  auto past = parse_wire_entry(entry_with_nesting(kMaxJsonDepth));
  ASSERT_FALSE(past);
  EXPECT_TRUE(names_depth(past.error())) << past.error().message;
  auto bare = parse_wire_entry(nested_arrays(kMaxJsonDepth + 1));
  ASSERT_FALSE(bare);
  EXPECT_TRUE(names_depth(bare.error())) << bare.error().message;
}

TEST(SyncWireBounds, AHundredThousandLevelsAreRefusedWithoutBuildingThem) {
  constexpr int kAttack = 100'000;
  auto arrays = parse_wire_entry(nested_arrays(kAttack));
  ASSERT_FALSE(arrays);
  EXPECT_TRUE(names_depth(arrays.error())) << arrays.error().message;
  std::string objects;
  for (int i = 0; i < kAttack; ++i) objects += "{\"a\":";
  objects += "1" + std::string(kAttack, '}');
  auto deep_objects = parse_wire_entry(objects);
  ASSERT_FALSE(deep_objects);
  EXPECT_TRUE(names_depth(deep_objects.error())) << deep_objects.error().message;
  // Unclosed: refused as too deep as soon as the limit is passed, not read to the end.
  auto unclosed = parse_upload_batch(std::string(kAttack, '['));
  ASSERT_FALSE(unclosed);
  EXPECT_TRUE(names_depth(unclosed.error())) << unclosed.error().message;
}

TEST(SyncWireBounds, AnUploadIsNestedToTheLimitAtMostEvenInsideOneEntry) {
  // The entry starts at level 3 of the upload.
  auto at_limit = parse_upload_batch(upload_holding(entry_with_nesting(kMaxJsonDepth - 3)));
  ASSERT_TRUE(at_limit) << at_limit.error().message;
  ASSERT_EQ(at_limit->entries.size(), 1u);
  ASSERT_TRUE(at_limit->entries[0].entry) << at_limit->entries[0].error;
  auto past = parse_upload_batch(upload_holding(entry_with_nesting(kMaxJsonDepth - 2)));
  ASSERT_FALSE(past);
  EXPECT_TRUE(names_depth(past.error())) << past.error().message;
  // The attack: one 100,000-level entry in an otherwise good upload (200 KB).
  auto attack = parse_upload_batch(upload_holding(nested_arrays(100'000)));
  ASSERT_FALSE(attack);
  EXPECT_TRUE(names_depth(attack.error())) << attack.error().message;
  auto in_entry = parse_upload_batch(upload_holding(entry_with_nesting(100'000)));
  ASSERT_FALSE(in_entry);
  EXPECT_TRUE(names_depth(in_entry.error())) << in_entry.error().message;
}

TEST(SyncWireBounds, EveryParserRefusesTooDeepADocument) {
  const std::string deep = nested_arrays(kMaxJsonDepth + 1);
  std::vector<std::pair<const char*, Error>> refusals;
  auto keep = [&](const char* name, const auto& result) {
    ASSERT_FALSE(result) << name;
    refusals.emplace_back(name, result.error());
  };
  keep("entry", parse_wire_entry(deep));
  keep("upload", parse_upload_batch(deep));
  keep("upload answer", parse_upload_answer(deep));
  keep("changes", parse_change_page(deep));
  keep("enrol", parse_enrol_request(deep));
  keep("enrol answer", parse_enrol_answer(deep));
  keep("reconcile", parse_reconcile_request(deep));
  keep("reconcile answer", parse_reconcile_answer(deep));
  for (const auto& [name, error] : refusals) EXPECT_TRUE(names_depth(error)) << name << ": " << error.message;
}

TEST(SyncWireBounds, ASyntaxErrorNamesTheByte) {
  auto broken = parse_wire_entry("{\"uuid\": nope}");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, Errc::invalid_input);
  EXPECT_NE(broken.error().message.find("not valid JSON (at byte"), std::string::npos) << broken.error().message;
}

// The key of device "d", which journal_header names as the signer.
const DeviceJournalKey kJournalKey{"d", std::string(64, '7')};

// A journal file's text with a valid trailer over `body`.
std::string with_trailer(const std::string& body) {
  return body + "{\"hmac_sha512_256\":\"" + journal_mac(kJournalKey.key_hex, body).value() + "\"}\n";
}

std::string journal_header(const std::string& event, const std::string& count, const std::string& exported_ms) {
  return "{\"format\":\"passerelle-journal\",\"version\":2,\"signer\":\"d\",\"device_ids\":[\"d\"],\"event\":" + event +
         ",\"count\":" + count + ",\"exported_ms\":" + exported_ms + "}\n";
}

TEST(SyncWireBounds, AJournalFileLineNestedTooDeepIsRefused) {
  const std::string header = journal_header("1", "1", "9");
  auto at_limit = parse_journal_file(with_trailer(header + entry_with_nesting(kMaxJsonDepth - 1) + "\n"), kJournalKey);
  ASSERT_TRUE(at_limit) << at_limit.error().message;
  auto past = parse_journal_file(with_trailer(header + entry_with_nesting(kMaxJsonDepth) + "\n"), kJournalKey);
  ASSERT_FALSE(past);
  EXPECT_TRUE(names_depth(past.error())) << past.error().message;
  EXPECT_NE(past.error().message.find("line 2"), std::string::npos) << past.error().message;
  auto attack = parse_journal_file(with_trailer(header + entry_with_nesting(100'000) + "\n"), kJournalKey);
  ASSERT_FALSE(attack);
  EXPECT_TRUE(names_depth(attack.error())) << attack.error().message;
  // The trailer is read before the MAC is checked.
  auto trailer = parse_journal_file(header + "{\"hmac_sha512_256\":" + nested_arrays(100'000) + "}\n", kJournalKey);
  ASSERT_FALSE(trailer);
  EXPECT_TRUE(names_depth(trailer.error())) << trailer.error().message;
}

struct Bound {
  std::int64_t value;
  bool accepted;
};

// At each bound, one past it, and the extremes of int64.
std::vector<Bound> bounds(std::int64_t min, std::int64_t max) {
  std::vector<Bound> cases{{min, true}, {max, true}, {kInt64Min, min == kInt64Min}, {kInt64Max, max == kInt64Max}};
  if (min != kInt64Min) cases.push_back({min - 1, false});
  if (max != kInt64Max) cases.push_back({max + 1, false});
  return cases;
}

template <class Parse>
void expect_bounds(const char* field, std::int64_t min, std::int64_t max, Parse parse_with) {
  for (const auto& [value, accepted] : bounds(min, max)) {
    const auto result = parse_with(value);
    EXPECT_EQ(static_cast<bool>(result), accepted) << field << " = " << value;
    if (!accepted && !result) {
      EXPECT_EQ(result.error().code, Errc::invalid_input);
      EXPECT_NE(result.error().message.find(field), std::string::npos) << result.error().message;
    }
  }
}

TEST(SyncWireBounds, EveryNumberOfAnEntryIsBounded) {
  EXPECT_EQ(kMaxSeq, 9'007'199'254'740'992);
  EXPECT_EQ(kMaxClockMs, 4'102'444'800'000);  // 2100-01-01T00:00:00Z
  auto with = [](auto set) {
    return [set](std::int64_t value) {
      auto entry = sample_entry();
      set(entry, value);
      return parse_wire_entry(to_json(entry));
    };
  };
  expect_bounds("seq", 1, kMaxSeq, with([](WireEntry& e, std::int64_t v) { e.seq = v; }));
  expect_bounds("event", 1, kMaxSeq, with([](WireEntry& e, std::int64_t v) { e.event = v; }));
  expect_bounds("wall_ms", kMinClockMs, kMaxClockMs, with([](WireEntry& e, std::int64_t v) { e.wall_ms = v; }));
  expect_bounds("monotonic_ns", 0, kInt64Max, with([](WireEntry& e, std::int64_t v) { e.monotonic_ns = v; }));
  // validate() says the same of an entry built in code.
  auto entry = sample_entry();
  entry.seq = kInt64Max;
  EXPECT_FALSE(validate(entry));
  entry.seq = 1;
  entry.wall_ms = kInt64Min;
  EXPECT_FALSE(validate(entry));
}

TEST(SyncWireBounds, AKioskWhoseClockSays1970StillUploads) {
  // No real-time clock: booted at the epoch, checking people in before NTP answered.
  auto entry = sample_entry();
  entry.wall_ms = 1'234;
  entry.local_day = "1970-01-01";
  UploadBatch batch{"dev", 5'000, 1'767'225'600'000 /* hub - kiosk: 56 years */, {entry}};
  auto parsed = parse_upload_batch(to_json(batch));
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_TRUE(parsed->entries[0].entry) << parsed->entries[0].error;
  EXPECT_EQ(parsed->entries[0].entry->wall_ms, 1'234);
}

TEST(SyncWireBounds, AnEntryOutOfBoundsIsKeptForQuarantineNotFailingItsBatch) {
  auto early = sample_entry();
  early.wall_ms = -1;  // before 1970
  auto absurd = sample_entry();
  absurd.uuid = "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7c";
  absurd.seq = kInt64Max;
  UploadBatch batch{"dev", 1, 0, {early, absurd, sample_entry()}};
  auto parsed = parse_upload_batch(to_json(batch));
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->entries.size(), 3u);
  EXPECT_FALSE(parsed->entries[0].entry);
  EXPECT_NE(parsed->entries[0].error.find("wall_ms"), std::string::npos) << parsed->entries[0].error;
  EXPECT_EQ(parsed->entries[0].seq, 12) << "a good seq still counts toward acked_seq";
  EXPECT_FALSE(parsed->entries[1].entry);
  EXPECT_EQ(parsed->entries[1].uuid, absurd.uuid);
  EXPECT_EQ(parsed->entries[1].seq, 0) << "a seq no kiosk can reach counts toward nothing";
  EXPECT_TRUE(parsed->entries[2].entry);
}

TEST(SyncWireBounds, EveryNumberOfAnEnvelopeIsBounded) {
  expect_bounds("kiosk_time_ms", kMinClockMs, kMaxClockMs, [](std::int64_t v) {
    return parse_upload_batch(to_json(UploadBatch{"dev", v, 0, {sample_entry()}}));
  });
  expect_bounds("clock_offset_ms", -kMaxClockOffsetMs, kMaxClockOffsetMs, [](std::int64_t v) {
    return parse_upload_batch(to_json(UploadBatch{"dev", 1, v, {sample_entry()}}));
  });
  expect_bounds("kiosk_time_ms", kMinClockMs, kMaxClockMs, [](std::int64_t v) {
    return parse_enrol_request(to_json(EnrolRequest{"code", "door", {}, v}));
  });
  expect_bounds("count", 0, kMaxSeq, [](std::int64_t v) {
    return parse_reconcile_request(to_json(ReconcileRequest{"dev", v, std::string(64, 'a')}));
  });
}

TEST(SyncWire, AnEnrolAnswerCarriesAWellFormedJournalKey) {
  const std::string key(64, 'a');
  auto parsed = parse_enrol_answer(to_json(EnrolAnswer{"dev", "token", 1, 1, key}));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->journal_key, key);
  EXPECT_TRUE(parse_enrol_answer(to_json(EnrolAnswer{"dev", "token", 1, 1, ""}))) << "an older hub sends none";
  EXPECT_FALSE(parse_enrol_answer(to_json(EnrolAnswer{"dev", "token", 1, 1, "not-a-key"})));
}

TEST(SyncWireBounds, EveryNumberOfAnAnswerIsBounded) {
  expect_bounds("acked_seq", 0, kMaxSeq, [](std::int64_t v) {
    return parse_upload_answer(to_json(UploadAnswer{{}, v, 1}));
  });
  expect_bounds("hub_time_ms", kMinClockMs, kMaxClockMs, [](std::int64_t v) {
    return parse_upload_answer(to_json(UploadAnswer{{}, 1, v}));
  });
  expect_bounds("event_id", 1, kMaxSeq, [](std::int64_t v) {
    return parse_enrol_answer(to_json(EnrolAnswer{"dev", "token", v, 1, ""}));
  });
  expect_bounds("hub_time_ms", kMinClockMs, kMaxClockMs, [](std::int64_t v) {
    return parse_enrol_answer(to_json(EnrolAnswer{"dev", "token", 1, v, ""}));
  });
  auto page = [](std::int64_t cursor, std::int64_t remaining, std::int64_t hub_time_ms) {
    ChangePage changes;
    changes.cursor = cursor;
    changes.remaining = remaining;
    changes.hub_time_ms = hub_time_ms;
    return parse_change_page(to_json(changes));
  };
  expect_bounds("cursor", 0, kMaxSeq, [&](std::int64_t v) { return page(v, 0, 1); });
  expect_bounds("remaining", 0, kMaxSeq, [&](std::int64_t v) { return page(0, v, 1); });
  expect_bounds("hub_time_ms", kMinClockMs, kMaxClockMs, [&](std::int64_t v) { return page(0, 0, v); });
  expect_bounds("seq", 1, kMaxSeq, [](std::int64_t v) {
    ChangePage changes;
    changes.changes = {{v, sample_entry()}};
    changes.cursor = kMaxSeq;
    return parse_change_page(to_json(changes));
  });
  expect_bounds("hub_count", 0, kMaxSeq, [](std::int64_t v) {
    return parse_reconcile_answer(to_json(ReconcileAnswer{false, v, "x", {}}));
  });
}

TEST(SyncWireBounds, MissingRangesAreAscendingDisjointAndWithinSeqBounds) {
  auto missing = [](std::vector<SequenceRange> ranges) {
    return parse_reconcile_answer(to_json(ReconcileAnswer{false, 1, "x", std::move(ranges)}));
  };
  auto good = missing({{1, 1}, {3, 5}, {kMaxSeq, kMaxSeq}});
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_EQ(good->missing.size(), 3u);
  EXPECT_FALSE(missing({{0, 1}}));
  EXPECT_FALSE(missing({{1, kMaxSeq + 1}}));
  EXPECT_FALSE(missing({{kInt64Min, 2}}));
  EXPECT_FALSE(missing({{2, kInt64Max}}));
  EXPECT_FALSE(missing({{5, 3}}));
  EXPECT_FALSE(missing({{1, 4}, {3, 6}}));  // overlapping: their lengths could add up past int64
  EXPECT_FALSE(missing({{5, 6}, {1, 2}}));
}

TEST(SyncWireBounds, EveryNumberOfAJournalFileHeaderIsBounded) {
  auto header_with = [](const std::string& event, const std::string& count, const std::string& exported_ms) {
    return parse_journal_file(with_trailer(journal_header(event, count, exported_ms)), kJournalKey);
  };
  ASSERT_TRUE(header_with("1", "0", "0"));
  expect_bounds("event", 1, kMaxSeq, [&](std::int64_t v) {
    auto file = header_with(std::to_string(v), "0", "0");
    return file ? Status{} : Status(file.error());
  });
  expect_bounds("exported_ms", kMinClockMs, kMaxClockMs, [&](std::int64_t v) {
    auto file = header_with("1", "0", std::to_string(v));
    return file ? Status{} : Status(file.error());
  });
  // count 0 to kMaxSeq is read, then must match the entries: only the bound's refusal names it.
  for (const std::int64_t count : {std::int64_t{-1}, kMaxSeq + 1, kInt64Min, kInt64Max}) {
    auto file = header_with("1", std::to_string(count), "0");
    ASSERT_FALSE(file) << count;
    EXPECT_NE(file.error().message.find("'count' must be an integer from 0"), std::string::npos)
        << file.error().message;
  }
}

}  // namespace
}  // namespace passerelle::sync
