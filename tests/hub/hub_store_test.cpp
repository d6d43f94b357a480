// HubStore's suite, part one: enrolment, tokens, devices and upload. Runs on every backend of
// hub_store_backends(); the feed and the reports are in hub_store_feed_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <thread>

#include "sync/protocol/journal_key.h"
#include "tests/hub/hub_store_suite.h"

namespace passerelle::testing {
namespace {

using hub::AuthStatus;
using sync::EntryStatus;

std::vector<EntryStatus> statuses(const sync::UploadAnswer& answer) {
  std::vector<EntryStatus> list;
  for (const auto& status : answer.statuses) list.push_back(status.status);
  return list;
}

bool has_alert(const std::vector<hub::Alert>& alerts, std::string_view kind, const std::string& uuid) {
  return std::any_of(alerts.begin(), alerts.end(),
                     [&](const hub::Alert& alert) { return alert.kind == kind && alert.uuid == uuid; });
}

TEST_P(HubStoreSuite, EnrolmentCodeWorksOnce) {
  auto code = store_->create_enrolment_code(event_, 60'000, "door 1");
  ASSERT_TRUE(code) << code.error().message;
  EXPECT_EQ(code->event_id, event_);
  EXPECT_EQ(code->expires_ms, kStartMs + 60'000);
  auto first = store_->enrol({code->code, "Kiosk A", {}, kStartMs});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->event_id, event_);
  EXPECT_TRUE(first->token.starts_with("psd_"));
  EXPECT_EQ(first->token.size(), 4u + 43u);  // 32 bytes in unpadded base64url
  EXPECT_EQ(first->hub_time_ms, kStartMs);
  auto second = store_->enrol({code->code, "Kiosk B", {}, kStartMs});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, Errc::not_found);
  EXPECT_EQ(store_->enrol({"not-a-code", "Kiosk C", {}, kStartMs}).error().code, Errc::not_found);
}

TEST_P(HubStoreSuite, EnrolmentCodeExpires) {
  auto code = store_->create_enrolment_code(event_, 60'000, "");
  ASSERT_TRUE(code);
  clock_.advance_ms(60'000);
  auto late = store_->enrol({code->code, "Kiosk", {}, kStartMs});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, Errc::not_found);
  EXPECT_EQ(store_->create_enrolment_code(event_ + 100, 60'000, "").error().code, Errc::not_found);
}

// Issue #14: `enrol --name "Door A"` labels the code; the kiosk sends its host name, which must
// not replace the organiser's label. The host name is kept only when the code has no label.
TEST_P(HubStoreSuite, AnEnrolmentCodesNameWinsOverTheNameTheKioskSends) {
  const auto labelled = value_or_fail(store_->create_enrolment_code(event_, 60'000, "Door A"), "code");
  const auto door = value_or_fail(store_->enrol({labelled.code, "kiosk-7f3a", {}, kStartMs}), "enrol");
  const auto unlabelled = value_or_fail(store_->create_enrolment_code(event_, 60'000, ""), "code");
  const auto other = value_or_fail(store_->enrol({unlabelled.code, "kiosk-9c1d", {}, kStartMs}), "enrol");

  std::map<std::string, std::string> names;  // device id -> name, as `devices` lists them
  for (const auto& device : value_or_fail(store_->devices(event_), "devices")) names[device.device_id] = device.name;
  EXPECT_EQ(names, (std::map<std::string, std::string>{{door.device_id, "Door A"}, {other.device_id, "kiosk-9c1d"}}));
  // Its token carries the same name, which logs and live views show.
  const auto auth = value_or_fail(store_->authenticate(door.token), "auth");
  EXPECT_EQ(auth.principal.name, "Door A");
}

TEST_P(HubStoreSuite, TokensAuthenticateTheirPrincipal) {
  const auto kiosk = enrol("Kiosk A", {"old-self-made-id"});
  EXPECT_EQ(kiosk.principal.kind, hub::Principal::Kind::device);
  EXPECT_EQ(kiosk.principal.event_id, event_);
  EXPECT_EQ(kiosk.principal.name, "Kiosk A");
  ASSERT_EQ(kiosk.principal.authored_ids.size(), 2u);
  EXPECT_EQ(kiosk.principal.authored_ids[0], kiosk.id());
  EXPECT_EQ(kiosk.principal.authored_ids[1], "old-self-made-id");
  EXPECT_TRUE(kiosk.principal.may_act_as("old-self-made-id"));
  EXPECT_FALSE(kiosk.principal.may_act_as("someone-else"));

  auto organiser = store_->create_organiser_token("laptop");
  ASSERT_TRUE(organiser);
  EXPECT_TRUE(organiser->starts_with("pso_"));
  auto auth = store_->authenticate(*organiser);
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->status, AuthStatus::ok);
  EXPECT_TRUE(auth->principal.is_organiser());
  EXPECT_EQ(auth->principal.name, "laptop");

  EXPECT_EQ(value_or_fail(store_->authenticate("psd_unknown"), "auth").status, AuthStatus::unknown);
  EXPECT_EQ(value_or_fail(store_->authenticate(""), "auth").status, AuthStatus::unknown);
}

// docs/sync.md "Offline transfer": a journal key for each device the hub makes, enrolled or for an
// export-kiosk bundle, with the ids a file it signs may carry.
TEST_P(HubStoreSuite, EveryDeviceTheHubMakesHasAJournalKey) {
  auto code = store_->create_enrolment_code(event_, 60'000, "");
  ASSERT_TRUE(code);
  auto answer = store_->enrol({code->code, "Kiosk A", {"self-made-id"}, kStartMs});
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_TRUE(sync::check_journal_key(answer->journal_key)) << "64 hex digits";
  auto enrolled = store_->journal_signer(answer->device_id);
  ASSERT_TRUE(enrolled) << enrolled.error().message;
  ASSERT_TRUE(enrolled->has_value());
  EXPECT_EQ((*enrolled)->journal_key, answer->journal_key);
  EXPECT_EQ((*enrolled)->event_id, event_);
  EXPECT_EQ((*enrolled)->authored_ids, (std::vector<std::string>{answer->device_id, "self-made-id"}));

  auto offline = store_->create_offline_device(event_, "bundle-3.db");
  ASSERT_TRUE(offline) << offline.error().message;
  EXPECT_TRUE(sync::check_journal_key(offline->key_hex));
  EXPECT_NE(offline->key_hex, answer->journal_key);
  auto signer = store_->journal_signer(offline->device_id);
  ASSERT_TRUE(signer && signer->has_value());
  EXPECT_EQ((*signer)->journal_key, offline->key_hex);
  EXPECT_EQ((*signer)->authored_ids, std::vector<std::string>{offline->device_id});
  // An offline device never calls the API: no token, and not listed as an enrolled device.
  auto devices = store_->devices(event_);
  ASSERT_TRUE(devices);
  EXPECT_EQ(devices->size(), 1u);

  EXPECT_FALSE(store_->journal_signer("self-made-id")->has_value()) << "the hub made no key for it";
  EXPECT_FALSE(store_->journal_signer("nobody")->has_value());
  EXPECT_EQ(store_->create_offline_device(event_ + 100, "").error().code, Errc::not_found);
  // Revoking keeps the key: importing the revoked kiosk's file is how its unsent entries come home.
  ASSERT_TRUE(store_->revoke_device(answer->device_id));
  EXPECT_TRUE(store_->journal_signer(answer->device_id)->has_value());
}

TEST_P(HubStoreSuite, RevokedDeviceIsRefused) {
  const auto kiosk = enrol("Kiosk A");
  EXPECT_EQ(upload(kiosk, {scan(kiosk.id(), 1)}).acked_seq, 1);
  ASSERT_TRUE(store_->revoke_device(kiosk.id()));
  ASSERT_TRUE(store_->revoke_device(kiosk.id()));  // idempotent
  EXPECT_EQ(value_or_fail(store_->authenticate(kiosk.token), "auth").status, AuthStatus::revoked);
  auto refused = store_->ingest(kiosk.principal, batch(kiosk.id(), {scan(kiosk.id(), 2)}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::conflict);
  EXPECT_EQ(store_->revoke_device("no-such-device").error().code, Errc::not_found);
  // What it sent before stays.
  auto rows = value_or_fail(store_->reconciliation(event_), "reconciliation");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].count, 1);
  auto devices = value_or_fail(store_->devices(event_), "devices");
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_TRUE(devices[0].revoked_ms.has_value());
}

// enrolment_rules.h: a device id a device holds is never handed on, active or revoked.
TEST_P(HubStoreSuite, ADeviceIdIsNeverHandedOnActiveOrRevoked) {
  const auto first = enrol("Kiosk A", {"self-made"});
  EXPECT_EQ(upload(first, {scan("self-made", 1)}).acked_seq, 1);  // it synced: the ids are in use
  auto code = store_->create_enrolment_code(event_, 60'000, "");
  ASSERT_TRUE(code);
  for (const auto& claimed : {std::string("self-made"), first.id()}) {
    auto clash = store_->enrol({code->code, "Kiosk B", {"new-id", claimed}, kStartMs});
    ASSERT_FALSE(clash) << claimed;
    EXPECT_EQ(clash.error().code, Errc::conflict);
    EXPECT_NE(clash.error().message.find(first.id()), std::string::npos) << clash.error().message;
  }
  // Revoked, its ids stay its own: a new kiosk naming them cannot upload or reconcile as it.
  ASSERT_TRUE(store_->revoke_device(first.id()));
  for (const auto& claimed : {std::string("self-made"), first.id()}) {
    auto takeover = store_->enrol({code->code, "Kiosk A again", {claimed}, kStartMs});
    ASSERT_FALSE(takeover) << claimed;
    EXPECT_EQ(takeover.error().code, Errc::conflict);
  }
  // Nothing of the refused enrolments stayed: the code still works, for ids of its own.
  auto fresh = store_->enrol({code->code, "Kiosk B", {"new-id"}, kStartMs});
  ASSERT_TRUE(fresh) << fresh.error().message;
  auto auth = value_or_fail(store_->authenticate(fresh->token), "auth");
  EXPECT_TRUE(auth.principal.may_act_as("new-id"));
  EXPECT_FALSE(auth.principal.may_act_as("self-made"));
  EXPECT_FALSE(auth.principal.may_act_as(first.id()));
  auto rows = value_or_fail(store_->reconciliation(event_), "reconciliation");
  for (const auto& row : rows)
    if (row.device_id == "self-made") {
      EXPECT_EQ(row.owner_device_id, first.id());
    }
}

// The one exception: the answer to an enrolment was lost, and the kiosk enrols again with a new
// code, naming the ids its first attempt claimed. That attempt's device never synced.
TEST_P(HubStoreSuite, ARetriedEnrolmentTakesTheIdsOfItsNeverUsedAttempt) {
  const auto lost = enrol("Kiosk A", {"self-made"});
  const auto retried = enrol("Kiosk A", {"self-made"});
  EXPECT_TRUE(retried.principal.may_act_as("self-made"));
  EXPECT_EQ(value_or_fail(store_->authenticate(lost.token), "auth").status, AuthStatus::revoked);
  EXPECT_EQ(upload(retried, {scan("self-made", 1)}).acked_seq, 1);
  // Now in use: a third enrolment naming it is refused.
  auto code = store_->create_enrolment_code(event_, 60'000, "");
  ASSERT_TRUE(code);
  auto third = store_->enrol({code->code, "Kiosk C", {"self-made"}, kStartMs});
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().code, Errc::conflict);
  // A download counts as use too.
  const auto downloader = enrol("Kiosk D", {"d-self-made"});
  download_all(downloader);
  auto code2 = store_->create_enrolment_code(event_, 60'000, "");
  ASSERT_TRUE(code2);
  auto fourth = store_->enrol({code2->code, "Kiosk E", {"d-self-made"}, kStartMs});
  ASSERT_FALSE(fourth);
  EXPECT_EQ(fourth.error().code, Errc::conflict);
}

// docs/sync.md, "Quarantine quota".
TEST_P(HubStoreSuite, AFullQuarantineRefusesTheWholeUploadAndAlertsOnce) {
  store_->set_limits(hub::HubLimits{3});
  const auto kiosk = enrol("Kiosk A");
  const auto other = enrol("Kiosk B");
  const std::vector first{checkin(kiosk.id(), 1, "EXT-404"), checkin(kiosk.id(), 2, "EXT-405"),
                          checkin(kiosk.id(), 3, "EXT-406")};
  auto filled = upload(kiosk, first);
  EXPECT_EQ(statuses(filled), std::vector<EntryStatus>(3, EntryStatus::quarantined));
  EXPECT_EQ(filled.acked_seq, 3);
  auto full_alerts = [&] {
    const auto alerts = value_or_fail(store_->alerts(event_), "alerts");
    return std::count_if(alerts.begin(), alerts.end(),
                         [](const hub::Alert& alert) { return alert.kind == hub::kQuarantineFullAlert; });
  };
  EXPECT_EQ(full_alerts(), 0);  // full, but nothing refused yet

  // A good entry and one more bad one: refused whole, nothing stored; one alert, however often
  // the kiosk asks again.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto refused =
        store_->ingest(kiosk.principal, batch(kiosk.id(), {scan(kiosk.id(), 4), checkin(kiosk.id(), 5, "EXT-407")}));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::exhausted);
    EXPECT_EQ(full_alerts(), 1);
  }
  const auto alerts = value_or_fail(store_->alerts(event_), "alerts");
  for (const auto& alert : alerts)
    if (alert.kind == hub::kQuarantineFullAlert) {
      EXPECT_EQ(alert.device_id, kiosk.id());
    }
  auto rows = value_or_fail(store_->reconciliation(event_), "reconciliation");
  for (const auto& row : rows)
    if (row.device_id == kiosk.id()) {
      EXPECT_EQ(row.highest, 3);
      EXPECT_EQ(row.quarantined, 3);
    }
  EXPECT_EQ(value_or_fail(store_->quarantined(event_), "quarantined").size(), 3u);

  // What is held already is answered as before, and good entries alone still go.
  EXPECT_EQ(upload(kiosk, first).acked_seq, 3);
  EXPECT_EQ(upload(kiosk, {scan(kiosk.id(), 4)}).acked_seq, 4);
  // The quota is each device's: another kiosk quarantines as usual; an organiser has none.
  EXPECT_EQ(statuses(upload(other, {checkin(other.id(), 1, "EXT-404")})),
            std::vector<EntryStatus>{EntryStatus::quarantined});
  auto token = value_or_fail(store_->create_organiser_token("desk"), "token");
  auto organiser = value_or_fail(store_->authenticate(token), "auth").principal;
  auto imported = store_->ingest(organiser, batch(kiosk.id(), {checkin(kiosk.id(), 5, "EXT-407")}));
  ASSERT_TRUE(imported) << imported.error().message;

  // Raised, the kiosk's waiting entries go.
  store_->set_limits(hub::HubLimits{10});
  auto later = store_->ingest(kiosk.principal, batch(kiosk.id(), {checkin(kiosk.id(), 6, "EXT-408")}));
  ASSERT_TRUE(later) << later.error().message;
  EXPECT_EQ(later->acked_seq, 6);
}

TEST_P(HubStoreSuite, IngestIsIdempotent) {
  const auto kiosk = enrol("Kiosk A");
  const std::vector entries{scan(kiosk.id(), 1), scan(kiosk.id(), 2), scan(kiosk.id(), 3)};
  auto first = upload(kiosk, entries);
  EXPECT_EQ(statuses(first), (std::vector{EntryStatus::stored, EntryStatus::stored, EntryStatus::stored}));
  EXPECT_EQ(first.acked_seq, 3);
  ASSERT_EQ(first.statuses.size(), 3u);
  EXPECT_EQ(first.statuses[1].uuid, entries[1].uuid);
  EXPECT_EQ(first.hub_time_ms, kStartMs);

  auto again = upload(kiosk, entries);
  EXPECT_EQ(statuses(again), (std::vector{EntryStatus::duplicate, EntryStatus::duplicate, EntryStatus::duplicate}));
  EXPECT_EQ(again.acked_seq, 3);
  auto metrics = value_or_fail(store_->metrics(), "metrics");
  EXPECT_EQ(metrics.entries_stored, 3);
  EXPECT_EQ(metrics.entries_quarantined, 0);
  EXPECT_TRUE(value_or_fail(store_->alerts(std::nullopt), "alerts").empty());
}

TEST_P(HubStoreSuite, OverlappingBatchStoresOnlyTheNewEntries) {
  const auto kiosk = enrol("Kiosk A");
  const std::vector entries{scan(kiosk.id(), 1), scan(kiosk.id(), 2), scan(kiosk.id(), 3), scan(kiosk.id(), 4)};
  upload(kiosk, {entries[0], entries[1]});
  // An answer lost on the way: the kiosk sends from its old mark again, with more.
  auto answer = upload(kiosk, entries);
  EXPECT_EQ(statuses(answer),
            (std::vector{EntryStatus::duplicate, EntryStatus::duplicate, EntryStatus::stored, EntryStatus::stored}));
  EXPECT_EQ(answer.acked_seq, 4);
  EXPECT_EQ(upload(kiosk, {}).acked_seq, 4);
}

TEST_P(HubStoreSuite, UuidConflictIsQuarantinedAndCounted) {
  const auto kiosk = enrol("Kiosk A");
  const auto original = scan(kiosk.id(), 1);
  upload(kiosk, {original});
  auto forged = scan(kiosk.id(), 2);
  forged.uuid = original.uuid;
  auto answer = upload(kiosk, {forged});
  ASSERT_EQ(answer.statuses.size(), 1u);
  EXPECT_EQ(answer.statuses[0].status, EntryStatus::quarantined);
  EXPECT_EQ(answer.statuses[0].reason, "uuid_conflict");
  EXPECT_EQ(answer.acked_seq, 2);  // received, even though refused
  auto held = value_or_fail(store_->quarantined(event_), "quarantined");
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].reason, "uuid_conflict");
  EXPECT_EQ(held[0].uuid, original.uuid);
  EXPECT_EQ(held[0].seq, 2);
  EXPECT_EQ(held[0].uploader, kiosk.id());
  EXPECT_EQ(held[0].raw_json, sync::to_json(forged));
  EXPECT_TRUE(has_alert(value_or_fail(store_->alerts(event_), "alerts"), "uuid_conflict", original.uuid));
  // The same refused entry again: the same answer, no second row or alert.
  auto retry = upload(kiosk, {forged});
  EXPECT_EQ(retry.statuses[0].status, EntryStatus::quarantined);
  EXPECT_EQ(retry.statuses[0].reason, "uuid_conflict");
  EXPECT_EQ(value_or_fail(store_->quarantined(std::nullopt), "quarantined").size(), 1u);
  EXPECT_EQ(value_or_fail(store_->alerts(std::nullopt), "alerts").size(), 1u);
}

TEST_P(HubStoreSuite, SequenceConflictFromAClonedDeviceKeepsBothAndAlerts) {
  const auto kiosk = enrol("Kiosk A");
  const auto original = scan(kiosk.id(), 1);
  upload(kiosk, {original, scan(kiosk.id(), 2)});
  // A copy of the kiosk's disk writes its own entry 2 under the same device id and token.
  const auto clone_entry = scan(kiosk.id(), 2);
  auto answer = upload(kiosk, {clone_entry, scan(kiosk.id(), 3)});
  EXPECT_EQ(statuses(answer), (std::vector{EntryStatus::quarantined, EntryStatus::stored}));
  EXPECT_EQ(answer.statuses[0].reason, "sequence_conflict");
  EXPECT_EQ(answer.acked_seq, 3);
  auto held = value_or_fail(store_->quarantined(event_), "quarantined");
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].uuid, clone_entry.uuid);
  EXPECT_TRUE(has_alert(value_or_fail(store_->alerts(event_), "alerts"), "sequence_conflict", clone_entry.uuid));
  // Both entries 2 are held: three stored and one quarantined.
  auto rows = value_or_fail(store_->reconciliation(event_), "reconciliation");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].count, 4);
  EXPECT_EQ(rows[0].quarantined, 1);
  EXPECT_EQ(value_or_fail(store_->metrics(), "metrics").entries_stored, 3);
}

TEST_P(HubStoreSuite, MalformedEntryIsQuarantinedAndAcknowledged) {
  const auto kiosk = enrol("Kiosk A");
  const auto first = scan(kiosk.id(), 1);
  const auto third = scan(kiosk.id(), 3);
  auto broken = scan(kiosk.id(), 2);
  broken.local_day = "tomorrow";
  const std::string json = "{\"device_id\": \"" + kiosk.id() +
                           "\", \"kiosk_time_ms\": 1, \"clock_offset_ms\": 0, \"entries\": [" + sync::to_json(first) +
                           ", " + sync::to_json(broken) + ", " + sync::to_json(third) + "]}";
  auto parsed = sync::parse_upload_batch(json);
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_FALSE(parsed->entries[1].entry.has_value());
  auto answer = store_->ingest(kiosk.principal, *parsed);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(statuses(*answer), (std::vector{EntryStatus::stored, EntryStatus::quarantined, EntryStatus::stored}));
  EXPECT_EQ(answer->statuses[1].reason, "malformed");
  EXPECT_EQ(answer->statuses[1].uuid, broken.uuid);
  EXPECT_EQ(answer->acked_seq, 3);
  auto held = value_or_fail(store_->quarantined(std::nullopt), "quarantined");
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].reason, "malformed");
  EXPECT_NE(held[0].detail.find("local_day"), std::string::npos) << held[0].detail;
  EXPECT_NE(held[0].raw_json.find("tomorrow"), std::string::npos);
  EXPECT_TRUE(has_alert(value_or_fail(store_->alerts(std::nullopt), "alerts"), "malformed", broken.uuid));
}

