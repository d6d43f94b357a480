#include "sync/hub/store/sqlite_hub_schema.h"

#include <array>
#include <string>

#include "core/util/strings.h"

namespace passerelle::hub {
namespace {

constexpr const char* kVersionKey = "hub.schema_version";

struct HubMigration {
  int version;
  const char* description;
  const char* sql;
};

// Never edit a migration that has shipped: add a new one.
//
// The change feed. A trigger on every registry table and on the journal adds a row to hub_feed in
// the writing transaction itself, so a change made by any program that writes the file (the
// server, `import`, `badges reissue`, `keys add`, `register`, `checkin`) enters the feed with it.
// A row names what changed (type, ref); a download composes the row's state at read time.
//
// Why a reader's cursor never skips a committed row: SQLite lets one connection at a time hold the
// write lock, from its first write until its commit, and a trigger draws `seq` under that lock,
// above every seq committed so far (a writer in WAL mode always works on the latest data, or gets
// SQLITE_BUSY). So a transaction that commits after a reader took its snapshot drew its seqs above
// every seq in that snapshot: a reader at cursor N never later finds a new row with seq <= N.
// Seqs of a rolled-back transaction may be drawn again, which is harmless since nobody saw them;
// AUTOINCREMENT would also keep the seqs of deleted rows from coming back.
//
// Rows are never deleted: a participant's first feed row must stay before the entries that name
// it, since a kiosk refuses an entry whose participant it does not know yet. The same row may
// therefore appear several times (an import writes one for the participant and one per tag and
// code); a page sends it once.
constexpr std::array kMigrations{
    HubMigration{1, "devices, tokens, enrolment codes, quarantine, alerts, change feed", R"sql(
CREATE TABLE hub_device (
  device_id        TEXT PRIMARY KEY,
  event_id         INTEGER NOT NULL REFERENCES event(id),
  name             TEXT NOT NULL DEFAULT '',
  enrolled_ms      INTEGER NOT NULL,
  revoked_ms       INTEGER,
  last_sync_ms     INTEGER,
  clock_offset_ms  INTEGER
) WITHOUT ROWID;
-- Every device id a device may upload under: its own, and those it wrote entries under before
-- enrolment (entries are immutable, so they keep them). acked_seq only ever grows.
CREATE TABLE hub_authored (
  authored_id  TEXT PRIMARY KEY,
  device_id    TEXT NOT NULL REFERENCES hub_device(device_id),
  position     INTEGER NOT NULL,
  acked_seq    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX hub_authored_device ON hub_authored(device_id, position);
-- Tokens and codes are kept as SHA-256 only.
CREATE TABLE hub_token (
  token_sha256  TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('device', 'organiser')),
  device_id     TEXT REFERENCES hub_device(device_id),
  label         TEXT NOT NULL DEFAULT '',
  created_ms    INTEGER NOT NULL,
  revoked_ms    INTEGER,
  CHECK ((kind = 'device') = (device_id IS NOT NULL))
) WITHOUT ROWID;
CREATE INDEX hub_token_device ON hub_token(device_id) WHERE device_id IS NOT NULL;
CREATE TABLE hub_enrolment (
  code_sha256  TEXT PRIMARY KEY,
  event_id     INTEGER NOT NULL REFERENCES event(id),
  label        TEXT NOT NULL DEFAULT '',
  created_ms   INTEGER NOT NULL,
  expires_ms   INTEGER NOT NULL,
  redeemed_ms  INTEGER,
  device_id    TEXT
) WITHOUT ROWID;
-- Uploaded entries the hub refused, kept with the JSON as sent. A row with a seq counts toward
-- its device id's acked_seq: the kiosk must not stall on it.
CREATE TABLE hub_quarantine (
  id           INTEGER PRIMARY KEY,
  received_ms  INTEGER NOT NULL,
  uploader     TEXT NOT NULL,
  device_id    TEXT NOT NULL,
  event_id     INTEGER,
  seq          INTEGER,
  uuid         TEXT NOT NULL DEFAULT '',
  reason       TEXT NOT NULL,
  detail       TEXT NOT NULL DEFAULT '',
  raw_json     TEXT NOT NULL,
  raw_sha256   TEXT NOT NULL,
  UNIQUE (device_id, raw_sha256)
);
CREATE INDEX hub_quarantine_seq ON hub_quarantine(device_id, seq) WHERE seq IS NOT NULL;
CREATE INDEX hub_quarantine_event ON hub_quarantine(event_id);
CREATE TABLE hub_alert (
  id          INTEGER PRIMARY KEY,
  created_ms  INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  event_id    INTEGER,
  device_id   TEXT NOT NULL DEFAULT '',
  uuid        TEXT NOT NULL DEFAULT '',
  other_uuid  TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT ''
);
-- When and from whom each uploaded entry arrived, with the kiosk's clock offset then: reports
-- correct wall_ms by it.
CREATE TABLE hub_received (
  uuid             TEXT PRIMARY KEY,
  uploader         TEXT NOT NULL,
  received_ms      INTEGER NOT NULL,
  clock_offset_ms  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE hub_feed (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id   INTEGER NOT NULL,
  type       TEXT NOT NULL CHECK (type IN ('participant', 'revocation', 'key', 'meeting', 'entry')),
  ref        TEXT NOT NULL,  -- participant, key, meeting: the row id; revocation: 'participant/serial'; entry: uuid
  device_id  TEXT            -- entries: the device id they carry, so a device's own are left out
);
CREATE INDEX hub_feed_live ON hub_feed(event_id, type, seq);

-- What the file held before the hub schema existed, in an order a kiosk can apply: keys, then
-- participants, then what refers to them.
INSERT INTO hub_feed(event_id, type, ref) SELECT event_id, 'key', key_id FROM signing_key ORDER BY created_ms, key_id;
INSERT INTO hub_feed(event_id, type, ref) SELECT event_id, 'participant', id FROM participant ORDER BY id;
INSERT INTO hub_feed(event_id, type, ref)
  SELECT p.event_id, 'revocation', r.participant_id || '/' || r.badge_serial
  FROM badge_revocation r JOIN participant p ON p.id = r.participant_id ORDER BY r.revoked_ms, r.participant_id;
INSERT INTO hub_feed(event_id, type, ref) SELECT event_id, 'meeting', id FROM meeting ORDER BY id;
INSERT INTO hub_feed(event_id, type, ref, device_id)
  SELECT event_id, 'entry', uuid, device_id FROM journal ORDER BY wall_ms, device_id, seq;

CREATE TRIGGER hub_feed_participant_insert AFTER INSERT ON participant BEGIN
  INSERT INTO hub_feed(event_id, type, ref) VALUES (NEW.event_id, 'participant', NEW.id);
END;
CREATE TRIGGER hub_feed_participant_update AFTER UPDATE ON participant BEGIN
  INSERT INTO hub_feed(event_id, type, ref) VALUES (NEW.event_id, 'participant', NEW.id);
END;
CREATE TRIGGER hub_feed_tag_insert AFTER INSERT ON participant_tag BEGIN
  INSERT INTO hub_feed(event_id, type, ref)
    SELECT event_id, 'participant', id FROM participant WHERE id = NEW.participant_id;
END;
CREATE TRIGGER hub_feed_tag_delete AFTER DELETE ON participant_tag BEGIN
  INSERT INTO hub_feed(event_id, type, ref)
    SELECT event_id, 'participant', id FROM participant WHERE id = OLD.participant_id;
END;
CREATE TRIGGER hub_feed_code_insert AFTER INSERT ON ticket_code BEGIN
  INSERT INTO hub_feed(event_id, type, ref)
    SELECT event_id, 'participant', id FROM participant WHERE id = NEW.participant_id;
END;
CREATE TRIGGER hub_feed_code_delete AFTER DELETE ON ticket_code BEGIN
  INSERT INTO hub_feed(event_id, type, ref)
    SELECT event_id, 'participant', id FROM participant WHERE id = OLD.participant_id;
END;
CREATE TRIGGER hub_feed_code_update AFTER UPDATE ON ticket_code BEGIN
  INSERT INTO hub_feed(event_id, type, ref)
    SELECT event_id, 'participant', id FROM participant WHERE id IN (OLD.participant_id, NEW.participant_id);
END;
CREATE TRIGGER hub_feed_revocation_insert AFTER INSERT ON badge_revocation BEGIN
  INSERT INTO hub_feed(event_id, type, ref)
    SELECT event_id, 'revocation', NEW.participant_id || '/' || NEW.badge_serial
    FROM participant WHERE id = NEW.participant_id;
END;
CREATE TRIGGER hub_feed_key_insert AFTER INSERT ON signing_key BEGIN
  INSERT INTO hub_feed(event_id, type, ref) VALUES (NEW.event_id, 'key', NEW.key_id);
END;
CREATE TRIGGER hub_feed_key_update AFTER UPDATE ON signing_key BEGIN
  INSERT INTO hub_feed(event_id, type, ref) VALUES (NEW.event_id, 'key', NEW.key_id);
END;
CREATE TRIGGER hub_feed_meeting_insert AFTER INSERT ON meeting BEGIN
  INSERT INTO hub_feed(event_id, type, ref) VALUES (NEW.event_id, 'meeting', NEW.id);
END;
CREATE TRIGGER hub_feed_meeting_update AFTER UPDATE ON meeting BEGIN
  INSERT INTO hub_feed(event_id, type, ref) VALUES (NEW.event_id, 'meeting', NEW.id);
END;
CREATE TRIGGER hub_feed_journal_insert AFTER INSERT ON journal BEGIN
  INSERT INTO hub_feed(event_id, type, ref, device_id) VALUES (NEW.event_id, 'entry', NEW.uuid, NEW.device_id);
END;
)sql"},
    // Journal keys (docs/sync.md "Offline transfer"): one per device id the hub made, by enrolment
    // or for an export-kiosk bundle. Kept in clear because the hub recomputes each file's MAC;
    // whoever can read this table can write the journal directly anyway. An offline device has no
    // hub_device row and no token: it never calls the API, and its id stays free for its kiosk to
    // declare if it is enrolled later.
    HubMigration{2, "journal keys", R"sql(
CREATE TABLE hub_journal_key (
  device_id    TEXT PRIMARY KEY,
  event_id     INTEGER NOT NULL REFERENCES event(id),
  journal_key  TEXT NOT NULL,
  origin       TEXT NOT NULL CHECK (origin IN ('enrolment', 'offline')),
  name         TEXT NOT NULL DEFAULT '',
  created_ms   INTEGER NOT NULL
) WITHOUT ROWID;
)sql"},
    // The quarantine quota (docs/sync.md, "Quarantine quota") counts a device's quarantined
    // entries for each batch that would add some: without this index, a scan of every device's.
    HubMigration{3, "quarantine counted per uploader", R"sql(
CREATE INDEX hub_quarantine_uploader ON hub_quarantine(uploader);
)sql"},
    // Privacy (docs/PRIVACY.md): each event's retention, and the audit log of what erased whom.
    // The log is append-only (triggers) and never names a person: an erasure line holds the
    // participant's id, which after erasure leads to no name.
    HubMigration{4, "retention settings and the audit log", R"sql(
CREATE TABLE hub_retention (
  event_id    INTEGER PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
  days        INTEGER NOT NULL CHECK (days >= 0),
  set_ms      INTEGER NOT NULL,
  applied_ms  INTEGER
);
CREATE TABLE hub_audit (
  id              INTEGER PRIMARY KEY,
  at_ms           INTEGER NOT NULL,
  action          TEXT NOT NULL,
  actor           TEXT NOT NULL,
  event_id        INTEGER,
  participant_id  INTEGER,
  detail          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX hub_audit_event ON hub_audit(event_id, id);
CREATE TRIGGER hub_audit_no_update BEFORE UPDATE ON hub_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER hub_audit_no_delete BEFORE DELETE ON hub_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql"},
    // Organisers' accounts and web sessions (docs/LIVE_VIEW.md, "Accounts and sessions"). A name
    // is unique under its caseless key (account_rules.h); passwords are argon2id hashes; a
    // session's token is kept as SHA-256 only, its CSRF token as is. Sessions are numbered (id)
    // so that "the oldest" is well defined when two open within one millisecond.
    HubMigration{5, "organiser accounts and web sessions", R"sql(
CREATE TABLE hub_account (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  name_key       TEXT NOT NULL UNIQUE,
  password_hash  TEXT NOT NULL,
  created_ms     INTEGER NOT NULL,
  password_ms    INTEGER NOT NULL
);
CREATE TABLE hub_account_event (
  account_id  INTEGER NOT NULL REFERENCES hub_account(id) ON DELETE CASCADE,
  event_id    INTEGER NOT NULL REFERENCES event(id),
  PRIMARY KEY (account_id, event_id)
) WITHOUT ROWID;
CREATE TABLE hub_web_session (
  id            INTEGER PRIMARY KEY,
  token_sha256  TEXT NOT NULL UNIQUE,
  account_id    INTEGER NOT NULL REFERENCES hub_account(id) ON DELETE CASCADE,
  csrf_token    TEXT NOT NULL,
  created_ms    INTEGER NOT NULL,
  expires_ms    INTEGER NOT NULL
);
CREATE INDEX hub_web_session_account ON hub_web_session(account_id, id);
CREATE INDEX hub_web_session_expiry ON hub_web_session(expires_ms);
)sql"},
};

Result<int> read_version(db::Database& database) {
  PSL_ASSIGN_OR_RETURN(auto select, database.query("SELECT value FROM local_state WHERE key = ?"));
  select.bind_all(kVersionKey);
  PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
  if (!has_row) return 0;
  const std::string text = select.column_text(0);
  const auto version = parse_integer<int>(text);
  if (!version || *version < 0)
    return make_error(Errc::database, std::string(kVersionKey) + " holds '" + text + "', not a version number");
  return *version;
}

Status write_version(db::Database& database, int version) {
  PSL_ASSIGN_OR_RETURN(auto upsert, database.query("INSERT INTO local_state(key, value) VALUES (?, ?) "
                                                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  return upsert.bind_all(kVersionKey, std::to_string(version)).run();
}

Error too_new(const db::Database& database, int version) {
  return make_error(Errc::unsupported, database.path().string() + " has hub schema version " + std::to_string(version) +
                                           ", newer than this program's " + std::to_string(kHubSchemaVersion) +
                                           ": upgrade Passerelle to serve it");
}

}  // namespace

static_assert(kMigrations.back().version == kHubSchemaVersion);

Result<int> hub_schema_version(db::Database& database) {
  return read_version(database);
}

Status migrate_hub_schema(db::Database& database, int target) {
  for (const HubMigration& migration : kMigrations) {
    if (migration.version > target) break;
    PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database));
    // Read under the write lock: another process may have migrated since.
    PSL_ASSIGN_OR_RETURN(const int current, read_version(database));
    if (current > kHubSchemaVersion) return too_new(database, current);
    if (current >= migration.version) continue;  // nothing to do; the destructor rolls back
    if (current != migration.version - 1)
      return make_error(Errc::database, "hub schema version " + std::to_string(current) + " cannot be migrated to " +
                                            std::to_string(migration.version));
    if (auto applied = database.exec(migration.sql); !applied)
      return make_error(applied.error().code, std::string("hub migration ") + std::to_string(migration.version) + " (" +
                                                  migration.description + "): " + applied.error().message);
    PSL_TRY(write_version(database, migration.version));
    PSL_TRY(transaction.commit());
  }
  PSL_ASSIGN_OR_RETURN(const int final_version, read_version(database));
  if (final_version > kHubSchemaVersion) return too_new(database, final_version);
  return {};
}

}  // namespace passerelle::hub
