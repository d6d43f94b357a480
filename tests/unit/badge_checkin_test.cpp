// Check-ins with signed badges: every token outcome of DESIGN.md, in its order.
#include <gtest/gtest.h>

#include "core/badge/issuer.h"
#include "core/checkin/checkin.h"
#include "core/store/bundle.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

using testing::kMorning;

class BadgeCheckinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(dir_.file("hub.db"), clock_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<Store>(std::move(*opened));
    EventConfig config = default_event_config("Forum", "2026-12-08");
    config.checkpoints.push_back({"Workshop", CheckpointRule::once_per_event, {"workshop-a"}});
    event_ = *store_->create_event(config);
    other_event_ = *store_->create_event(default_event_config("Other forum", "2026-12-08"));
    entrance_ = (*store_->checkpoints(event_))[0].id;
    workshop_ = (*store_->checkpoints(event_))[1].id;
  }

  Participant add(const std::string& id, ParticipantStatus status = ParticipantStatus::registered,
                  std::int64_t event = 0) {
    ParticipantRecord record;
    record.external_id = id;
    record.first_name = "Łukasz";
    record.last_name = "Wróbel " + id;
    record.status = status;
    const auto target = event == 0 ? event_ : event;
    auto transaction = db::Transaction::begin(store_->database());
    EXPECT_TRUE(store_->upsert_participant_in_transaction(target, record));
    EXPECT_TRUE(transaction->commit());
    return **store_->find_by_external_id(target, id);
  }

  std::string code_of(const Participant& person) {
    auto code = badge::badge_code(*store_, **store_->participant(person.id));
    EXPECT_TRUE(code) << code.error().message;
    return code ? *code : "";
  }

  CheckinResult scan(const std::string& code, std::int64_t checkpoint = 0) {
    CheckinService service(*store_);
    CheckinRequest request;
    request.event_id = event_;
    request.checkpoint_id = checkpoint == 0 ? entrance_ : checkpoint;
    request.code = code;
    auto result = service.scan(request);
    EXPECT_TRUE(result) << result.error().message;
    return result ? *result : CheckinResult{};
  }

  testing::TempDir dir_;
  ManualClock clock_{kMorning};
  std::unique_ptr<Store> store_;
  std::int64_t event_ = 0, other_event_ = 0, entrance_ = 0, workshop_ = 0;
};

TEST_F(BadgeCheckinTest, AValidBadgeIsAcceptedOnceAndNamesItsHolder) {
  const auto anna = add("A1");
  const auto code = code_of(anna);
  ASSERT_TRUE(badge::has_token_prefix(code));
  EXPECT_EQ(code, code_of(anna)) << "printing twice prints the same badge";
  const auto first = scan(code);
  EXPECT_EQ(first.outcome, Outcome::accepted);
  ASSERT_TRUE(first.participant);
  EXPECT_EQ(first.participant->record.external_id, "A1");
  EXPECT_EQ(scan(code).outcome, Outcome::already_checked_in);
  EXPECT_EQ(scan("  " + code + "\r\n").outcome, Outcome::already_checked_in);  // scanner white space
}

TEST_F(BadgeCheckinTest, MalformedTextWithOurPrefix) {
  EXPECT_EQ(scan("PSL-").outcome, Outcome::malformed);
  EXPECT_EQ(scan("PSL-NOT!BASE32").outcome, Outcome::malformed);
  const auto code = code_of(add("A1"));
  EXPECT_EQ(scan(code.substr(0, code.size() - 5)).outcome, Outcome::malformed);
}

