// HubStore's search and participant page (docs/LIVE_VIEW.md, "Search and the participant page")
// on every backend of hub_store_backends(): core's search rule (case and accents ignored as
// fold_for_search does, every word the beginning of a word of the name or organisation), the page's
// entries on the hub's clock, meetings, revocations and erasure, each checked against the live
// scenario (tests/hub/live_scenario.h), and both backends held to the same answers. Badges are
// revoked and reissued from the page on the event file only: PostgreSQL storage refuses.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "tests/hub/hub_store_suite.h"
#include "tests/hub/live_scenario.h"

namespace passerelle::testing {
namespace {

ParticipantRecord person(const std::string& external_id, const std::string& first, const std::string& last,
                         const std::string& organisation) {
  ParticipantRecord record;
  record.external_id = external_id;
  record.first_name = first;
  record.last_name = last;
  record.organisation = organisation;
  record.email = external_id + "@example.org";
  record.country = "PL";
  return record;
}

// What `erase` writes in the event file for one person (sync/hub/privacy/erasure.cpp), without
// the identity keys, which the page does not read.
Status erase_in_file(Store& file, std::int64_t event_id, const std::string& external_id) {
  PSL_ASSIGN_OR_RETURN(const auto found, file.find_by_external_id(event_id, external_id));
  if (!found) return make_error(Errc::not_found, external_id);
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(file.database()));
  {
    PSL_ASSIGN_OR_RETURN(auto erasure,
                         file.database().query("INSERT INTO participant_erasure(participant_id, "
                                               "event_id, erased_ms, cause) VALUES (?, ?, 0, 'request')"));
    PSL_TRY(erasure.bind_all(found->id, event_id).run());
  }
  for (const char* sql :
       {"DELETE FROM ticket_code WHERE participant_id = ?", "DELETE FROM participant_search WHERE rowid = ?",
        "UPDATE participant SET first_name = '', last_name = '', email = '', organisation = '', "
        "role = '' WHERE id = ?"}) {
    PSL_ASSIGN_OR_RETURN(auto statement, file.database().query(sql));
    PSL_TRY(statement.bind_all(found->id).run());
  }
  return transaction.commit();
}

// Beside the live scenario's seven: names that fold beyond accents (Ł, ß, Ø), a namesake of P-1's
// (listed after P-1, as added after), someone erased; P-2's badge revoked, P-3's reissued; and a
// namesake of P-1's in `other_event`, whom a search of the live event must not find.
Status add_people(HubStoreBackend& backend, std::int64_t live_event, std::int64_t other_event) {
  PSL_TRY(backend.upsert_participants(
      live_event, {person("P-8", "Łukasz", "Straße", "Øresund Energi"), person("P-9", "Renée", "Dupont", "Ørsted"),
                   person("P-10", "Jürgen", "Müller", "Müller & Söhne")}));
  PSL_TRY(backend.edit_registry(live_event, [&](Store& file) { return erase_in_file(file, live_event, "P-10"); }));
  PSL_TRY(backend.revoke_badge(live_event, "P-2", 1, "lost at the bar"));
  PSL_TRY(backend.reissue_badge(live_event, "P-3"));
  return backend.upsert_participants(other_event, {person("O-1", "Renée", "Dupont", "Acme")});
}

std::vector<std::string> external_ids(const std::vector<hub::ParticipantMatch>& matches) {
  std::vector<std::string> ids;
  for (const auto& match : matches) ids.push_back(match.external_id);
  return ids;
}

// Row ids by external id, as this storage numbers them.
std::map<std::string, std::int64_t> ids_of(hub::HubStore& store, std::int64_t event_id) {
  std::map<std::string, std::int64_t> ids;
  const auto rows = value_or_fail(store.live_rows(event_id, kLiveStartMs), "live_rows");
  for (const auto& row : rows.input.people) ids.emplace(row.external_id, row.id);
  return ids;
}

// A card as text, one fact a line, comparable across storages: participants by external id (each
// storage numbers its own rows), the kiosks by name and the hub desk's device (the event file's own
// id, random) as "hub".
std::string describe(const hub::ParticipantCard& card, const std::map<std::int64_t, std::string>& external,
                     const LiveScenario& scenario) {
  const auto who = [&](std::int64_t id) {
    const auto found = external.find(id);
    return found == external.end() ? "?" + std::to_string(id) : found->second;
  };
  const auto device = [&](const std::string& id) {
    return id == scenario.k1.device_id ? "K1" : id == scenario.k2.device_id ? "K2" : "hub";
  };
  const auto& participant = card.participant;
  const auto& record = participant.record;
  std::ostringstream out;
  out << "participant " << who(participant.id) << " | event " << participant.event_id << " | " << record.external_id
      << " | " << record.first_name << " | " << record.last_name << " | " << record.email << " | "
      << record.organisation << " | " << record.country << " | " << record.region << " | " << record.sector << " | "
      << to_string(record.org_type) << " | " << to_string(record.language) << " | " << record.role << " | "
      << to_string(record.status) << " | serial " << participant.badge_serial << " | " << participant.badge_issued_s
      << " | " << participant.agenda_printed << " | erased " << card.erased << '\n';
  for (const auto& tag : record.tags) out << "tag " << tag << '\n';
  for (const auto& code : record.ticket_codes) out << "code " << code << '\n';
  for (const auto& entry : card.entries) {
    out << "entry " << entry.at_ms << " | " << to_string(entry.kind) << " | " << to_string(entry.outcome) << " | "
        << entry.checkpoint << " | " << device(entry.device_id) << '\n';
  }
  for (const auto& meeting : card.meetings) {
    out << "meeting " << meeting.start_ms << " | " << meeting.end_ms << " | " << meeting.table_label << " | "
        << meeting.status << " | " << meeting.origin << " | " << who(meeting.partner_id) << " | "
        << meeting.partner_name << " | " << meeting.partner_organisation << '\n';
  }
  for (const auto& revocation : card.revocations)
    out << "revocation " << revocation.badge_serial << " | " << revocation.reason << " | " << revocation.revoked_ms
        << '\n';
  return out.str();
}

// The searches the tests make, each worth comparing across storages.
const std::vector<std::string> kQueries = {
    "renee",  "RENÉE",   "Renée",  "ren dup", "dup",         "DUPONT anne", "lukasz", "ŁUKASZ", "strasse", "STRASSE",
    "straße", "oresund", "Ørsted", "orsted",  "emile",       "ÉBERT",       "van d",  "org",    "p 1",     "upont",
    "nobody", "muller",  "",       " ,;- ",   "jan org p 2", "P-2",         " p-9 ",  "O-1"};

// The suite's backend and store, with the live scenario and add_people(); the suite's own event
// is the other event.
class HubStoreParticipants : public HubStoreSuite {
 protected:
  void SetUp() override {
    HubStoreSuite::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto scenario = build_live_scenario(*backend_, *store_, clock_);
    ASSERT_TRUE(scenario) << scenario.error().message;
    live_ = *scenario;
    ASSERT_TRUE(add_people(*backend_, live_.event_id, event_));
    id_ = ids_of(*store_, live_.event_id);
  }