TEST_P(HubStoreSuite, AckedSeqStopsAtTheFirstGap) {
  const auto kiosk = enrol("Kiosk A");
  const auto third = scan(kiosk.id(), 3);
  EXPECT_EQ(upload(kiosk, {scan(kiosk.id(), 1), scan(kiosk.id(), 2), scan(kiosk.id(), 4)}).acked_seq, 2);
  auto rows = value_or_fail(store_->reconciliation(event_), "reconciliation");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].contiguous, 2);
  EXPECT_EQ(rows[0].highest, 4);
  EXPECT_EQ(rows[0].missing, (std::vector<sync::SequenceRange>{{3, 3}}));
  EXPECT_EQ(upload(kiosk, {third}).acked_seq, 4);
}

TEST_P(HubStoreSuite, EntriesOutsideTheDevicesIdsOrEventAreRefused) {
  const auto kiosk = enrol("Kiosk A");
  // A batch under an id the device did not author is refused whole.
  auto foreign = store_->ingest(kiosk.principal, batch("someone-else", {scan("someone-else", 1)}));
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, Errc::conflict);
  // Inside its own batch: an entry of another device id, and one of another event.
  auto stray = scan("someone-else", 1);
  auto elsewhere = scan(kiosk.id(), 2);
  elsewhere.event = event_ + 7;
  auto answer = value_or_fail(
      store_->ingest(kiosk.principal, batch(kiosk.id(), {scan(kiosk.id(), 1), stray, elsewhere})), "ingest");
  EXPECT_EQ(statuses(answer), (std::vector{EntryStatus::stored, EntryStatus::quarantined, EntryStatus::quarantined}));
  EXPECT_EQ(answer.statuses[1].reason, "wrong_device");
  EXPECT_EQ(answer.statuses[2].reason, "other_event");
  // The stray's seq 1 is another id's: only the other-event entry counts for this id.
  EXPECT_EQ(answer.acked_seq, 2);
}