TEST_F(BadgeCheckinTest, UnknownKeyAndRetiredKey) {
  const auto person = add("A1");
  // Signed by a key this hub never had: a badge of someone else's event.
  badge::TokenClaims claims;
  claims.event_id = static_cast<std::uint32_t>(event_);
  claims.participant_id = static_cast<std::uint32_t>(person.id);
  claims.badge_serial = 1;
  EXPECT_EQ(scan(badge::issue_token(claims, badge::generate_key_pair())).outcome, Outcome::unknown_key);

  const auto old_code = code_of(person);
  const auto old_key = (*store_->signing_keys(event_)).front().key_id;
  ASSERT_FALSE(store_->retire_signing_key(old_key)) << "the last active key cannot be retired";
  ASSERT_TRUE(store_->add_signing_key(event_, badge::generate_key_pair()));
  ASSERT_TRUE(store_->retire_signing_key(old_key));
  const auto refused = scan(old_code);
  EXPECT_EQ(refused.outcome, Outcome::unknown_key);
  EXPECT_NE(refused.detail.find("retired"), std::string::npos) << refused.detail;
  EXPECT_EQ(scan(code_of(person)).outcome, Outcome::accepted) << "new badges use the new key";
}

TEST_F(BadgeCheckinTest, TamperedBadgeHasABadSignature) {
  const auto code = code_of(add("A1"));
  // Any one character changed: either it no longer parses, or the signature fails. Never accepted.
  for (std::size_t i = 4; i < code.size(); ++i) {
    std::string forged = code;
    forged[i] = forged[i] == 'A' ? 'B' : 'A';
    const auto outcome = scan(forged).outcome;
    EXPECT_TRUE(outcome == Outcome::bad_signature || outcome == Outcome::malformed || outcome == Outcome::unknown_key)
        << "position " << i << ": " << to_string(outcome);
  }
  // Claims re-signed with a key whose id collides with the event's: a clean bad signature.
  auto forged_key = badge::generate_key_pair();
  forged_key.key_id = (*store_->signing_keys(event_)).front().key_id;
  badge::TokenClaims claims = (*badge::parse_token(code)).claims;
  auto forged = badge::issue_token(claims, forged_key);
  EXPECT_EQ(scan(forged).outcome, Outcome::bad_signature);
}

TEST_F(BadgeCheckinTest, BadgeOfAnotherEventOfTheSameHub) {
  const auto elsewhere = add("B1", ParticipantStatus::registered, other_event_);
  const auto result = scan(code_of(elsewhere));
  EXPECT_EQ(result.outcome, Outcome::other_event);
}

TEST_F(BadgeCheckinTest, ReissueRevokesOlderBadgesAndTheListRevokesOne) {
  const auto person = add("A1");
  const auto first = code_of(person);
  ASSERT_EQ(*store_->reissue_badge(person.id), 2);
  const auto second = code_of(person);
  EXPECT_NE(first, second);
  EXPECT_EQ(scan(first).outcome, Outcome::revoked);
  ASSERT_TRUE(store_->revoke_badge(person.id, 2, "lost"));
  EXPECT_EQ(scan(second).outcome, Outcome::revoked);
  ASSERT_EQ(*store_->reissue_badge(person.id), 3);
  EXPECT_EQ(scan(code_of(person)).outcome, Outcome::accepted);
}

