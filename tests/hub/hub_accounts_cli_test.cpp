// `passerelle-hub account ...` as an organiser runs it (docs/cli.md, "Accounts"): the password on
// standard input, never an argument; list never shows a hash; the exit statuses of docs/cli.md.
// On the event file, and once on PostgreSQL through --sync-db. Each argon2id hash costs tens of
// milliseconds and each run of the
// binary more under the sanitizers: these tests make three hashes and as few runs as they can.
#include <gtest/gtest.h>

#include "core/auth/password.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "tests/hub/pg_backend.h"
#include "tests/integration/hub_runner.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

constexpr const char* kPassword = "correct horse battery";

// The shell prefix that pipes `password` and a newline into the hub.
std::string piped(const std::string& password) {
  return "printf '%s\\n' " + shell_quote(password) + " |";
}

class HubAccountsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("hub.db").string();
    for (const char* event : {"Forum", "Fair"}) {
      const auto init = hub({"--db", db_, "init", "--event", event});
      ASSERT_EQ(init.status, 0) << init.output;
    }
  }

  ::passerelle::testing::Run account(std::vector<std::string> words, const std::string& input = "printf '' |") {
    words.insert(words.begin(), {"--db", db_, "account"});
    return hub(words, input);
  }

  std::optional<hub::OrganiserAccount> stored(const std::string& name) {
    auto store = hub::SqliteHubStore::open(db_);
    EXPECT_TRUE(store) << store.error().message;
    if (!store) return std::nullopt;
    auto found = (*store)->account(name);
    EXPECT_TRUE(found) << found.error().message;
    if (!found) return std::nullopt;
    return *found;
  }

  TempDir dir_;
  std::string db_;
};

TEST_F(HubAccountsCli, AddListChangeAndRemoveWithThePasswordOnStandardInput) {
  const auto added = account({"add", "Alice", "--event", "1"}, piped(kPassword));
  ASSERT_EQ(added.status, 0) << added.output;
  EXPECT_EQ(added.output.find(kPassword), std::string::npos) << added.output;
  const auto alice = stored("alice");
  ASSERT_TRUE(alice);
  EXPECT_TRUE(password_matches(alice->password_hash, kPassword)) << "only its argon2id hash is kept";

  // Refused, each before any password is hashed, storing nothing.
  EXPECT_EQ(account({"add", "ALICE", "--event", "2"}, piped(kPassword)).status, 3) << "taken, in any case";
  EXPECT_EQ(account({"add", "bob", "--event", "9"}, piped(kPassword)).status, 4) << "no event 9";
  const auto short_password = account({"add", "bob", "--event", "1"}, piped("too short"));
  EXPECT_EQ(short_password.status, 3);
  EXPECT_NE(short_password.output.find("at least 12 characters"), std::string::npos) << short_password.output;
  EXPECT_EQ(account({"add", "bob", "--event", "1"}, "head -c 1000000 /dev/zero | tr '\\0' x |").status, 3)
      << "a megabyte of password is refused unhashed";
  EXPECT_EQ(account({"add", " bob", "--event", "1"}, piped(kPassword)).status, 3) << "a bad name";
  EXPECT_EQ(account({"add", "bob"}, piped(kPassword)).status, 3) << "no --event";
  EXPECT_EQ(account({"add", "bob", "--event", "1", "--password", kPassword}).status, 2) << "never from argv";
  EXPECT_FALSE(stored("bob"));

  // The events, replaced.
  const auto events = account({"events", "alice", "--event", "2", "--event", "1"});
  ASSERT_EQ(events.status, 0) << events.output;
  const auto listed = account({"list"});
  ASSERT_EQ(listed.status, 0) << listed.output;
  EXPECT_NE(listed.output.find("Alice\t1, 2\t"), std::string::npos) << listed.output;
  EXPECT_EQ(listed.output.find("argon2"), std::string::npos) << "never a hash: " << listed.output;
  EXPECT_EQ(listed.output.find(alice->password_hash.substr(alice->password_hash.rfind('$') + 1)), std::string::npos);
  EXPECT_EQ(account({"events", "alice", "--event", "7"}).status, 4);

  // A new password.
  const auto changed = account({"password", "ALICE"}, piped("another long passphrase"));
  ASSERT_EQ(changed.status, 0) << changed.output;
  const auto after = stored("alice");
  ASSERT_TRUE(after);
  EXPECT_NE(after->password_hash, alice->password_hash);
  EXPECT_EQ(account({"password", "bob"}, piped(kPassword)).status, 4);

  ASSERT_EQ(account({"remove", "alice"}).status, 0);
  EXPECT_EQ(account({"remove", "alice"}).status, 4);
  EXPECT_NE(account({"list"}).output.find("no organiser account yet"), std::string::npos);
}

// With PostgreSQL storage the accounts live in the database the hub serves from.
// serve's --session-ttl: refused before the server starts, outside 10 s to 7 days or malformed.
TEST_F(HubAccountsCli, ServeRefusesASessionLifetimeOutOfItsBounds) {
  for (const std::string ttl : {"5s", "8d", "12", "h", "-1h", "1.5h", "12x", "99999999999999999999d"}) {
    const auto run = hub({"--db", db_, "serve", "--listen", "127.0.0.1:0", "--session-ttl", ttl});
    EXPECT_NE(run.status, 0) << ttl;
    EXPECT_NE(run.output.find("--session-ttl takes a duration from 10s to 7d"), std::string::npos) << run.output;
  }
}

TEST(HubAccountsCliPostgresql, AccountsLiveInTheDatabaseOfSyncDb) {
  TempDir dir;
  const std::string file = dir.file("event.db").string();
  ASSERT_EQ(hub({"--db", file, "init", "--event", "Forum"}).status, 0);
  const auto url = fresh_pg_database();
  if (!url) return;  // skipped, or failed under CI=true, by fresh_pg_database
  const auto published = hub({"--db", file, "publish", "--to", *url});
  ASSERT_EQ(published.status, 0) << published.output;

  const auto added =
      hub({"--db", file, "account", "add", "alice", "--event", "1", "--sync-db", *url}, piped(kPassword));
  ASSERT_EQ(added.status, 0) << added.output;
  EXPECT_NE(hub({"--db", file, "account", "list", "--sync-db", *url}).output.find("alice\t1\t"), std::string::npos);
  EXPECT_NE(hub({"--db", file, "account", "list"}).output.find("no organiser account yet"), std::string::npos)
      << "the event file holds none";
  EXPECT_EQ(hub({"--db", file, "account", "remove", "alice", "--sync-db", *url}).status, 0);
}

}  // namespace
}  // namespace passerelle::testing