TEST_P(HubStoreSuite, UnknownParticipantIsQuarantined) {
  const auto kiosk = enrol("Kiosk A");
  auto answer = upload(kiosk, {checkin(kiosk.id(), 1, "EXT-404")});
  ASSERT_EQ(answer.statuses.size(), 1u);
  EXPECT_EQ(answer.statuses[0].status, EntryStatus::quarantined);
  EXPECT_EQ(answer.statuses[0].reason, "unknown_participant");
  EXPECT_EQ(answer.acked_seq, 1);
}

// The entry rules (sync/protocol/entry_rules.h), as both storages run them.
TEST_P(HubStoreSuite, CheckpointNamesMatchWithoutCaseAndAnUnknownOneIsQuarantined) {
  const auto kiosk = enrol("Kiosk A");
  auto shouted = checkin(kiosk.id(), 1, "EXT-1");
  ASSERT_TRUE(shouted.checkpoint);
  std::string upper = *shouted.checkpoint;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  shouted.checkpoint = upper;
  auto nowhere = checkin(kiosk.id(), 2, "EXT-2");
  nowhere.checkpoint = "Nowhere";
  auto answer = upload(kiosk, {shouted, nowhere});
  ASSERT_EQ(answer.statuses.size(), 2u);
  EXPECT_EQ(answer.statuses[0].status, EntryStatus::stored);
  EXPECT_EQ(answer.statuses[1].status, EntryStatus::quarantined);
  EXPECT_EQ(answer.statuses[1].reason, "unknown_checkpoint");
  EXPECT_EQ(answer.acked_seq, 2);
  // Sent again as it was (its answer lost): the same entry, though the hub holds the name as the
  // event spells it.
  auto again = upload(kiosk, {shouted});
  EXPECT_EQ(statuses(again), std::vector{EntryStatus::duplicate});
  EXPECT_TRUE(value_or_fail(store_->quarantined(event_), "quarantine").size() == 1u);
}