// The fingerprint of the agenda printed for a participant (core/meetings/agenda_print.h) is the
// hub's own state, like the badge: a re-import of the participant keeps it.
TEST_F(BadgeCheckinTest, AgendaPrintedIsStoredPerParticipantAndSurvivesAReimport) {
  const auto person = add("A1");
  const auto other = add("A2");
  EXPECT_EQ(person.agenda_printed, "") << "never printed";
  const std::string fingerprint = "0123456789abcdef0123456789abcdef";
  ASSERT_TRUE(store_->set_agenda_printed(person.id, fingerprint));
  EXPECT_EQ((*store_->participant(person.id))->agenda_printed, fingerprint);
  EXPECT_EQ((*store_->participant(other.id))->agenda_printed, "");
  ASSERT_TRUE(store_->set_agenda_printed(person.id, fingerprint)) << "the same again is no error";

  ParticipantRecord record = person.record;
  record.last_name = "Renamed";
  {
    auto transaction = db::Transaction::begin(store_->database());
    ASSERT_EQ(*store_->upsert_participant_in_transaction(event_, record), UpsertResult::updated);
    ASSERT_TRUE(transaction->commit());
  }
  const auto reimported = **store_->find_by_external_id(event_, "A1");
  EXPECT_EQ(reimported.record.last_name, "Renamed");
  EXPECT_EQ(reimported.agenda_printed, fingerprint);
  EXPECT_EQ((*store_->search(event_, "Renamed")).at(0).agenda_printed, fingerprint);

  // Several in the caller's transaction: all or none.
  {
    auto transaction = db::Transaction::begin(store_->database());
    ASSERT_TRUE(store_->set_agenda_printed(person.id, "aa"));
    ASSERT_TRUE(store_->set_agenda_printed(other.id, "bb"));
  }  // rolled back
  EXPECT_EQ((*store_->participant(person.id))->agenda_printed, fingerprint);
  EXPECT_EQ((*store_->participant(other.id))->agenda_printed, "");
  {
    auto transaction = db::Transaction::begin(store_->database());
    ASSERT_TRUE(store_->set_agenda_printed(person.id, "aa"));
    ASSERT_TRUE(store_->set_agenda_printed(other.id, "bb"));
    ASSERT_TRUE(transaction->commit());
  }
  EXPECT_EQ((*store_->participant(person.id))->agenda_printed, "aa");
  EXPECT_EQ((*store_->participant(other.id))->agenda_printed, "bb");
  ASSERT_TRUE(store_->set_agenda_printed(person.id, "")) << "empty: printed no more";
  EXPECT_EQ((*store_->participant(person.id))->agenda_printed, "");
}

TEST_F(BadgeCheckinTest, AgendaPrintedRefusesABadFingerprintOrAnUnknownParticipant) {
  const auto person = add("A1");
  ASSERT_TRUE(store_->set_agenda_printed(person.id, std::string(kMaxAgendaFingerprint, 'f')));
  for (const std::string_view bad : {std::string_view("0123456789ABCDEF"), std::string_view("abc g"),
                                     std::string_view("-1"), std::string_view("ab\0cd", 5)}) {
    const auto refused = store_->set_agenda_printed(person.id, bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, Errc::invalid_input) << bad;
  }
  const auto too_long = store_->set_agenda_printed(person.id, std::string(kMaxAgendaFingerprint + 1, 'f'));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, Errc::invalid_input);
  EXPECT_EQ((*store_->participant(person.id))->agenda_printed, std::string(kMaxAgendaFingerprint, 'f'))
      << "a refused fingerprint changes nothing";

  const auto unknown = store_->set_agenda_printed(person.id + 1000, "abcd");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Errc::not_found);
  const auto unknown_unchanged = store_->set_agenda_printed(person.id + 1000, "");
  ASSERT_FALSE(unknown_unchanged) << "not found, even with the value everyone has";
  EXPECT_EQ(unknown_unchanged.error().code, Errc::not_found);
}

TEST_F(BadgeCheckinTest, DeletedOrUnknownParticipantIsAnUnknownCode) {
  const auto person = add("A1");
  badge::TokenClaims claims = (*badge::parse_token(code_of(person))).claims;
  claims.participant_id = 999999;
  const auto key = store_->active_signing_key(event_);
  ASSERT_TRUE(key && *key);
  EXPECT_EQ(scan(badge::issue_token(claims, **key)).outcome, Outcome::unknown_code);
}

// A text that is several things at once gets the first outcome of the order.
TEST_F(BadgeCheckinTest, FirstOutcomeInTheOrderWins) {
  const auto person = add("A1", ParticipantStatus::cancelled);
  const auto old_badge = code_of(person);
  ASSERT_TRUE(store_->reissue_badge(person.id));
  EXPECT_EQ(scan(old_badge).outcome, Outcome::revoked) << "revoked before cancelled";
  EXPECT_EQ(scan(code_of(person)).outcome, Outcome::cancelled);
  const auto blocked = add("A2", ParticipantStatus::blocked);
  EXPECT_EQ(scan(code_of(blocked), workshop_).outcome, Outcome::blocked) << "blocked before not admitted";
  const auto plain = add("A3");
  EXPECT_EQ(scan(code_of(plain), workshop_).outcome, Outcome::not_admitted);
}

