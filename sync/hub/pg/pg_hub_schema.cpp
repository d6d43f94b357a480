#include "sync/hub/pg/pg_hub_schema.h"

#include "sync/hub/pg/feed.h"

namespace passerelle::hub::pg {
namespace {

// Never edit a migration that has shipped: add a new one.
//
// Registry rows keep the event file's identity where kiosks see it: an event's id (entries carry
// it), a key's id, a meeting's id (MeetingChange::hub_id; kiosks store meetings under it).
// Participants and checkpoints travel by external id and name, so their rows here have ids of
// their own. One database may serve the events of several files; `event.origin` (the file's
// device id) keeps a second file from overwriting an event with the same id.
//
// Text collations: every ORDER BY on text says COLLATE "C", so that lists come out in the
// byte order the SQLite store gives, whatever locale the cluster was created with.
constexpr const char* kHubTables = R"sql(
CREATE TABLE event (
  id            bigint PRIMARY KEY,
  origin        text NOT NULL,
  name          text NOT NULL,
  venue         text NOT NULL,
  timezone      text NOT NULL,
  days          text[] NOT NULL,
  created_ms    bigint NOT NULL,
  published_ms  bigint NOT NULL
);
CREATE TABLE checkpoint (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id   bigint NOT NULL REFERENCES event(id),
  source_id  bigint NOT NULL,
  name       text NOT NULL,
  rule       text NOT NULL CHECK (rule IN ('once_per_event', 'once_per_day', 'in_out')),
  position   integer NOT NULL,
  admits     text[] NOT NULL,
  UNIQUE (event_id, source_id)
);
CREATE TABLE participant (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id        bigint NOT NULL REFERENCES event(id),
  external_id     text NOT NULL,
  first_name      text NOT NULL,
  last_name       text NOT NULL,
  email           text NOT NULL,
  organisation    text NOT NULL,
  country         text NOT NULL,
  region          text NOT NULL,
  sector          text NOT NULL,
  org_type        text NOT NULL,
  language        text NOT NULL,
  role            text NOT NULL,
  status          text NOT NULL,
  tags            text[] NOT NULL,
  ticket_codes    text[] NOT NULL,
  badge_serial    bigint NOT NULL,
  badge_issued_s  bigint NOT NULL,
  UNIQUE (event_id, external_id)
);
-- Public halves only: the secret keys never leave the event file.
CREATE TABLE signing_key (
  key_id      bigint PRIMARY KEY CHECK (key_id BETWEEN 0 AND 4294967295),
  event_id    bigint NOT NULL REFERENCES event(id),
  public_key  bytea NOT NULL CHECK (length(public_key) = 32),
  created_ms  bigint NOT NULL,
  retired_ms  bigint
);
CREATE TABLE badge_revocation (
  participant_id  bigint NOT NULL REFERENCES participant(id),
  badge_serial    bigint NOT NULL,
  reason          text NOT NULL,
  revoked_ms      bigint NOT NULL,
  PRIMARY KEY (participant_id, badge_serial)
);
CREATE TABLE meeting (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id       bigint NOT NULL REFERENCES event(id),
  source_id      bigint NOT NULL,
  participant_a  bigint NOT NULL REFERENCES participant(id),
  participant_b  bigint NOT NULL REFERENCES participant(id),
  slot_start_ms  bigint NOT NULL,
  slot_end_ms    bigint NOT NULL,
  table_label    text NOT NULL,
  status         text NOT NULL,
  origin         text NOT NULL,
  UNIQUE (event_id, source_id)
);

CREATE TABLE journal (
  uuid            text PRIMARY KEY,
  device_id       text NOT NULL,
  seq             bigint NOT NULL CHECK (seq > 0),
  event_id        bigint NOT NULL REFERENCES event(id),
  kind            text NOT NULL,
  outcome         text NOT NULL,
  participant_id  bigint REFERENCES participant(id),
  checkpoint_id   bigint REFERENCES checkpoint(id),
  code            text NOT NULL,
  operator        text NOT NULL,
  wall_ms         bigint NOT NULL,
  monotonic_ns    bigint NOT NULL,
  local_day       text NOT NULL,
  UNIQUE (device_id, seq)
);
CREATE INDEX journal_attendance ON journal (participant_id, checkpoint_id) WHERE participant_id IS NOT NULL;
CREATE INDEX journal_event ON journal (event_id, device_id, seq);
-- Entries are immutable (DESIGN.md): a correction is a new entry, never an UPDATE.
CREATE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'journal entries are immutable and never deleted';
END
$$;
CREATE TRIGGER journal_immutable BEFORE UPDATE OR DELETE ON journal
  FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE TABLE double_checkin (
  first_uuid      text NOT NULL,
  second_uuid     text NOT NULL,
  participant_id  bigint NOT NULL,
  checkpoint_id   bigint NOT NULL,
  detected_ms     bigint NOT NULL,
  PRIMARY KEY (first_uuid, second_uuid)
);

CREATE TABLE hub_device (
  device_id        text PRIMARY KEY,
  event_id         bigint NOT NULL REFERENCES event(id),
  name             text NOT NULL,
  enrolled_ms      bigint NOT NULL,
  revoked_ms       bigint,
  last_sync_ms     bigint,
  clock_offset_ms  bigint
);
-- Every device id a device may upload under: its own, and those it wrote entries under before
-- enrolment. acked_seq only ever grows.
CREATE TABLE hub_authored (
  authored_id  text PRIMARY KEY,
  device_id    text NOT NULL REFERENCES hub_device(device_id),
  position     integer NOT NULL,
  acked_seq    bigint NOT NULL DEFAULT 0
);
CREATE INDEX hub_authored_device ON hub_authored (device_id, position);
-- Tokens and codes are kept as SHA-256 only.
CREATE TABLE hub_token (
  token_sha256  text PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('device', 'organiser')),
  device_id     text REFERENCES hub_device(device_id),
  label         text NOT NULL,
  created_ms    bigint NOT NULL,
  revoked_ms    bigint,
  CHECK ((kind = 'device') = (device_id IS NOT NULL))
);
CREATE INDEX hub_token_device ON hub_token (device_id) WHERE device_id IS NOT NULL;
CREATE TABLE hub_enrolment (
  code_sha256  text PRIMARY KEY,
  event_id     bigint NOT NULL REFERENCES event(id),
  label        text NOT NULL,
  created_ms   bigint NOT NULL,
  expires_ms   bigint NOT NULL,
  redeemed_ms  bigint,
  device_id    text
);
-- Uploaded entries the hub refused, with the JSON as sent. A row with a seq counts toward its
-- device id's acked_seq: the kiosk must not stall on it.
CREATE TABLE hub_quarantine (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_ms  bigint NOT NULL,
  uploader     text NOT NULL,
  device_id    text NOT NULL,
  event_id     bigint,
  seq          bigint,
  uuid         text NOT NULL,
  reason       text NOT NULL,
  detail       text NOT NULL,
  raw_json     text NOT NULL,
  raw_sha256   text NOT NULL,
  UNIQUE (device_id, raw_sha256)
);
CREATE INDEX hub_quarantine_seq ON hub_quarantine (device_id, seq) WHERE seq IS NOT NULL;
CREATE INDEX hub_quarantine_event ON hub_quarantine (event_id);
CREATE TABLE hub_alert (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_ms  bigint NOT NULL,
  kind        text NOT NULL,
  event_id    bigint,
  device_id   text NOT NULL,
  uuid        text NOT NULL,
  other_uuid  text NOT NULL,
  detail      text NOT NULL
);
CREATE INDEX hub_alert_event ON hub_alert (event_id);
-- When and from whom each uploaded entry arrived, with the kiosk's clock offset then.
CREATE TABLE hub_received (
  uuid             text PRIMARY KEY,
  uploader         text NOT NULL,
  received_ms      bigint NOT NULL,
  clock_offset_ms  bigint NOT NULL
);

-- The change feed: seqs from feed_counter (feed.h), reserved by each writing transaction just
-- before its COMMIT, so that they become visible in seq order and a cursor never skips a row.
-- A row names what changed; a download composes the row's state at read time. Rows are never
-- deleted: a participant's first row must stay before the entries that name it.
CREATE TABLE hub_feed (
  seq        bigint PRIMARY KEY,
  event_id   bigint NOT NULL,
  type       text NOT NULL CHECK (type IN ('participant', 'revocation', 'key', 'meeting', 'entry')),
  ref        text NOT NULL,  -- participant, meeting: this database's row id; key: key_id;
                             -- revocation: 'participant row id/serial'; entry: uuid
  device_id  text            -- entries: the device id they carry, so a device's own are left out
);
CREATE INDEX hub_feed_live ON hub_feed (event_id, type, seq);
CREATE INDEX hub_feed_keys ON hub_feed (seq) WHERE type = 'key';
)sql";

