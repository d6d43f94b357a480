#include "tests/hub/hub_store_backends.h"

#include "core/store/store.h"
#include "sync/hub/store/sqlite_hub_store.h"
#include "tests/hub/pg_backend.h"
#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

// The hub's event file: registry writes go through core's Store on the same file, as the CLI's do.
class SqliteBackend final : public HubStoreBackend {
 public:
  explicit SqliteBackend(const Clock& clock) : clock_(&clock) {}

  Result<std::unique_ptr<hub::HubStore>> open_store(const Clock& clock) override {
    PSL_ASSIGN_OR_RETURN(auto store, hub::SqliteHubStore::open(path(), clock));
    return std::unique_ptr<hub::HubStore>(std::move(store));
  }

  Result<std::int64_t> create_event(const EventConfig& config) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    return store.create_event(config);
  }

  Status upsert_participants(std::int64_t event_id, const std::vector<ParticipantRecord>& records) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(store.database()));
    for (const auto& record : records) PSL_TRY(store.upsert_participant_in_transaction(event_id, record));
    return transaction.commit();
  }

  Result<std::int64_t> reissue_badge(std::int64_t event_id, const std::string& external_id) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    PSL_ASSIGN_OR_RETURN(const auto person, store.find_by_external_id(event_id, external_id));
    if (!person) return make_error(Errc::not_found, external_id);
    return store.reissue_badge(person->id);
  }

  Status set_agenda_printed(std::int64_t event_id, const std::string& external_id,
                            const std::string& fingerprint) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    PSL_ASSIGN_OR_RETURN(const auto person, store.find_by_external_id(event_id, external_id));
    if (!person) return make_error(Errc::not_found, external_id);
    return store.set_agenda_printed(person->id, fingerprint);
  }

  Status revoke_badge(std::int64_t event_id, const std::string& external_id, std::int64_t serial,
                      const std::string& reason) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    PSL_ASSIGN_OR_RETURN(const auto person, store.find_by_external_id(event_id, external_id));
    if (!person) return make_error(Errc::not_found, external_id);
    return store.revoke_badge(person->id, serial, reason);
  }

  Result<std::uint32_t> add_signing_key(std::int64_t event_id) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    const auto key = badge::generate_key_pair();
    PSL_TRY(store.add_signing_key(event_id, key));
    return key.key_id;
  }

  Status retire_signing_key(std::uint32_t key_id) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    return store.retire_signing_key(key_id);
  }

  Result<std::string> hub_checkin(std::int64_t event_id, const std::string& external_id,
                                  const std::string& checkpoint) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    PSL_ASSIGN_OR_RETURN(const auto person, store.find_by_external_id(event_id, external_id));
    PSL_ASSIGN_OR_RETURN(const auto point, store.find_checkpoint(event_id, checkpoint));
    if (!person || !point) return make_error(Errc::not_found, external_id + " at " + checkpoint);
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
    return stored.uuid;
  }

  Status edit_registry(std::int64_t /*event_id*/, const std::function<Status(Store&)>& edit) override {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path(), *clock_));
    return edit(store);
  }

 private:
  std::filesystem::path path() const { return dir_.file("hub.db"); }

  TempDir dir_;
  const Clock* clock_;
};

}  // namespace

std::vector<HubStoreBackendFactory> hub_store_backends() {
  return {
      {"Sqlite", [](const Clock& clock) { return std::unique_ptr<HubStoreBackend>(new SqliteBackend(clock)); }},
      postgresql_backend(),
  };
}

}  // namespace passerelle::testing
