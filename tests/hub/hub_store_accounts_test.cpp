// HubStore's suite, accounts and web sessions (docs/LIVE_VIEW.md, "Accounts and sessions"): on
// every backend of hub_store_backends(). The store never hashes: these tests hand it argon2id
// strings made once, by hand, so that they cost no hashing at all.
#include <gtest/gtest.h>

#include <set>

#include "sync/hub/store/account_rules.h"
#include "tests/hub/hub_store_suite.h"

namespace passerelle::testing {
namespace {

// kArgon2idHash (hub_store_suite.h), and another like it.
const std::string& kHash = kArgon2idHash;
const std::string kOtherHash = "$argon2id$v=19$m=65536,t=2,p=1$c2Vjb25kLXNhbHQtaGVyZQ$" + std::string(43, 'A');
constexpr std::int64_t kHourMs = 3'600'000;

std::vector<std::string> account_names(const std::vector<hub::OrganiserAccount>& accounts) {
  std::vector<std::string> list;
  for (const auto& account : accounts) list.push_back(account.name);
  return list;
}

TEST_P(HubStoreSuite, AccountsAreAddedListedFoundChangedAndRemoved) {
  EXPECT_TRUE(value_or_fail(store_->accounts(), "accounts").empty());
  const auto second = backend_->create_event(default_event_config("Second", "2026-02-01"));
  ASSERT_TRUE(second) << second.error().message;

  ASSERT_TRUE(store_->add_account("Renée Dupont", kHash, {*second, event_, event_}));
  ASSERT_TRUE(store_->add_account("bob", kHash, {event_}));
  const auto accounts = value_or_fail(store_->accounts(), "accounts");
  EXPECT_EQ(account_names(accounts), (std::vector<std::string>{"bob", "Renée Dupont"})) << "by name without case";
  ASSERT_EQ(accounts.size(), 2u);
  EXPECT_EQ(accounts[1].events, (std::vector<std::int64_t>{event_, *second})) << "ascending, each once";
  EXPECT_EQ(accounts[1].password_hash, kHash);
  EXPECT_EQ(accounts[1].created_ms, kStartMs);

  // Found, and taken, without regard to case (and to the form of its accents).
  const auto found = value_or_fail(store_->account("RENÉE DUPONT"), "account");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Renée Dupont");
  EXPECT_TRUE(value_or_fail(store_->account("Rene\u0301e dupont"), "account").has_value());
  EXPECT_FALSE(value_or_fail(store_->account("Renee Dupont"), "account").has_value()) << "an accent is no case";
  EXPECT_FALSE(value_or_fail(store_->account("nobody"), "account").has_value());
  EXPECT_FALSE(value_or_fail(store_->account(""), "account").has_value());
  EXPECT_EQ(store_->add_account("BOB", kHash, {event_}).error().code, Errc::conflict);
  EXPECT_EQ(store_->add_account("b\u200Bob", kHash, {event_}).error().code, Errc::conflict) << "an invisible letter";

  // Refused, storing nothing: a bad name, a hash that is not argon2id's, an unknown event.
  for (const std::string& bad : {std::string(), std::string(65, 'a'), std::string("tab\there"), std::string(" carol"),
                                 std::string("carol "), std::string("\xff\xfe"), std::string("\u200B")}) {
    const auto refused = store_->add_account(bad, kHash, {event_});
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, Errc::invalid_input) << bad;
  }
  EXPECT_TRUE(store_->add_account(std::string(64, 'z'), kHash, {event_})) << "64 characters is a name";
  EXPECT_EQ(store_->add_account("carol", "hunter2", {event_}).error().code, Errc::invalid_input);
  EXPECT_EQ(store_->add_account("carol", kHash, {event_, 999}).error().code, Errc::not_found);
  EXPECT_EQ(store_->add_account("carol", kHash, {0}).error().code, Errc::invalid_input);
  EXPECT_FALSE(value_or_fail(store_->account("carol"), "account").has_value());