  std::vector<std::string> found(const std::string& text, int limit = hub::kMaxSearchResults,
                                 std::optional<std::int64_t> event = std::nullopt) {
    return external_ids(value_or_fail(store_->search_participants(event.value_or(live_.event_id), text, limit),
                                      ("search " + text).c_str()));
  }

  std::optional<hub::ParticipantCard> card(const std::string& external_id) {
    return value_or_fail(store_->participant_card(live_.event_id, id_.at(external_id)), "participant_card");
  }

  static std::int64_t at(int minutes) { return kLiveStartMs + minutes * kMinuteMs; }

  LiveScenario live_;
  std::map<std::string, std::int64_t> id_;  // the live event's people
};

using Ids = std::vector<std::string>;

TEST_P(HubStoreParticipants, SearchIgnoresCaseAndAccentsAsCoreFoldsThem) {
  for (const std::string query : {"renee", "RENÉE", "Renée", "rené"})
    EXPECT_EQ(found(query), (Ids{"P-1", "P-9"})) << query;
  for (const std::string query : {"lukasz", "ŁUKASZ", "łuk", "strasse", "STRASSE", "Straße", "oresund", "ØRESUND"})
    EXPECT_EQ(found(query), Ids{"P-8"}) << query;
  EXPECT_EQ(found("Ørsted"), Ids{"P-9"});
  EXPECT_EQ(found("orsted"), Ids{"P-9"});
  EXPECT_EQ(found("emile"), Ids{"P-4"});
  EXPECT_EQ(found("ÉBERT"), Ids{"P-5"});
}

TEST_P(HubStoreParticipants, EveryWordMustBeginAWordOfTheNameOrOrganisation) {
  // Namesakes by id: P-9 came after P-1. "anne dupont" before "Renée Dupont": first names decide.
  EXPECT_EQ(found("dup"), (Ids{"P-3", "P-1", "P-9"}));
  EXPECT_EQ(found("ren dup"), (Ids{"P-1", "P-9"}));
  EXPECT_EQ(found("DUPONT anne"), Ids{"P-3"});
  EXPECT_EQ(found("renee org"), Ids{"P-1"}) << "P-9's organisation is Ørsted";
  EXPECT_EQ(found("van d"), Ids{"P-6"});
  EXPECT_EQ(found("jan org p 2"), Ids{"P-2"});
  EXPECT_TRUE(found("upont").empty()) << "a word inside another is no match";
  EXPECT_TRUE(found("dupontx").empty());
  EXPECT_TRUE(found("nobody").empty());
  EXPECT_TRUE(found("renee nobody").empty());
  EXPECT_TRUE(found("").empty());
  EXPECT_TRUE(found(" ,;- ").empty()) << "no letter, no word";
  // By last then first name, ASCII case ignored, as the event file lists them (É after z).
  EXPECT_EQ(found("org"), (Ids{"P-7", "P-3", "P-1", "P-2", "P-6", "P-4", "P-5"}));
}

// The search box says "Name, organisation or registration ID": an ID read off a badge or a list
// finds its holder first (ASCII case and the spaces around ignored), once.
TEST_P(HubStoreParticipants, ARegistrationIdFindsItsHolderFirst) {
  for (const std::string query : {"P-2", "p-2", " P-2 "}) {
    const auto ids = found(query);
    ASSERT_FALSE(ids.empty()) << query;
    EXPECT_EQ(ids.front(), "P-2") << query;
    EXPECT_EQ(std::count(ids.begin(), ids.end(), "P-2"), 1) << query;
  }
  EXPECT_EQ(found("O-1", hub::kMaxSearchResults, event_).front(), "O-1");
  EXPECT_EQ(found("P-2", 1), Ids{"P-2"}) << "the holder within the limit";
}

TEST_P(HubStoreParticipants, SearchListsAtMostTheLimit) {
  EXPECT_EQ(found("org", 3), (Ids{"P-7", "P-3", "P-1"}));
  EXPECT_EQ(found("org", 1), Ids{"P-7"});
  for (const int limit : {0, -1, hub::kMaxSearchResults + 1}) {
    const auto refused = store_->search_participants(live_.event_id, "org", limit);
    ASSERT_FALSE(refused) << limit;
    EXPECT_EQ(refused.error().code, Errc::invalid_input);
  }
}

TEST_P(HubStoreParticipants, SearchFindsOnlyTheEventsOwnPeople) {
  EXPECT_EQ(found("renee", hub::kMaxSearchResults, event_), Ids{"O-1"});
  EXPECT_TRUE(found("acme").empty()) << "O-1's organisation, in the other event";
  EXPECT_TRUE(found("renee", hub::kMaxSearchResults, live_.event_id + 1000).empty()) << "no such event";
  EXPECT_TRUE(found("muller").empty()) << "erased";
}

TEST_P(HubStoreParticipants, SearchGivesNamesAndTheIdsThePageTakes) {
  const auto matches = value_or_fail(store_->search_participants(live_.event_id, "peeters", 5), "search");
  ASSERT_EQ(matches.size(), 1u);
  const auto& match = matches[0];
  EXPECT_EQ(match.first_name, "Jan");
  EXPECT_EQ(match.last_name, "Peeters");
  EXPECT_EQ(match.organisation, "Org P-2");
  EXPECT_EQ(match.country, "BE");
  EXPECT_EQ(match.status, ParticipantStatus::registered);
  EXPECT_EQ(match.id, id_.at("P-2"));
  const auto page = value_or_fail(store_->participant_card(live_.event_id, match.id), "participant_card");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->participant.record.external_id, "P-2");
  EXPECT_EQ(found("adams").size(), 1u) << "cancelled people are found too";
}

