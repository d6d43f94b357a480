// Reading an event's setup (core/model/event_setup.h) from a hub's file, and writing one into a
// kiosk's new, empty database: the network's counterpart of a bundle (core/store/bundle.h), for a
// kiosk enrolled from nothing.
//
// Thread safety: as Store, one thread per Store. Failure: Errc::not_found for an event the file
// does not hold; install_event_setup refuses (Errc::conflict) a database that holds any event
// already, and (Errc::invalid_input) a setup without checkpoints, with a bad PIN hash or a B2B
// session the schema refuses. Each write is one transaction: all of the setup or none.
#pragma once

#include <cstdint>

#include "core/model/event_setup.h"
#include "core/store/store.h"

namespace passerelle {

Result<EventSetup> read_event_setup(Store& store, std::int64_t event_id);

Status install_event_setup(Store& store, const EventSetup& setup);

}  // namespace passerelle