  // Events replaced; the password replaced.
  ASSERT_TRUE(store_->set_account_events("BOB", {*second}));
  EXPECT_EQ(store_->set_account_events("bob", {999}).error().code, Errc::not_found);
  EXPECT_EQ(store_->set_account_events("nobody", {event_}).error().code, Errc::not_found);
  ASSERT_TRUE(store_->set_account_password("bob", kOtherHash, ""));
  EXPECT_EQ(store_->set_account_password("nobody", kOtherHash, "").error().code, Errc::not_found);
  EXPECT_EQ(store_->set_account_password("bob", "plain", "").error().code, Errc::invalid_input);
  const auto bob = value_or_fail(store_->account("bob"), "account");
  ASSERT_TRUE(bob);
  EXPECT_EQ(bob->events, std::vector<std::int64_t>{*second});
  EXPECT_EQ(bob->password_hash, kOtherHash);

  ASSERT_TRUE(store_->remove_account("Bob"));
  EXPECT_EQ(store_->remove_account("bob").error().code, Errc::not_found);
  EXPECT_EQ(account_names(value_or_fail(store_->accounts(), "accounts")),
            (std::vector<std::string>{"Renée Dupont", std::string(64, 'z')}));
  ASSERT_TRUE(store_->add_account("bob", kHash, {event_})) << "a removed name is free again";

