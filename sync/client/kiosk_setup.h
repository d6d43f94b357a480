// Setting a kiosk up from nothing (docs/sync.md, "Setting up from nothing"): a kiosk without a
// database redeems an enrolment ticket, receives its event (GET /v1/setup) and downloads the whole
// registry through the change feed before it checks anybody in. The network's counterpart of a
// bundle (core/store/bundle.h).
//
// Crash safety: the database appears at its path only once it holds the enrolment (built under a
// temporary name, 0600, and renamed), marked unfinished (sync_keys::kSetupState) until the first
// download is complete; the event goes in in one transaction, each page with its cursor in one. A
// kiosk killed at any point finds either no file (the ticket is redeemed again, or refused as used
// if the hub's answer was lost: make a new one) or an unfinished one, which step() finishes.
//
// Ownership: owns its Store (opened on first use) and its transport. Borrows the clock.
// Thread safety: one thread (a worker's); never the UI thread, every call may wait on the network.
// Failure: HubError as HubClient sorts them (retryable: out of reach, try again; rejected or
// unauthorised: the ticket or the hub refuses, a new ticket is needed); the kiosk database's own
// failures as HubFailure::rejected with the store's Errc.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/store/store.h"
#include "core/util/clock.h"
#include "sync/client/hub_client.h"
#include "sync/client/hub_transport.h"

namespace passerelle::kiosk {

enum class SetupNeed {
  ready,       // a database that needs nothing (a bundle, or a finished setup)
  nothing,     // no database at all: enrol, or install a bundle
  unfinished,  // enrolled from nothing, the event or the first download not complete yet
};

// Errc::not_found when the folder meant to hold `database` does not exist (a typo in a path
// must not turn into a kiosk asking to be set up); store errors as Store::open reports them.
Result<SetupNeed> setup_need(const std::filesystem::path& database);

struct SetupProgress {
  std::string event_name;       // once the event is in
  std::int64_t downloaded = 0;  // changes applied so far in this run
  std::int64_t remaining = 0;   // changes the hub still has for this kiosk (an estimate)
  bool complete = false;        // the database is ready: the kiosk may open it
};

// The name a kiosk gives itself at enrolment: `configured`, else this machine's host name.
std::string kiosk_device_name(std::string_view configured);

class KioskSetup {
 public:
  KioskSetup(std::filesystem::path database, const Clock& clock, TransportFactory transports);
  ~KioskSetup();
  KioskSetup(const KioskSetup&) = delete;
  KioskSetup& operator=(const KioskSetup&) = delete;

  // Redeems `ticket_text` ("PSLENROL1 ...") and creates the database holding the enrolment.
  // Errc::conflict (rejected) when a database exists there already.
  HubResult<sync::EnrolAnswer> enrol(std::string_view ticket_text, std::string_view device_name);

  // One step towards a ready database: the event when it is not in yet, else one page of the
  // first download. Call until complete; after a retryable failure, wait and call again.
  HubResult<SetupProgress> step();

 private:
  Result<Store*> store();
  HubResult<HubClient*> client();

  std::filesystem::path database_;
  const Clock* clock_;
  TransportFactory transports_;
  std::optional<Store> store_;
  std::unique_ptr<HubTransport> transport_;
  std::optional<HubClient> client_;
  SetupProgress progress_;
};

}  // namespace passerelle::kiosk
