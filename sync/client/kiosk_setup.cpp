#include "sync/client/kiosk_setup.h"

#include <unistd.h>

#include <system_error>

#include "core/store/event_setup_store.h"
#include "core/util/files.h"
#include "core/util/strings.h"
#include "sync/client/sync_keys.h"
#include "sync/protocol/sync_store.h"

namespace passerelle::kiosk {
namespace {

constexpr std::string_view kStateEnrolled = "enrolled";
constexpr std::string_view kStateDownloading = "downloading";
constexpr std::size_t kMaxDeviceName = 128;  // the hub's bound (sync/hub/store/enrolment_rules.h)

HubError local_failure(Error error) {
  return HubError{HubFailure::rejected, 0, std::move(error), {}, {}};
}

// A stored id or cursor; 0 (none, the feed's start) when absent or not a count.
std::int64_t parse_count(const std::optional<std::string>& text) {
  const auto value = text ? parse_integer<std::int64_t>(*text) : std::nullopt;
  return value && *value >= 0 ? *value : 0;
}

// The new database, holding the enrolment and nothing else yet, one self-contained file.
Status write_enrolment(const std::filesystem::path& path, const Clock& clock, const sync::EnrolAnswer& answer,
                       const HubEndpoint& hub) {
  PSL_ASSIGN_OR_RETURN(auto store, Store::open(path, clock));
  PSL_TRY(store.set_local_value(sync_keys::kHubUrl, hub.url));
  PSL_TRY(store.set_local_value(sync_keys::kHubPin, hub.certificate_pin));
  PSL_TRY(store.set_local_value(sync_keys::kToken, answer.token));
  PSL_TRY(store.set_local_value(sync_keys::kHubEventId, std::to_string(answer.event_id)));
  PSL_TRY(store.set_local_value(sync_keys::kCursor, "0"));
  PSL_TRY(store.set_local_value(sync_keys::kSetupState, kStateEnrolled));
  PSL_TRY(store.adopt_device_id(answer.device_id, answer.journal_key));
  return store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace

std::string kiosk_device_name(std::string_view configured) {
  std::string name(configured);
  if (name.empty()) {
    char host[256] = {};
    name = gethostname(host, sizeof host - 1) == 0 && host[0] != '\0' ? host : "kiosk";
  }
  if (name.size() > kMaxDeviceName) name.resize(kMaxDeviceName);
  return name;
}

Result<SetupNeed> setup_need(const std::filesystem::path& database) {
  std::error_code error;
  const auto folder = database.has_parent_path() ? database.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(folder, error))
    return make_error(Errc::not_found, "the folder " + folder.string() + " of the kiosk database does not exist");
  if (!std::filesystem::exists(database, error)) return SetupNeed::nothing;
  PSL_ASSIGN_OR_RETURN(auto store, Store::open(database));
  PSL_ASSIGN_OR_RETURN(const auto state, store.local_value(sync_keys::kSetupState));
  return state && !state->empty() ? SetupNeed::unfinished : SetupNeed::ready;
}

KioskSetup::KioskSetup(std::filesystem::path database, const Clock& clock, TransportFactory transports)
    : database_(std::move(database)), clock_(&clock), transports_(std::move(transports)) {}

KioskSetup::~KioskSetup() = default;

HubResult<sync::EnrolAnswer> KioskSetup::enrol(std::string_view ticket_text, std::string_view device_name) {
  std::error_code exists_error;
  if (std::filesystem::exists(database_, exists_error))
    return local_failure(make_error(Errc::conflict, "a kiosk database exists already at " + database_.string()));
  auto ticket = sync::parse_enrolment_ticket(ticket_text);
  if (!ticket) return local_failure(std::move(ticket).error());
  const HubEndpoint hub{ticket->hub_url, ticket->certificate_pin};
  auto transport = transports_(hub);
  if (!transport) return local_failure(std::move(transport).error());
  HubClient client(**transport);
  sync::EnrolRequest request;
  request.code = ticket->code;
  request.name = kiosk_device_name(device_name);
  request.kiosk_time_ms = clock_->wall_ms();
  auto answer = client.enrol(request);
  if (!answer) return answer.error();

  auto temporary = create_temporary_for(database_, FileAccess::owner_only);
  if (!temporary) return local_failure(std::move(temporary).error());
  if (auto written = write_enrolment(*temporary, *clock_, *answer, hub); !written) {
    remove_database_files(*temporary);
    return local_failure(std::move(written).error());
  }
  std::error_code error;
  std::filesystem::rename(*temporary, database_, error);
  if (error) {
    remove_database_files(*temporary);
    return local_failure(make_error(Errc::io, "cannot write " + database_.string() + ": " + error.message()));
  }
  sync_parent_folder(database_);
  transport_ = std::move(*transport);
  client_.emplace(*transport_, answer->token);
  return answer;
}

Result<Store*> KioskSetup::store() {
  if (!store_) {
    PSL_ASSIGN_OR_RETURN(auto opened, Store::open(database_, *clock_));
    store_.emplace(std::move(opened));
  }
  return &*store_;
}

HubResult<HubClient*> KioskSetup::client() {
  if (client_) return &*client_;
  auto store = this->store();
  if (!store) return local_failure(std::move(store).error());
  const auto value = [&](std::string_view key) -> Result<std::string> {
    PSL_ASSIGN_OR_RETURN(const auto held, (*store)->local_value(key));
    return held.value_or("");
  };
  auto url = value(sync_keys::kHubUrl);
  auto pin = value(sync_keys::kHubPin);
  auto token = value(sync_keys::kToken);
  if (!url || !pin || !token) return local_failure(!url ? url.error() : !pin ? pin.error() : token.error());
  if (token->empty()) return local_failure(make_error(Errc::invalid_input, "this kiosk database holds no enrolment"));
  auto transport = transports_(HubEndpoint{*url, *pin});
  if (!transport) return local_failure(std::move(transport).error());
  transport_ = std::move(*transport);
  client_.emplace(*transport_, *token);
  return &*client_;
}

HubResult<SetupProgress> KioskSetup::step() {
  auto opened = store();
  if (!opened) return local_failure(std::move(opened).error());
  Store& store = **opened;
  auto state = store.local_value(sync_keys::kSetupState);
  if (!state) return local_failure(std::move(state).error());
  if (!*state || (*state)->empty()) {
    progress_.complete = true;
    progress_.remaining = 0;
    return progress_;
  }
  auto client = this->client();
  if (!client) return client.error();

  if (**state == kStateEnrolled) {
    auto event_id = store.local_value(sync_keys::kHubEventId);
    if (!event_id) return local_failure(std::move(event_id).error());
    // Killed after the event went in but before the state moved on: it is in.
    auto held = store.find_event(parse_count(*event_id));
    if (!held) return local_failure(std::move(held).error());
    if (!*held) {
      auto answer = (*client)->setup();
      if (!answer) return answer.error();
      if (answer->setup.event.id != parse_count(*event_id))
        return local_failure(make_error(Errc::invalid_input, "the hub sent the event " +
                                                                 std::to_string(answer->setup.event.id) +
                                                                 ", not the one this kiosk was enrolled for"));
      if (auto installed = install_event_setup(store, answer->setup); !installed)
        return local_failure(std::move(installed).error());
      progress_.event_name = answer->setup.event.name;
    } else {
      progress_.event_name = (*held)->name;
    }
    if (auto saved = store.set_local_value(sync_keys::kSetupState, kStateDownloading); !saved)
      return local_failure(std::move(saved).error());
    return progress_;
  }

  if (progress_.event_name.empty()) {
    if (auto event = store.resolve_event(std::nullopt)) progress_.event_name = event->name;
  }
  auto stored_cursor = store.local_value(sync_keys::kCursor);
  if (!stored_cursor) return local_failure(std::move(stored_cursor).error());
  const std::int64_t cursor = parse_count(*stored_cursor);
  auto page = (*client)->changes(cursor, sync::kMaxChangePage);
  if (!page) return page.error();
  sync::SyncStore sync_store(store);
  if (auto applied = sync_store.apply_change_page(*page, sync_keys::kCursor); !applied)
    return local_failure(std::move(applied).error());
  progress_.downloaded += static_cast<std::int64_t>(page->changes.size());
  progress_.remaining = page->more ? std::max<std::int64_t>(page->remaining, 1) : 0;
  if (!page->more || page->cursor == cursor) {
    if (auto saved = store.set_local_value(sync_keys::kSetupState, ""); !saved)
      return local_failure(std::move(saved).error());
    progress_.complete = true;
    progress_.remaining = 0;
  }
  return progress_;
}

}  // namespace passerelle::kiosk
