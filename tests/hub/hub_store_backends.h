// The backends HubStore's suite runs on. Each backend gives a fresh storage per test and the
// registry writes the hub's other programs make (import, badges reissue/revoke, keys, checkin),
// so the suite can check that those reach the change feed. A PostgreSQL backend adds itself to
// hub_store_backends() and runs the same suite.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/config/event_config.h"
#include "core/model/participant.h"
#include "core/store/store.h"
#include "core/util/clock.h"
#include "sync/hub/store/hub_store.h"

namespace passerelle::testing {

class HubStoreBackend {
 public:
  virtual ~HubStoreBackend() = default;
  // A HubStore on this test's storage; may be called again (a restart) and sees the same data.
  virtual Result<std::unique_ptr<hub::HubStore>> open_store(const Clock& clock) = 0;
  // Each committed on its own, as a separate hub command would.
  virtual Result<std::int64_t> create_event(const EventConfig& config) = 0;
  virtual Status upsert_participants(std::int64_t event_id, const std::vector<ParticipantRecord>& records) = 0;
  virtual Result<std::int64_t> reissue_badge(std::int64_t event_id, const std::string& external_id) = 0;
  // What `passerelle-hub agendas` records once the paper is written (Store::set_agenda_printed).
  virtual Status set_agenda_printed(std::int64_t event_id, const std::string& external_id,
                                    const std::string& fingerprint) = 0;
  virtual Status revoke_badge(std::int64_t event_id, const std::string& external_id, std::int64_t serial,
                              const std::string& reason) = 0;
  virtual Result<std::uint32_t> add_signing_key(std::int64_t event_id) = 0;
  virtual Status retire_signing_key(std::uint32_t key_id) = 0;
  // An accepted check-in made on the hub itself (passerelle-hub checkin --manual).
  virtual Result<std::string> hub_checkin(std::int64_t event_id, const std::string& external_id,
                                          const std::string& checkpoint) = 0;
  // Any other write to the event's registry, as `schedule` or `import-b2b` makes (meetings,
  // meeting requests): `edit` runs on the event file that holds the registry, in transactions of
  // its own; the PostgreSQL backend then publishes the event.
  virtual Status edit_registry(std::int64_t event_id, const std::function<Status(Store&)>& edit) = 0;
};

struct HubStoreBackendFactory {
  std::string name;  // a test-name suffix: letters and digits
  std::function<std::unique_ptr<HubStoreBackend>(const Clock& clock)> make;
};

std::vector<HubStoreBackendFactory> hub_store_backends();

}  // namespace passerelle::testing