TEST_P(HubStoreParticipants, SearchFollowsARenamedParticipant) {
  ASSERT_TRUE(backend_->upsert_participants(live_.event_id, {person("P-2", "Johanna", "Peeters-Łęcka", "Beta")}));
  EXPECT_TRUE(found("jan").empty());
  EXPECT_TRUE(found("org p 2").empty());
  EXPECT_EQ(found("johanna lecka beta"), Ids{"P-2"});
  EXPECT_EQ(found("peeters"), Ids{"P-2"});
}

TEST_P(HubStoreParticipants, ThePageHoldsTheirEntriesOnTheHubsClockNewestFirst) {
  const auto page = card("P-1");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->participant.id, id_.at("P-1"));
  EXPECT_EQ(page->participant.event_id, live_.event_id);
  EXPECT_EQ(page->participant.record.first_name, "Renée");
  EXPECT_EQ(page->participant.record.email, "P-1@example.org");
  EXPECT_EQ(page->participant.record.ticket_codes, std::vector<std::string>{"TP-1"});
  EXPECT_EQ(page->participant.badge_serial, 1);
  EXPECT_FALSE(page->erased);
  struct Expected {
    std::int64_t at_ms;
    EntryKind kind;
    const char* checkpoint;
    std::string device;
  };
  const std::vector<Expected> expected = {
      {at(19) + kK1OffsetMs, EntryKind::feedback, "B2B area", live_.k1.device_id},
      {at(2) + kK1OffsetMs, EntryKind::meeting_held, "B2B area", live_.k1.device_id},
      {at(-15) + kK2OffsetMs, EntryKind::checkin, "Hall", live_.k2.device_id},
      {at(-20) + kK1OffsetMs, EntryKind::checkout, "Hall", live_.k1.device_id},
      {at(-25) + kK1OffsetMs, EntryKind::checkin, "Hall", live_.k1.device_id},
      {at(-30) + kK1OffsetMs, EntryKind::checkin, "Entrance", live_.k1.device_id},
  };
  ASSERT_EQ(page->entries.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(page->entries[i].at_ms, expected[i].at_ms);
    EXPECT_EQ(page->entries[i].kind, expected[i].kind);
    EXPECT_EQ(page->entries[i].outcome, Outcome::accepted);
    EXPECT_EQ(page->entries[i].checkpoint, expected[i].checkpoint);
    EXPECT_EQ(page->entries[i].device_id, expected[i].device);
  }
  // The hub desk's check-in, on the hub's clock already.
  const auto desk = card("P-4");
  ASSERT_TRUE(desk);
  ASSERT_EQ(desk->entries.size(), 1u);
  EXPECT_EQ(desk->entries[0].at_ms, at(5));
  EXPECT_EQ(desk->entries[0].kind, EntryKind::manual_checkin);
}

