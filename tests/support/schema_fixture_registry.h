// The registry every schema fixture holds (tests/data/schema/README.md): an event on 2026-05-04 in
// Lille, its door, two participants with their ticket codes. The core fixtures' and the hub
// fixtures' tools write it alike; SQL for the event file's tables, valid from core schema 1 on.
#pragma once

namespace passerelle::testing {

inline constexpr const char* kFixtureRegistry =
    "INSERT INTO event(id, name, venue, timezone, created_ms) VALUES (1, 'Forum 2026', 'Lille', 'Europe/Paris', "
    "1767225600000);"
    "INSERT INTO event_day VALUES (1, '2026-05-04');"
    "INSERT INTO checkpoint(id, event_id, name, rule, position) VALUES (1, 1, 'Entrance', 'once_per_event', 0);"
    "INSERT INTO participant(id, event_id, external_id, first_name, last_name, organisation, country, updated_ms) "
    "VALUES (1, 1, 'R-1', 'Zoë', 'Brontë', 'Acmé', 'FR', 1767225600000),"
    "       (2, 1, 'R-2', 'Jan', 'Peeters', 'Beta', 'BE', 1767225600000);"
    "INSERT INTO ticket_code VALUES (1, 'TKT-ZOE', 1), (1, 'TKT-JAN', 2);";

}  // namespace passerelle::testing