  // Kept across a restart.
  store_.reset();
  store_ = value_or_fail(backend_->open_store(clock_), "reopen");
  ASSERT_TRUE(store_);
  EXPECT_EQ(value_or_fail(store_->accounts(), "accounts").size(), 3u);
}

TEST_P(HubStoreSuite, AWebSessionAuthenticatesUntilItExpiresOrCloses) {
  ASSERT_TRUE(store_->add_account("alice", kHash, {event_}));
  const auto opened = value_or_fail(store_->open_web_session("ALICE", 2 * kHourMs), "open");
  EXPECT_TRUE(opened.token.starts_with("psw_")) << opened.token;
  EXPECT_EQ(opened.token.size(), 4u + 43u);
  EXPECT_EQ(opened.csrf_token.size(), 43u);
  EXPECT_EQ(opened.expires_ms, kStartMs + 2 * kHourMs);

  const auto session = value_or_fail(store_->web_session(opened.token), "session");
  ASSERT_TRUE(session);
  EXPECT_EQ(session->account, "alice");
  EXPECT_EQ(session->events, std::vector<std::int64_t>{event_});
  EXPECT_EQ(session->expires_ms, opened.expires_ms);
  EXPECT_TRUE(session->csrf_matches(opened.csrf_token));
  EXPECT_FALSE(session->csrf_matches(""));
  EXPECT_FALSE(session->csrf_matches(opened.csrf_token.substr(1)));

  // Another session has another CSRF token; a token altered by one character, or made up, or a
  // device's, opens nothing.
  const auto other = value_or_fail(store_->open_web_session("alice", kHourMs), "open");
  EXPECT_NE(other.csrf_token, opened.csrf_token);
  EXPECT_NE(other.token, opened.token);
  EXPECT_FALSE(session->csrf_matches(other.csrf_token));
  std::string altered = opened.token;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  for (const std::string& bad : {altered, std::string("psw_") + std::string(43, 'A'), std::string()})
    EXPECT_FALSE(value_or_fail(store_->web_session(bad), "session").has_value()) << bad;
  const auto kiosk = enrol("Kiosk A");
  EXPECT_FALSE(value_or_fail(store_->web_session(kiosk.token), "session").has_value());

  // The account's events as they are now, not as they were at login.
  const auto second = backend_->create_event(default_event_config("Second", "2026-02-01"));
  ASSERT_TRUE(second);
  ASSERT_TRUE(store_->set_account_events("alice", {*second}));
  EXPECT_EQ(value_or_fail(store_->web_session(opened.token), "session")->events, std::vector<std::int64_t>{*second});

  // Closed: gone at once, and closing again is no error.
  ASSERT_TRUE(store_->close_web_session(other.token));
  EXPECT_FALSE(value_or_fail(store_->web_session(other.token), "session").has_value());
  EXPECT_TRUE(store_->close_web_session(other.token));
  EXPECT_TRUE(store_->close_web_session("psw_never"));

  // Expired, by the store's clock, to the millisecond.
  clock_.advance_ms(2 * kHourMs - 1);
  EXPECT_TRUE(value_or_fail(store_->web_session(opened.token), "session").has_value());
  clock_.advance_ms(1);
  EXPECT_FALSE(value_or_fail(store_->web_session(opened.token), "session").has_value());

  // Refused: an unknown account, a lifetime of nothing or over a week.
  EXPECT_EQ(store_->open_web_session("nobody", kHourMs).error().code, Errc::not_found);
  EXPECT_EQ(store_->open_web_session("alice", 0).error().code, Errc::invalid_input);
  EXPECT_EQ(store_->open_web_session("alice", hub::kMaxWebSessionTtlMs + 1).error().code, Errc::invalid_input);
  EXPECT_TRUE(store_->open_web_session("alice", hub::kMaxWebSessionTtlMs));
}

TEST_P(HubStoreSuite, SessionsEndWithTheirAccountOrPasswordAndAreCapped) {
  ASSERT_TRUE(store_->add_account("alice", kHash, {event_}));
  ASSERT_TRUE(store_->add_account("bob", kHash, {event_}));
  auto is_open = [&](const std::string& token) {
    return value_or_fail(store_->web_session(token), "session").has_value();
  };

  // At most kMaxWebSessionsPerAccount each: one more closes the oldest, and no other account's.
  const auto bobs = value_or_fail(store_->open_web_session("bob", kHourMs), "open");
  std::vector<hub::NewWebSession> sessions;
  for (std::size_t i = 0; i < hub::kMaxWebSessionsPerAccount + 2; ++i)
    sessions.push_back(value_or_fail(store_->open_web_session("alice", kHourMs), "open"));
  EXPECT_FALSE(is_open(sessions[0].token));
  EXPECT_FALSE(is_open(sessions[1].token));
  for (std::size_t i = 2; i < sessions.size(); ++i) EXPECT_TRUE(is_open(sessions[i].token)) << i;
  EXPECT_TRUE(is_open(bobs.token));

  // A new password ends every session but the one that changed it.
  const std::string& kept = sessions.back().token;
  ASSERT_TRUE(store_->set_account_password("alice", kOtherHash, kept));
  EXPECT_TRUE(is_open(kept));
  for (std::size_t i = 0; i + 1 < sessions.size(); ++i) EXPECT_FALSE(is_open(sessions[i].token)) << i;
  EXPECT_TRUE(is_open(bobs.token));
  ASSERT_TRUE(store_->set_account_password("alice", kHash, ""));
  EXPECT_FALSE(is_open(kept)) << "from the command line: every session";

  // Removing an account ends its sessions, and the name added again opens none of them.
  const auto before = value_or_fail(store_->open_web_session("bob", kHourMs), "open");
  ASSERT_TRUE(store_->remove_account("bob"));
  EXPECT_FALSE(is_open(bobs.token));
  EXPECT_FALSE(is_open(before.token));
  ASSERT_TRUE(store_->add_account("bob", kHash, {event_}));
  EXPECT_FALSE(is_open(before.token));

  // Expired sessions count toward no cap: a later login finds the room they held.
  for (std::size_t i = 0; i < hub::kMaxWebSessionsPerAccount; ++i)
    ASSERT_TRUE(store_->open_web_session("alice", kHourMs));
  clock_.advance_ms(kHourMs);
  const auto fresh = value_or_fail(store_->open_web_session("alice", kHourMs), "open");
  EXPECT_TRUE(is_open(fresh.token));
}

}  // namespace
}  // namespace passerelle::testing