TEST_P(HubStoreParticipants, ThePageHoldsTheNewestEntriesOnly) {
  std::vector<sync::WireEntry> entries;
  const int count = hub::kMaxCardEntries + 5;
  for (int i = 0; i < count; ++i) {
    entries.push_back(live_entry(live_.k1, 1, 11 + i, i % 2 == 0 ? EntryKind::checkin : EntryKind::checkout, "P-7",
                                 "Hall", at(30 + i), live_.event_id));
  }
  ASSERT_TRUE(upload_all(*store_, live_.k1, entries, kK1OffsetMs, at(30 + count)));
  const auto page = card("P-7");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->entries.size(), static_cast<std::size_t>(hub::kMaxCardEntries));
  EXPECT_EQ(page->entries.front().at_ms, at(30 + count - 1) + kK1OffsetMs);
  EXPECT_EQ(page->entries.back().at_ms, at(30 + count - hub::kMaxCardEntries) + kK1OffsetMs);
}

TEST_P(HubStoreParticipants, ThePageHoldsMeetingsWithPartnersAndRevocationsBySerial) {
  const auto first = card("P-1");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->meetings.size(), 1u) << "walk-ins are entries, not meeting rows";
  const auto& meeting = first->meetings[0];
  EXPECT_EQ(meeting.start_ms, at(0));
  EXPECT_EQ(meeting.end_ms, at(20));
  EXPECT_EQ(meeting.table_label, "Hall A, table 1");
  EXPECT_EQ(meeting.status, "scheduled");
  EXPECT_EQ(meeting.partner_id, id_.at("P-2"));
  EXPECT_EQ(meeting.partner_name, "Jan Peeters");
  EXPECT_EQ(meeting.partner_organisation, "Org P-2");
  const auto cancelled = card("P-6");
  ASSERT_TRUE(cancelled);
  ASSERT_EQ(cancelled->meetings.size(), 1u);
  EXPECT_EQ(cancelled->meetings[0].status, "cancelled");
  EXPECT_EQ(cancelled->meetings[0].partner_name, "Ada Ébert");

  const auto revoked = card("P-2");
  ASSERT_TRUE(revoked);
  ASSERT_EQ(revoked->revocations.size(), 1u);
  EXPECT_EQ(revoked->revocations[0].badge_serial, 1);
  EXPECT_EQ(revoked->revocations[0].reason, "lost at the bar");
  EXPECT_EQ(revoked->revocations[0].revoked_ms, clock_.wall_ms());
  // A reissue revokes the older badges by raising the serial: no revocation row.
  const auto reissued = card("P-3");
  ASSERT_TRUE(reissued);
  EXPECT_EQ(reissued->participant.badge_serial, 2);
  EXPECT_EQ(reissued->participant.badge_issued_s, clock_.wall_ms() / 1000);
  EXPECT_TRUE(reissued->revocations.empty());
}