TEST_P(HubStoreSuite, OrganiserImportsForAnyDeviceId) {
  auto token = value_or_fail(store_->create_organiser_token("desk"), "token");
  auto organiser = value_or_fail(store_->authenticate(token), "auth").principal;
  auto answer =
      store_->ingest(organiser, batch("never-enrolled", {scan("never-enrolled", 1), scan("never-enrolled", 2)}));
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(statuses(*answer), (std::vector{EntryStatus::stored, EntryStatus::stored}));
  EXPECT_EQ(answer->acked_seq, 2);
  auto again = store_->ingest(organiser, batch("never-enrolled", {scan("never-enrolled", 3)}));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->acked_seq, 3);
}

TEST_P(HubStoreSuite, DoubleCheckinFromTwoDevicesIsFlagged) {
  const auto a = enrol("Kiosk A");
  const auto b = enrol("Kiosk B");
  const auto at_a = checkin(a.id(), 1, "EXT-1");
  clock_.advance_ms(5'000);
  const auto at_b = checkin(b.id(), 1, "EXT-1");
  EXPECT_EQ(statuses(upload(a, {at_a})), std::vector{EntryStatus::stored});
  EXPECT_EQ(statuses(upload(b, {at_b})), std::vector{EntryStatus::stored});
  auto alerts = value_or_fail(store_->alerts(event_), "alerts");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind, "double_checkin");
  EXPECT_EQ(alerts[0].uuid, at_b.uuid);
  EXPECT_EQ(alerts[0].other_uuid, at_a.uuid);
  EXPECT_EQ(alerts[0].device_id, b.id());
  // Check-ins of different people are no pair.
  upload(a, {checkin(a.id(), 2, "EXT-2")});
  EXPECT_EQ(value_or_fail(store_->alerts(event_), "alerts").size(), 1u);
}