// Journal keys (docs/sync.md "Offline transfer"): one per device id the hub made, by enrolment or
// for an export-kiosk bundle. Kept in clear because the hub recomputes each file's MAC; whoever
// can read this table can write the journal directly anyway. An offline device has no hub_device
// row and no token: it never calls the API, and its id stays free for its kiosk to declare if it
// is enrolled later.
constexpr const char* kJournalKeys = R"sql(
CREATE TABLE hub_journal_key (
  device_id    text PRIMARY KEY,
  event_id     bigint NOT NULL REFERENCES event(id),
  journal_key  text NOT NULL,
  origin       text NOT NULL CHECK (origin IN ('enrolment', 'offline')),
  name         text NOT NULL DEFAULT '',
  created_ms   bigint NOT NULL
);
)sql";

// The quarantine quota (docs/sync.md, "Quarantine quota") counts a device's quarantined entries
// for each batch that would add some: without this index, a scan of every device's.
constexpr const char* kQuarantineByUploader = R"sql(
CREATE INDEX hub_quarantine_uploader ON hub_quarantine (uploader);
)sql";

// Walk-in meetings and answers about meetings (docs/B2B_AREA.md) name the meeting by partner and
// start, as a kiosk's journal does.
constexpr const char* kMeetingEntries = R"sql(
ALTER TABLE journal ADD COLUMN partner_id bigint REFERENCES participant(id);
ALTER TABLE journal ADD COLUMN meeting_start_ms bigint NOT NULL DEFAULT 0;
ALTER TABLE journal ADD COLUMN table_label text NOT NULL DEFAULT '';
ALTER TABLE journal ADD COLUMN answer text NOT NULL DEFAULT '';
)sql";