TEST_P(HubStoreParticipants, AnErasedParticipantsPageSaysSo) {
  const auto erased = card("P-10");
  ASSERT_TRUE(erased);
  EXPECT_TRUE(erased->erased);
  EXPECT_TRUE(erased->participant.record.first_name.empty());
  EXPECT_TRUE(erased->participant.record.organisation.empty());
  EXPECT_EQ(erased->participant.record.external_id, "P-10");
}

TEST_P(HubStoreParticipants, NoPageForAnUnknownIdOrAnotherEventsParticipant) {
  EXPECT_FALSE(value_or_fail(store_->participant_card(live_.event_id, 999'999), "unknown"));
  EXPECT_FALSE(value_or_fail(store_->participant_card(live_.event_id, -1), "negative"));
  EXPECT_FALSE(value_or_fail(store_->participant_card(live_.event_id + 1000, id_.at("P-1")), "no such event"));
  const auto other = value_or_fail(store_->search_participants(event_, "renee", 5), "search");
  ASSERT_EQ(other.size(), 1u);
  EXPECT_FALSE(value_or_fail(store_->participant_card(live_.event_id, other[0].id), "another event's"));
  const auto own = value_or_fail(store_->participant_card(event_, other[0].id), "its own event's");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->participant.record.external_id, "O-1");
}

TEST_P(HubStoreParticipants, BadgesChangeFromThePageOnTheEventFileOnly) {
  const std::int64_t ada = id_.at("P-5");
  const auto revoked = store_->revoke_badge(live_.event_id, ada, 1, "stolen");
  const auto reissued = store_->reissue_badge(live_.event_id, ada);
  const auto page = card("P-5");
  ASSERT_TRUE(page);
  if (GetParam().name == "Postgresql") {
    ASSERT_FALSE(revoked);
    EXPECT_EQ(revoked.error().code, Errc::unsupported);
    ASSERT_FALSE(reissued);
    EXPECT_EQ(reissued.error().code, Errc::unsupported);
    EXPECT_TRUE(page->revocations.empty());
    EXPECT_EQ(page->participant.badge_serial, 1);
    return;
  }
  ASSERT_TRUE(revoked) << revoked.error().message;
  ASSERT_TRUE(reissued) << reissued.error().message;
  EXPECT_EQ(*reissued, 2);
  EXPECT_EQ(page->participant.badge_serial, 2);
  ASSERT_EQ(page->revocations.size(), 1u);
  EXPECT_EQ(page->revocations[0].badge_serial, 1);
  EXPECT_EQ(page->revocations[0].reason, "stolen");
  const auto elsewhere = store_->revoke_badge(event_, ada, 2, "not of this event");
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().code, Errc::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, HubStoreParticipants, ::testing::ValuesIn(hub_store_backends()),
                         [](const ::testing::TestParamInfo<HubStoreBackendFactory>& backend) {
                           return backend.param.name;
                         });

// The same event built on each backend searches and shows alike, but for the storage's own row ids
// (describe() names people by external id).
TEST(HubStoreParticipantsBackends, EveryBackendGivesTheSameSearchesAndPages) {
  std::vector<std::pair<std::string, std::string>> described;
  for (const auto& factory : hub_store_backends()) {
    SCOPED_TRACE(factory.name);
    ManualClock clock(kLiveStartMs);
    auto backend = factory.make(clock);
    if (::testing::Test::IsSkipped() || ::testing::Test::HasFailure()) return;  // no PostgreSQL here
    auto store = backend->open_store(clock);
    ASSERT_TRUE(store) << store.error().message;
    const auto other_event = backend->create_event(default_event_config("Other", "2026-01-02"));
    ASSERT_TRUE(other_event) << other_event.error().message;
    const auto scenario = build_live_scenario(*backend, **store, clock);
    ASSERT_TRUE(scenario) << scenario.error().message;
    ASSERT_TRUE(add_people(*backend, scenario->event_id, *other_event));
    const auto ids = ids_of(**store, scenario->event_id);
    std::map<std::int64_t, std::string> external;
    for (const auto& [external_id, id] : ids) external.emplace(id, external_id);
    std::ostringstream out;
    for (const auto& query : kQueries) {
      const auto matches = value_or_fail((*store)->search_participants(scenario->event_id, query, 4), "search");
      out << "search '" << query << "':";
      for (const auto& match : matches) {
        out << ' ' << external[match.id] << '=' << match.external_id << '/' << match.first_name << '/'
            << match.last_name << '/' << match.organisation << '/' << match.country << '/' << to_string(match.status);
      }
      out << '\n';
    }
    for (const auto& [external_id, id] : ids) {
      const auto card = value_or_fail((*store)->participant_card(scenario->event_id, id), "participant_card");
      ASSERT_TRUE(card) << external_id;
      out << describe(*card, external, *scenario);
    }
    described.emplace_back(factory.name, out.str());
  }
  ASSERT_GE(described.size(), 2u);
  EXPECT_NE(described[0].second.find("erased 1"), std::string::npos) << described[0].second;
  for (std::size_t i = 1; i < described.size(); ++i)
    EXPECT_EQ(described[i].second, described[0].second) << described[i].first << " against " << described[0].first;
}

}  // namespace
}  // namespace passerelle::testing
