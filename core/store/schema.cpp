#include "core/store/schema.h"

#include <array>

namespace passerelle {
namespace {

// Never edit a migration that has shipped: add a new one. Tests migrate from every version.
constexpr std::array kMigrations{
    db::Migration{1, "events, checkpoints, participants, ticket codes, meetings", R"sql(
CREATE TABLE event (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  venue       TEXT NOT NULL DEFAULT '',
  timezone    TEXT NOT NULL,
  created_ms  INTEGER NOT NULL
);
CREATE TABLE event_day (
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  day      TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  PRIMARY KEY (event_id, day)
) WITHOUT ROWID;
CREATE TABLE checkpoint (
  id        INTEGER PRIMARY KEY,
  event_id  INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  rule      TEXT NOT NULL CHECK (rule IN ('once_per_event', 'once_per_day', 'in_out')),
  position  INTEGER NOT NULL,
  UNIQUE (event_id, name COLLATE NOCASE)
);
CREATE TABLE checkpoint_tag (
  checkpoint_id INTEGER NOT NULL REFERENCES checkpoint(id) ON DELETE CASCADE,
  tag           TEXT NOT NULL,
  PRIMARY KEY (checkpoint_id, tag)
) WITHOUT ROWID;
CREATE TABLE participant (
  id            INTEGER PRIMARY KEY,
  event_id      INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  external_id   TEXT NOT NULL,
  first_name    TEXT NOT NULL,
  last_name     TEXT NOT NULL,
  email         TEXT NOT NULL DEFAULT '',
  organisation  TEXT NOT NULL DEFAULT '',
  country       TEXT NOT NULL DEFAULT '',
  region        TEXT NOT NULL DEFAULT '',
  sector        TEXT NOT NULL DEFAULT '',
  org_type      TEXT NOT NULL DEFAULT '',
  language      TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'de', 'nl')),
  role          TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'cancelled', 'blocked')),
  badge_serial  INTEGER NOT NULL DEFAULT 1,
  updated_ms    INTEGER NOT NULL,
  UNIQUE (event_id, external_id)
);
CREATE TABLE participant_tag (
  participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
  tag            TEXT NOT NULL,
  PRIMARY KEY (participant_id, tag)
) WITHOUT ROWID;
CREATE TABLE ticket_code (
  event_id       INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  code           TEXT NOT NULL,
  participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
  PRIMARY KEY (event_id, code)
) WITHOUT ROWID;
CREATE INDEX ticket_code_participant ON ticket_code(participant_id);
CREATE TABLE meeting (
  id             INTEGER PRIMARY KEY,
  event_id       INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  participant_a  INTEGER NOT NULL REFERENCES participant(id),
  participant_b  INTEGER NOT NULL REFERENCES participant(id),
  slot_start_ms  INTEGER NOT NULL,
  slot_end_ms    INTEGER NOT NULL,
  table_label    TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL DEFAULT 'scheduled'
                 CHECK (status IN ('scheduled', 'held', 'no_show', 'cancelled')),
  origin         TEXT NOT NULL DEFAULT 'imported' CHECK (origin IN ('imported', 'scheduled', 'walk_in')),
  feedback_a     TEXT,
  feedback_b     TEXT,
  CHECK (participant_a <> participant_b),
  CHECK (slot_end_ms > slot_start_ms)
);
CREATE INDEX meeting_participant_a ON meeting(participant_a, slot_start_ms);
CREATE INDEX meeting_participant_b ON meeting(participant_b, slot_start_ms);
)sql"},
    db::Migration{2, "accent-folded search index over names and organisations", R"sql(
-- Holds text already folded by ICU (core/text/fold.h); rowid is the participant id.
CREATE VIRTUAL TABLE participant_search USING fts5(folded, tokenize = 'ascii', prefix = '1 2 3');
)sql"},
    db::Migration{3, "journal and local device state", R"sql(
CREATE TABLE local_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE journal (
  uuid            TEXT PRIMARY KEY,
  device_id       TEXT NOT NULL,
  seq             INTEGER NOT NULL CHECK (seq > 0),
  event_id        INTEGER NOT NULL REFERENCES event(id),
  kind            TEXT NOT NULL,
  outcome         TEXT NOT NULL,
  participant_id  INTEGER REFERENCES participant(id),
  checkpoint_id   INTEGER REFERENCES checkpoint(id),
  code            TEXT NOT NULL DEFAULT '',
  operator        TEXT NOT NULL DEFAULT '',
  wall_ms         INTEGER NOT NULL,
  monotonic_ns    INTEGER NOT NULL,
  local_day       TEXT NOT NULL,
  UNIQUE (device_id, seq)
) WITHOUT ROWID;
CREATE INDEX journal_attendance ON journal(participant_id, checkpoint_id, kind, local_day)
  WHERE participant_id IS NOT NULL;
CREATE INDEX journal_event ON journal(event_id, wall_ms);
-- Entries are immutable (DESIGN.md): a correction is a new entry, never an UPDATE.
CREATE TRIGGER journal_immutable BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'journal entries are immutable'); END;
CREATE TRIGGER journal_append_only BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'journal entries are never deleted'); END;
)sql"},
    db::Migration{4, "badge signing keys, badge issue times and revocations", R"sql(
-- Ed25519 keys. A hub holds secret keys; kiosk bundles carry public keys only (secret_key NULL).
-- A kiosk holds the public keys of every event of its hub, so that a badge of another event
-- reads "other event" rather than "unknown key"; event_id is therefore not a foreign key (a
-- kiosk's database holds only its own event).
CREATE TABLE signing_key (
  key_id      INTEGER PRIMARY KEY,               -- derived from the public key (core/badge/token.h)
  event_id    INTEGER NOT NULL,
  public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
  secret_key  BLOB CHECK (secret_key IS NULL OR length(secret_key) = 64),
  created_ms  INTEGER NOT NULL,
  retired_ms  INTEGER
);
CREATE INDEX signing_key_event ON signing_key(event_id, created_ms);
-- When the current badge (badge_serial) was issued: part of the signed token, so a badge
-- printed twice is the same badge.
ALTER TABLE participant ADD COLUMN badge_issued_s INTEGER NOT NULL DEFAULT 0;
UPDATE participant SET badge_issued_s = updated_ms / 1000;
-- Badges revoked one by one (lost, stolen), beyond those an increased serial revokes.
CREATE TABLE badge_revocation (
  participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
  badge_serial   INTEGER NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  revoked_ms     INTEGER NOT NULL,
  PRIMARY KEY (participant_id, badge_serial)
) WITHOUT ROWID;
)sql"},
    db::Migration{5, "sync: former device ids, acknowledged marks, double check-ins", R"sql(
-- Device ids this file wrote entries under before the hub assigned the current one
-- (local_state 'device_id'); entries are immutable, so they keep those ids for ever.
CREATE TABLE sync_former_id (
  device_id TEXT PRIMARY KEY,
  position  INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;
-- Per authored device id: the highest seq the hub acknowledged holding without a gap.
CREATE TABLE sync_ack (
  device_id  TEXT PRIMARY KEY,
  acked_seq  INTEGER NOT NULL CHECK (acked_seq >= 0)
) WITHOUT ROWID;
-- Two accepted check-ins that a once-only rule allows once, made on devices while apart.
CREATE TABLE sync_conflict (
  first_uuid      TEXT NOT NULL,
  second_uuid     TEXT NOT NULL,
  participant_id  INTEGER NOT NULL,
  checkpoint_id   INTEGER NOT NULL,
  detected_ms     INTEGER NOT NULL,
  PRIMARY KEY (first_uuid, second_uuid)
) WITHOUT ROWID;
)sql"},
    db::Migration{6, "B2B sessions, areas, meeting requests and unavailable slots", R"sql(
-- The event's B2B session ([b2b] of the event description); times are minutes after local midnight.
CREATE TABLE b2b_session (
  event_id                INTEGER PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
  day                     TEXT NOT NULL,
  start_minute            INTEGER NOT NULL,
  afternoon_start_minute  INTEGER NOT NULL,
  slot_minutes            INTEGER NOT NULL CHECK (slot_minutes > 0),
  pause_minutes           INTEGER NOT NULL CHECK (pause_minutes >= 0),
  morning_slots           INTEGER NOT NULL CHECK (morning_slots >= 0),
  afternoon_slots         INTEGER NOT NULL CHECK (afternoon_slots >= 0),
  tables                  INTEGER NOT NULL CHECK (tables > 0)
);
CREATE TABLE b2b_area (
  event_id     INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  first_table  INTEGER NOT NULL,
  last_table   INTEGER NOT NULL,
  PRIMARY KEY (event_id, name)
) WITHOUT ROWID;
-- A meeting two participants asked for; the scheduler gives it a meeting row. The pair is kept
-- in id order, so that a re-import finds it whichever way round it is written.
CREATE TABLE meeting_request (
  id             INTEGER PRIMARY KEY,
  event_id       INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  participant_a  INTEGER NOT NULL REFERENCES participant(id),
  participant_b  INTEGER NOT NULL REFERENCES participant(id),
  half_day       TEXT NOT NULL DEFAULT 'any' CHECK (half_day IN ('any', 'morning', 'afternoon')),
  CHECK (participant_a < participant_b),
  UNIQUE (event_id, participant_a, participant_b)
);
CREATE TABLE b2b_unavailable (
  participant_id  INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
  slot            INTEGER NOT NULL CHECK (slot > 0),
  PRIMARY KEY (participant_id, slot)
) WITHOUT ROWID;
ALTER TABLE meeting ADD COLUMN request_id INTEGER REFERENCES meeting_request(id);
CREATE UNIQUE INDEX meeting_of_request ON meeting(request_id) WHERE request_id IS NOT NULL;
)sql"},
    db::Migration{7, "B2B areas as checkpoints, the session's scan tolerances, meeting entries", R"sql(
-- A B2B area is a checkpoint whose scans are meeting presences (docs/B2B_AREA.md); its area names
-- a b2b_area row, or is empty for every table.
ALTER TABLE checkpoint ADD COLUMN kind TEXT NOT NULL DEFAULT 'door' CHECK (kind IN ('door', 'b2b_area'));
ALTER TABLE checkpoint ADD COLUMN b2b_area TEXT NOT NULL DEFAULT '';
ALTER TABLE b2b_session ADD COLUMN early_minutes INTEGER NOT NULL DEFAULT 10 CHECK (early_minutes >= 0);
ALTER TABLE b2b_session ADD COLUMN late_minutes INTEGER NOT NULL DEFAULT 5 CHECK (late_minutes >= 0);
ALTER TABLE b2b_session ADD COLUMN grace_minutes INTEGER NOT NULL DEFAULT 15 CHECK (grace_minutes >= 0);
-- Walk-in meetings and answers about meetings name the meeting by partner and start.
ALTER TABLE journal ADD COLUMN partner_id INTEGER REFERENCES participant(id);
ALTER TABLE journal ADD COLUMN meeting_start_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE journal ADD COLUMN table_label TEXT NOT NULL DEFAULT '';
ALTER TABLE journal ADD COLUMN answer TEXT NOT NULL DEFAULT '';
)sql"},
    db::Migration{8, "the fingerprint of each participant's last printed agenda", R"sql(
-- What the hub last printed of a participant's B2B agenda (core/meetings/agenda_print.h), so a
-- kiosk can tell them it changed since. The hub's own state, not the registration system's: an
-- import leaves it alone. Empty: never printed, as for everyone already registered.
ALTER TABLE participant ADD COLUMN agenda_printed TEXT NOT NULL DEFAULT '';
)sql"},
    db::Migration{9, "the language an event's lists of people are sorted in", R"sql(
-- [event] language (docs/event-config.md): badges, agendas and exports list people in this
-- language's alphabetical order (core/text/collation.h). English for every event made before.
ALTER TABLE event ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'de', 'nl'));
)sql"},
    db::Migration{10, "scans made in rehearsal mode, kept apart from the journal", R"sql(
-- Rehearsal mode (docs/CLOCKS.md, "Rehearsal"): scans decided by the same rules as the door's,
-- against each other only, so that staff can try every screen the week before. Kept apart from
-- the journal so that nothing reading attendance, syncing or reporting can count one; unlike the
-- journal they are cleared, so no immutability trigger. Same columns as the journal.
CREATE TABLE rehearsal_entry (
  uuid              TEXT PRIMARY KEY,
  device_id         TEXT NOT NULL,
  seq               INTEGER NOT NULL CHECK (seq > 0),
  event_id          INTEGER NOT NULL,
  kind              TEXT NOT NULL,
  outcome           TEXT NOT NULL,
  participant_id    INTEGER,
  checkpoint_id     INTEGER,
  code              TEXT NOT NULL DEFAULT '',
  operator          TEXT NOT NULL DEFAULT '',
  wall_ms           INTEGER NOT NULL,
  monotonic_ns      INTEGER NOT NULL,
  local_day         TEXT NOT NULL,
  partner_id        INTEGER,
  meeting_start_ms  INTEGER NOT NULL DEFAULT 0,
  table_label       TEXT NOT NULL DEFAULT '',
  answer            TEXT NOT NULL DEFAULT '',
  UNIQUE (device_id, seq)
) WITHOUT ROWID;
CREATE INDEX rehearsal_attendance ON rehearsal_entry(participant_id, checkpoint_id, kind, local_day)
  WHERE participant_id IS NOT NULL;
CREATE INDEX rehearsal_event ON rehearsal_entry(event_id);
)sql"},
    db::Migration{11, "erased participants' identity keys; the journal's codes and operators can be erased", R"sql(
-- A participant whose personal data was erased (docs/PRIVACY.md), by the event's retention or on
-- request. The participant row stays, every readable field blanked, because journal entries,
-- meetings and the figures name it; what is left of the person is the keyed hash (HMAC-SHA256
-- under the hub's identity key, core/privacy/identity_keys.h) of their email and organisation, so
-- that a later event still counts them as returning.
CREATE TABLE participant_erasure (
  participant_id    INTEGER PRIMARY KEY REFERENCES participant(id) ON DELETE CASCADE,
  event_id          INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  erased_ms         INTEGER NOT NULL,
  cause             TEXT NOT NULL CHECK (cause IN ('retention', 'request')),
  email_key         TEXT NOT NULL DEFAULT '',
  organisation_key  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX participant_erasure_event ON participant_erasure(event_id);
-- Entries stay immutable but for one edit: erasure blanks the scanned code (which may be an email
-- or a ticket number) and the operator's name. The right to erasure beats "never edited" for
-- personal data; nothing an entry counts (kind, outcome, who, where, when) can change.
DROP TRIGGER journal_immutable;
CREATE TRIGGER journal_immutable BEFORE UPDATE ON journal
WHEN NOT (new.code IN ('', old.code) AND new.operator IN ('', old.operator)
          AND new.uuid IS old.uuid AND new.device_id IS old.device_id AND new.seq IS old.seq
          AND new.event_id IS old.event_id AND new.kind IS old.kind AND new.outcome IS old.outcome
          AND new.participant_id IS old.participant_id AND new.checkpoint_id IS old.checkpoint_id
          AND new.wall_ms IS old.wall_ms AND new.monotonic_ns IS old.monotonic_ns
          AND new.local_day IS old.local_day AND new.partner_id IS old.partner_id
          AND new.meeting_start_ms IS old.meeting_start_ms AND new.table_label IS old.table_label
          AND new.answer IS old.answer)
BEGIN SELECT RAISE(ABORT, 'journal entries are immutable'); END;
)sql"},
};

}  // namespace

std::span<const db::Migration> schema_migrations() {
  return kMigrations;
}

}  // namespace passerelle