// A download marks the device as seen: at its first poll, then at most every 30 s
// (last_sync_throttle.h), so that polls do not each cost a durable commit.
TEST_P(HubStoreSuite, DownloadsMarkTheDeviceSeenAtMostEveryThirtySeconds) {
  const auto kiosk = enrol("Kiosk A");
  const auto last_sync = [&] {
    auto devices = value_or_fail(store_->devices(event_), "devices");
    return devices.empty() ? std::optional<std::int64_t>() : devices[0].last_sync_ms;
  };
  EXPECT_FALSE(last_sync());
  clock_.advance_ms(1'000);
  ASSERT_TRUE(store_->changes(kiosk.principal, 0, 10));
  EXPECT_EQ(last_sync(), kStartMs + 1'000);
  clock_.advance_ms(10'000);
  ASSERT_TRUE(store_->changes(kiosk.principal, 0, 10));
  EXPECT_EQ(last_sync(), kStartMs + 1'000);
  clock_.advance_ms(20'000);
  ASSERT_TRUE(store_->changes(kiosk.principal, 0, 10));
  EXPECT_EQ(last_sync(), kStartMs + 31'000);
  // An upload writes it whatever the interval.
  clock_.advance_ms(1'000);
  upload(kiosk, {scan(kiosk.id(), 1)});
  EXPECT_EQ(last_sync(), kStartMs + 32'000);
}

TEST_P(HubStoreSuite, DevicesShowSyncClockAndGaps) {
  const auto kiosk = enrol("Kiosk A", {"self-made"});
  clock_.advance_ms(10'000);
  upload(kiosk, {scan(kiosk.id(), 1), scan(kiosk.id(), 3)});
  auto devices = value_or_fail(store_->devices(std::nullopt), "devices");
  ASSERT_EQ(devices.size(), 1u);
  const auto& device = devices[0];
  EXPECT_EQ(device.device_id, kiosk.id());
  EXPECT_EQ(device.name, "Kiosk A");
  EXPECT_EQ(device.event_id, event_);
  EXPECT_EQ(device.enrolled_ms, kStartMs);
  EXPECT_EQ(device.last_sync_ms, kStartMs + 10'000);
  EXPECT_EQ(device.clock_offset_ms, 1500);
  EXPECT_FALSE(device.revoked_ms);
  ASSERT_EQ(device.authored.size(), 2u);
  EXPECT_EQ(device.authored[0].authored_id, kiosk.id());
  EXPECT_EQ(device.authored[0].acked_seq, 1);
  EXPECT_EQ(device.authored[0].highest_seq, 3);
  EXPECT_EQ(device.authored[0].missing, 1);
  EXPECT_EQ(device.authored[1].authored_id, "self-made");
  EXPECT_EQ(device.authored[1].acked_seq, 0);
  EXPECT_TRUE(value_or_fail(store_->devices(event_ + 1), "devices").empty());

  auto metrics = value_or_fail(store_->metrics(), "metrics");
  EXPECT_EQ(metrics.devices_active, 1);
  EXPECT_EQ(metrics.devices_revoked, 0);
  ASSERT_EQ(metrics.devices.size(), 1u);
  EXPECT_EQ(metrics.devices[0].last_sync_ms, kStartMs + 10'000);
  EXPECT_GT(metrics.feed_seq, 0);
}

TEST_P(HubStoreSuite, StoredDataSurvivesReopening) {
  const auto kiosk = enrol("Kiosk A");
  upload(kiosk, {scan(kiosk.id(), 1)});
  store_.reset();
  auto reopened = backend_->open_store(clock_);
  ASSERT_TRUE(reopened) << reopened.error().message;
  store_ = std::move(*reopened);
  EXPECT_EQ(value_or_fail(store_->authenticate(kiosk.token), "auth").status, AuthStatus::ok);
  EXPECT_EQ(upload(kiosk, {scan(kiosk.id(), 2)}).acked_seq, 2);
}

// Uploads arriving together may share one transaction (SQLite's group commit): each must still be
// stored or refused on its own, a revoked device's batch failing without taking the others along.
TEST_P(HubStoreSuite, ConcurrentUploadsAreEachStoredOrRefusedAlone) {
  constexpr int kDevices = 6;
  constexpr int kEntries = 200;
  std::vector<Device> devices;
  std::vector<sync::IncomingBatch> batches;
  for (int i = 0; i < kDevices; ++i) {
    devices.push_back(enrol("door " + std::to_string(i)));
    std::vector<sync::WireEntry> entries;
    for (int seq = 1; seq <= kEntries; ++seq) entries.push_back(scan(devices.back().id(), seq));
    batches.push_back(batch(devices.back().id(), entries));
  }
  ASSERT_TRUE(store_->revoke_device(devices[3].id()));
  std::vector<int> acked(kDevices, -1);
  std::vector<std::thread> uploaders;
  for (int i = 0; i < kDevices; ++i)
    uploaders.emplace_back([&, i] {
      auto answer =
          store_->ingest(devices[static_cast<std::size_t>(i)].principal, batches[static_cast<std::size_t>(i)]);
      acked[static_cast<std::size_t>(i)] = answer ? static_cast<int>(answer->acked_seq) : 0;
    });
  for (auto& uploader : uploaders) uploader.join();
  for (int i = 0; i < kDevices; ++i) EXPECT_EQ(acked[static_cast<std::size_t>(i)], i == 3 ? 0 : kEntries) << i;
  const auto metrics = value_or_fail(store_->metrics(), "metrics");
  EXPECT_EQ(metrics.entries_stored, (kDevices - 1) * kEntries);
}

INSTANTIATE_TEST_SUITE_P(Backends, HubStoreSuite, ::testing::ValuesIn(hub_store_backends()),
                         [](const ::testing::TestParamInfo<HubStoreBackendFactory>& backend) {
                           return backend.param.name;
                         });

}  // namespace
}  // namespace passerelle::testing