// The fingerprint of each participant's last printed agenda (Participant::agenda_printed), copied
// from the event file by publish like the badge's serial; empty for everyone until printed.
constexpr const char* kAgendaPrinted = R"sql(
ALTER TABLE participant ADD COLUMN agenda_printed text NOT NULL DEFAULT '';
)sql";

// Privacy (docs/PRIVACY.md): the audit log, append-only and naming no one; and entries stay
// immutable but for one edit, erasure blanking the scanned code and the operator's name (the right
// to erasure beats "never edited" for personal data; nothing an entry counts can change).
constexpr const char* kPrivacy = R"sql(
CREATE TABLE hub_audit (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at_ms           bigint NOT NULL,
  action          text NOT NULL,
  actor           text NOT NULL,
  event_id        bigint,
  participant_id  bigint,
  detail          text NOT NULL DEFAULT ''
);
CREATE INDEX hub_audit_event ON hub_audit (event_id, id);
CREATE FUNCTION hub_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END
$$;
CREATE TRIGGER hub_audit_append_only BEFORE UPDATE OR DELETE ON hub_audit
  FOR EACH ROW EXECUTE FUNCTION hub_audit_refuse_change();
CREATE OR REPLACE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.code IN ('', OLD.code) AND NEW.operator IN ('', OLD.operator)
     AND to_jsonb(NEW) - 'code' - 'operator' = to_jsonb(OLD) - 'code' - 'operator' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'journal entries are immutable and never deleted';
END
$$;
)sql";

// Organisers' accounts and web sessions (docs/LIVE_VIEW.md, "Accounts and sessions"), as in the
// SQLite hub schema 5: a name unique under its caseless key (account_rules.h), argon2id hashes,
// sessions kept by their token's SHA-256 with their CSRF token as is, numbered so that "the
// oldest" is well defined.
constexpr const char* kAccounts = R"sql(
CREATE TABLE hub_account (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name           text NOT NULL,
  name_key       text NOT NULL UNIQUE,
  password_hash  text NOT NULL,
  created_ms     bigint NOT NULL,
  password_ms    bigint NOT NULL
);
CREATE TABLE hub_account_event (
  account_id  bigint NOT NULL REFERENCES hub_account(id) ON DELETE CASCADE,
  event_id    bigint NOT NULL REFERENCES event(id),
  PRIMARY KEY (account_id, event_id)
);
CREATE TABLE hub_web_session (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_sha256  text NOT NULL UNIQUE,
  account_id    bigint NOT NULL REFERENCES hub_account(id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_ms    bigint NOT NULL,
  expires_ms    bigint NOT NULL
);
CREATE INDEX hub_web_session_account ON hub_web_session (account_id, id);
CREATE INDEX hub_web_session_expiry ON hub_web_session (expires_ms);
)sql";