TEST_F(BadgeCheckinTest, EveryTokenOutcomeIsJournaledWithItsCode) {
  scan("PSL-XYZ");
  scan(code_of(add("A1")));
  const auto entries = *store_->journal_entries(event_);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].outcome, Outcome::malformed);
  EXPECT_EQ(entries[0].kind, EntryKind::rejected_scan);
  EXPECT_EQ(entries[1].outcome, Outcome::accepted);
  EXPECT_TRUE(badge::has_token_prefix(entries[1].code));
}

// A kiosk bundle verifies badges offline but holds no secret: not in any column, not anywhere
// in the file's bytes.
TEST_F(BadgeCheckinTest, KioskBundleHoldsPublicKeysOnly) {
  const auto person = add("A1");
  const auto code = code_of(person);
  ASSERT_TRUE(store_->add_signing_key(event_, badge::generate_key_pair()));
  std::vector<std::string> secrets;
  {
    auto select = store_->database().query("SELECT secret_key FROM signing_key");
    for (;;) {
      auto row = select->step();
      ASSERT_TRUE(row);
      if (!*row) break;
      secrets.push_back(select->column_blob(0));
    }
  }
  ASSERT_EQ(secrets.size(), 3u);  // two of this event, one of the other
  const auto bundle_path = dir_.file("kiosk.bundle");
  auto summary = write_kiosk_bundle(*store_, event_, bundle_path);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->public_keys, 3);
  EXPECT_EQ(summary->participants, 1);

  const std::string bytes = testing::read_file(bundle_path);
  ASSERT_FALSE(bytes.empty());
  for (const auto& secret : secrets) {
    ASSERT_EQ(secret.size(), 64u);
    EXPECT_EQ(bytes.find(secret.substr(0, 32)), std::string::npos) << "a secret seed is in the bundle";
  }
  auto kiosk = Store::open(bundle_path, clock_);
  ASSERT_TRUE(kiosk);
  auto with_secret = kiosk->database().query("SELECT count(*) FROM signing_key WHERE secret_key IS NOT NULL");
  ASSERT_TRUE(*with_secret->step());
  EXPECT_EQ(with_secret->column_int(0), 0);
  auto kiosk_code = badge::badge_code(*kiosk, **kiosk->participant(person.id));
  EXPECT_FALSE(kiosk_code) << "a kiosk cannot make badges";
  EXPECT_NE(*kiosk->device_id(), *store_->device_id()) << "each kiosk has its own device id";

  // The kiosk verifies the hub's badge offline.
  CheckinService service(*kiosk);
  CheckinRequest request;
  request.event_id = event_;
  request.checkpoint_id = entrance_;
  request.code = code;
  auto result = service.scan(request);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->outcome, Outcome::accepted);
}

// A kiosk bundle carries what the hub printed of each agenda, as the change feed does.
TEST_F(BadgeCheckinTest, KioskBundleCarriesEachParticipantsAgendaPrinted) {
  const auto printed = add("A1");
  const auto never = add("A2");
  ASSERT_TRUE(store_->set_agenda_printed(printed.id, "c0ffee"));
  const auto bundle_path = dir_.file("kiosk.bundle");
  auto summary = write_kiosk_bundle(*store_, event_, bundle_path);
  ASSERT_TRUE(summary) << summary.error().message;
  auto kiosk = Store::open(bundle_path, clock_);
  ASSERT_TRUE(kiosk) << kiosk.error().message;
  EXPECT_EQ((*kiosk->participant(printed.id))->agenda_printed, "c0ffee");
  EXPECT_EQ((*kiosk->participant(never.id))->agenda_printed, "");
}

}  // namespace
}  // namespace passerelle
