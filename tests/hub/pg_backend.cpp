#include "tests/hub/pg_backend.h"

#include <gtest/gtest.h>

#include <memory>

#include "core/store/store.h"
#include "sync/hub/pg/pg_hub_store.h"
#include "sync/hub/pg/pg_publish.h"
#include "tests/support/pg_cluster.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

// GTEST_SKIP and FAIL return from the function they are in: hence a void function of their own.
void skip_or_fail(const std::string& reason) {
  if (ci_requires_all_tests()) FAIL() << reason << "; CI=true requires the PostgreSQL tests to run";
  GTEST_SKIP() << reason;
}

// The registry lives in an event file, as with the real hub; every write is published at once.
class PgBackend final : public HubStoreBackend {
 public:
  PgBackend(const Clock& clock, std::string url) : clock_(&clock), url_(std::move(url)) {}

  Result<std::unique_ptr<hub::HubStore>> open_store(const Clock& clock) override {
    if (url_.empty()) return make_error(Errc::not_found, "no PostgreSQL here");
    PSL_ASSIGN_OR_RETURN(auto store, hub::pg::PgHubStore::open(url_, clock));
    return std::unique_ptr<hub::HubStore>(std::move(store));
  }

  Result<std::int64_t> create_event(const EventConfig& config) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    PSL_ASSIGN_OR_RETURN(const auto event_id, store.create_event(config));
    PSL_TRY(publish(store, event_id));
    return event_id;
  }

  Status upsert_participants(std::int64_t event_id, const std::vector<ParticipantRecord>& records) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    {
      PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(store.database()));
      for (const auto& record : records) PSL_TRY(store.upsert_participant_in_transaction(event_id, record));
      PSL_TRY(transaction.commit());
    }
    return publish(store, event_id);
  }

  Result<std::int64_t> reissue_badge(std::int64_t event_id, const std::string& external_id) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    PSL_ASSIGN_OR_RETURN(const auto person, store.find_by_external_id(event_id, external_id));
    if (!person) return make_error(Errc::not_found, external_id);
    PSL_ASSIGN_OR_RETURN(const auto serial, store.reissue_badge(person->id));
    PSL_TRY(publish(store, event_id));
    return serial;
  }

  Status set_agenda_printed(std::int64_t event_id, const std::string& external_id,
                            const std::string& fingerprint) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    PSL_ASSIGN_OR_RETURN(const auto person, store.find_by_external_id(event_id, external_id));
    if (!person) return make_error(Errc::not_found, external_id);
    PSL_TRY(store.set_agenda_printed(person->id, fingerprint));
    return publish(store, event_id);
  }

  Status revoke_badge(std::int64_t event_id, const std::string& external_id, std::int64_t serial,
                      const std::string& reason) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    PSL_ASSIGN_OR_RETURN(const auto person, store.find_by_external_id(event_id, external_id));
    if (!person) return make_error(Errc::not_found, external_id);
    PSL_TRY(store.revoke_badge(person->id, serial, reason));
    return publish(store, event_id);
  }

  Result<std::uint32_t> add_signing_key(std::int64_t event_id) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    const auto key = badge::generate_key_pair();
    PSL_TRY(store.add_signing_key(event_id, key));
    PSL_TRY(publish(store, event_id));
    return key.key_id;
  }

  Status retire_signing_key(std::uint32_t key_id) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    PSL_ASSIGN_OR_RETURN(const auto key, store.find_signing_key(key_id));
    if (!key) return make_error(Errc::not_found, "no key " + std::to_string(key_id));
    PSL_TRY(store.retire_signing_key(key_id));
    return publish(store, key->event_id);
  }

  Result<std::string> hub_checkin(std::int64_t event_id, const std::string& external_id,
                                  const std::string& checkpoint) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    PSL_ASSIGN_OR_RETURN(const auto person, store.find_by_external_id(event_id, external_id));
    PSL_ASSIGN_OR_RETURN(const auto point, store.find_checkpoint(event_id, checkpoint));
    if (!person || !point) return make_error(Errc::not_found, external_id + " at " + checkpoint);
    std::string uuid;
    {
      PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(store.database()));
      JournalEntry entry;
      entry.event_id = event_id;
      entry.kind = EntryKind::manual_checkin;
      entry.outcome = Outcome::accepted;
      entry.participant_id = person->id;
      entry.checkpoint_id = point->id;
      entry.operator_name = "hub desk";
      PSL_ASSIGN_OR_RETURN(const auto stored, store.append_in_transaction(entry));
      PSL_TRY(transaction.commit());
      uuid = stored.uuid;
    }
    PSL_TRY(publish(store, event_id));
    return uuid;
  }

  Status edit_registry(std::int64_t event_id, const std::function<Status(Store&)>& edit) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    PSL_TRY(edit(store));
    return publish(store, event_id);
  }

 private:
  std::filesystem::path path() const { return dir_.file("event.db"); }

  Status publish(Store& store, std::int64_t event_id) {
    PSL_ASSIGN_OR_RETURN(auto database, hub::pg::PgConnection::connect(url_));
    PSL_TRY(hub::pg::publish_event(store, database, event_id, *clock_));
    return {};
  }

  TempDir dir_;
  const Clock* clock_;
  std::string url_;
};

}  // namespace

Result<std::string> fresh_pg_database() {
  auto url = fresh_test_database("hub");
  if (!url) {
    // Installed but failing is a failure everywhere, not a skip.
    if (url.error().code == Errc::not_found) {
      skip_or_fail(url.error().message);
    } else {
      ADD_FAILURE() << "PostgreSQL: " << url.error().message;
    }
  }
  return url;
}

std::unique_ptr<HubStoreBackend> postgresql_backend_at(const Clock& clock, std::string url) {
  return std::unique_ptr<HubStoreBackend>(new PgBackend(clock, std::move(url)));
}

HubStoreBackendFactory postgresql_backend() {
  return {"Postgresql", [](const Clock& clock) {
            // Without PostgreSQL the test is marked skipped (or failed) here, and the suite's SetUp
            // stops before using the backend.
            auto url = fresh_pg_database();
            return std::unique_ptr<HubStoreBackend>(new PgBackend(clock, url ? *url : std::string()));
          }};
}

}  // namespace passerelle::testing