// What the organisers' live view counts (docs/LIVE_VIEW.md, "The figures") that publish did not
// copy before: the event's language (its lists' order), its [b2b] session with its areas (the
// rounds, and when a meeting counts as held), how many meetings were requested (the requests
// themselves stay in the event file: scheduling runs there), and each checkpoint's kind and B2B
// area. As core's schema (core/store/schema.cpp, migrations 6, 7 and 9); an event published before
// gets them at its next publish.
constexpr const char* kLiveView = R"sql(
ALTER TABLE event ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'de', 'nl'));
ALTER TABLE event ADD COLUMN meeting_requests bigint NOT NULL DEFAULT 0 CHECK (meeting_requests >= 0);
ALTER TABLE checkpoint ADD COLUMN kind text NOT NULL DEFAULT 'door' CHECK (kind IN ('door', 'b2b_area'));
ALTER TABLE checkpoint ADD COLUMN b2b_area text NOT NULL DEFAULT '';
CREATE TABLE b2b_session (
  event_id                bigint PRIMARY KEY REFERENCES event(id),
  day                     text NOT NULL,
  start_minute            integer NOT NULL,
  afternoon_start_minute  integer NOT NULL,
  slot_minutes            integer NOT NULL CHECK (slot_minutes > 0),
  pause_minutes           integer NOT NULL CHECK (pause_minutes >= 0),
  morning_slots           integer NOT NULL CHECK (morning_slots >= 0),
  afternoon_slots         integer NOT NULL CHECK (afternoon_slots >= 0),
  tables                  integer NOT NULL CHECK (tables > 0),
  early_minutes           integer NOT NULL CHECK (early_minutes >= 0),
  late_minutes            integer NOT NULL CHECK (late_minutes >= 0),
  grace_minutes           integer NOT NULL CHECK (grace_minutes >= 0)
);
CREATE TABLE b2b_area (
  event_id     bigint NOT NULL REFERENCES b2b_session(event_id) ON DELETE CASCADE,
  name         text NOT NULL,
  first_table  integer NOT NULL,
  last_table   integer NOT NULL,
  PRIMARY KEY (event_id, name)
);
)sql";

// The live view's participant search and page (docs/LIVE_VIEW.md, "Search and the participant
// page"), which kiosks never download:
// - search_folded: participant_search_text (core/store/participant_search.h) of the row, the text
//   the event file's FTS5 index holds, written by publish (folding needs ICU, which SQL here has
//   not), so that a search folds only its query. '' until then: an event published before is
//   found by the search from its next publish on. Erasure blanks it with the names.
// - erased: whether the event file holds an erasure of the participant (Store::is_erased), written
//   by publish and by an erasure here. Rows already blank were erased (erasure is what empties
//   these four: figure_rows.cpp's report_person has the same rule), which the next publish confirms.
constexpr const char* kParticipantSearch = R"sql(
ALTER TABLE participant ADD COLUMN search_folded text NOT NULL DEFAULT '';
ALTER TABLE participant ADD COLUMN erased boolean NOT NULL DEFAULT false;
UPDATE participant SET erased = true
  WHERE first_name = '' AND last_name = '' AND email = '' AND organisation = '';
)sql";

// The staff PIN's hash, which kiosks set up from nothing receive with their event (GET
// /v1/setup); '' when the event file has none.
constexpr const char* kStaffPin = R"sql(
ALTER TABLE event ADD COLUMN staff_pin_hash text NOT NULL DEFAULT '';
)sql";

// Never edit a migration that has shipped: add a new one.
const PgMigration kMigrations[] = {
    {1, "change feed counter", kFeedCounterSchema},
    {2, "registry copy, journal, devices, tokens, enrolment codes, quarantine, alerts, change feed", kHubTables},
    {3, "journal keys", kJournalKeys},
    {4, "quarantine counted per uploader", kQuarantineByUploader},
    {5, "meeting entries", kMeetingEntries},
    {6, "agenda printed", kAgendaPrinted},
    {7, "audit log; erasure of entries' codes and operators", kPrivacy},
    {8, "organiser accounts and web sessions", kAccounts},
    {9, "the live view: event language, B2B session and areas, meeting requests, checkpoint kinds", kLiveView},
    {10, "the live view's participant search and page: folded search text, erasure", kParticipantSearch},
    {11, "the staff PIN's hash, for kiosks set up from nothing", kStaffPin},
};

}  // namespace

std::span<const PgMigration> hub_migrations() {
  return kMigrations;
}

Status migrate_hub_schema(PgConnection& connection) {
  return migrate(connection, hub_migrations());
}

}  // namespace passerelle::hub::pg
