#include "sync/protocol/wire.h"

#include <sodium.h>

#include <algorithm>
#include <cassert>
#include <limits>

#include "core/util/uuid.h"
#include "sync/protocol/hub_url.h"
#include "sync/protocol/journal_key.h"
#include "sync/protocol/json_fields.h"
#include "sync/protocol/json_spans.h"
#include "sync/tls/certificate_pin.h"

namespace passerelle::sync {
namespace {

using detail::Json;

constexpr std::string_view kTicketPrefix = "PSLENROL1 ";

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

bool is_day(std::string_view day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (day[i] < '0' || day[i] > '9') return false;
  return true;
}

Json optional_json(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json entry_json(const WireEntry& entry) {
  Json json{{"uuid", entry.uuid},
            {"device", entry.device},
            {"seq", entry.seq},
            {"event", entry.event},
            {"kind", std::string(to_string(entry.kind))},
            {"outcome", std::string(to_string(entry.outcome))},
            {"participant", optional_json(entry.participant)},
            {"checkpoint", optional_json(entry.checkpoint)},
            {"code", entry.code},
            {"operator", entry.operator_name},
            {"wall_ms", entry.wall_ms},
            {"monotonic_ns", entry.monotonic_ns},
            {"local_day", entry.local_day}};
  // Only meeting entries carry it: a hub that predates it reads every other entry as before.
  if (entry.partner)
    json["meeting"] = Json{{"partner", *entry.partner},
                           {"start_ms", entry.meeting_start_ms},
                           {"table", entry.table},
                           {"answer", entry.answer}};
  return json;
}

Result<WireEntry> entry_from(const Json& json) {
  constexpr std::string_view ctx = "entry";
  WireEntry entry;
  PSL_ASSIGN_OR_RETURN(entry.uuid, detail::get_string(json, ctx, "uuid"));
  PSL_ASSIGN_OR_RETURN(entry.device, detail::get_string(json, ctx, "device"));
  PSL_ASSIGN_OR_RETURN(entry.seq, detail::get_int(json, ctx, "seq"));
  PSL_ASSIGN_OR_RETURN(entry.event, detail::get_int(json, ctx, "event"));
  PSL_ASSIGN_OR_RETURN(const auto kind, detail::get_string(json, ctx, "kind"));
  const auto parsed_kind = parse_entry_kind(kind);
  if (!parsed_kind) return make_error(Errc::invalid_input, "entry: unknown kind '" + kind + "'");
  entry.kind = *parsed_kind;
  PSL_ASSIGN_OR_RETURN(const auto outcome, detail::get_string(json, ctx, "outcome"));
  const auto parsed_outcome = parse_outcome(outcome);
  if (!parsed_outcome) return make_error(Errc::invalid_input, "entry: unknown outcome '" + outcome + "'");
  entry.outcome = *parsed_outcome;
  PSL_ASSIGN_OR_RETURN(entry.participant, detail::get_optional_string(json, ctx, "participant"));
  PSL_ASSIGN_OR_RETURN(entry.checkpoint, detail::get_optional_string(json, ctx, "checkpoint"));
  PSL_ASSIGN_OR_RETURN(entry.code, detail::get_string(json, ctx, "code"));
  PSL_ASSIGN_OR_RETURN(entry.operator_name, detail::get_string(json, ctx, "operator"));
  PSL_ASSIGN_OR_RETURN(entry.wall_ms, detail::get_int(json, ctx, "wall_ms"));
  PSL_ASSIGN_OR_RETURN(entry.monotonic_ns, detail::get_int(json, ctx, "monotonic_ns"));
  PSL_ASSIGN_OR_RETURN(entry.local_day, detail::get_string(json, ctx, "local_day"));
  if (const auto meeting = json.find("meeting"); meeting != json.end() && !meeting->is_null()) {
    constexpr std::string_view meeting_ctx = "entry meeting";
    PSL_ASSIGN_OR_RETURN(entry.partner, detail::get_string(*meeting, meeting_ctx, "partner"));
    PSL_ASSIGN_OR_RETURN(entry.meeting_start_ms, detail::get_int(*meeting, meeting_ctx, "start_ms"));
    PSL_ASSIGN_OR_RETURN(entry.table, detail::get_string(*meeting, meeting_ctx, "table"));
    PSL_ASSIGN_OR_RETURN(entry.answer, detail::get_string(*meeting, meeting_ctx, "answer"));
  }
  PSL_TRY(validate(entry));
  return entry;
}

Json record_json(const ParticipantRecord& record) {
  return Json{{"external_id", record.external_id},
              {"ticket_codes", record.ticket_codes},
              {"first_name", record.first_name},
              {"last_name", record.last_name},
              // Always empty: a kiosk needs no contact details at the door, and a stolen one must
              // not hold them (docs/THREAT_MODEL.md). Sent for kiosks whose parser requires it.
              {"email", ""},
              {"organisation", record.organisation},
              {"country", record.country},
              {"region", record.region},
              {"sector", record.sector},
              {"org_type", std::string(to_string(record.org_type))},
              {"language", std::string(to_string(record.language))},
              {"role", record.role},
              {"tags", record.tags},
              {"status", std::string(to_string(record.status))}};
}

Result<std::vector<std::string>> string_list(const Json& json, std::string_view ctx, const char* field) {
  PSL_ASSIGN_OR_RETURN(const Json* array, detail::get_array(json, ctx, field));
  std::vector<std::string> out;
  for (const auto& item : *array) {
    if (!item.is_string()) return detail::field_error(ctx, field, "an array of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<ParticipantRecord> record_from(const Json& json) {
  constexpr std::string_view ctx = "participant";
  ParticipantRecord record;
  PSL_ASSIGN_OR_RETURN(record.external_id, detail::get_string(json, ctx, "external_id"));
  PSL_ASSIGN_OR_RETURN(record.ticket_codes, string_list(json, ctx, "ticket_codes"));
  PSL_ASSIGN_OR_RETURN(record.first_name, detail::get_string(json, ctx, "first_name"));
  PSL_ASSIGN_OR_RETURN(record.last_name, detail::get_string(json, ctx, "last_name"));
  // An older hub still sends the email: it is not kept (see record_json).
  PSL_ASSIGN_OR_RETURN(const auto ignored_email, detail::get_optional_string(json, ctx, "email"));
  static_cast<void>(ignored_email);
  PSL_ASSIGN_OR_RETURN(record.organisation, detail::get_string(json, ctx, "organisation"));
  PSL_ASSIGN_OR_RETURN(record.country, detail::get_string(json, ctx, "country"));
  PSL_ASSIGN_OR_RETURN(record.region, detail::get_string(json, ctx, "region"));
  PSL_ASSIGN_OR_RETURN(record.sector, detail::get_string(json, ctx, "sector"));
  PSL_ASSIGN_OR_RETURN(const auto org_type, detail::get_string(json, ctx, "org_type"));
  PSL_ASSIGN_OR_RETURN(const auto language, detail::get_string(json, ctx, "language"));
  PSL_ASSIGN_OR_RETURN(record.role, detail::get_string(json, ctx, "role"));
  PSL_ASSIGN_OR_RETURN(record.tags, string_list(json, ctx, "tags"));
  PSL_ASSIGN_OR_RETURN(const auto status, detail::get_string(json, ctx, "status"));
  const auto parsed_type = parse_org_type(org_type);
  const auto parsed_language = parse_language(language);
  const auto parsed_status = parse_participant_status(status);
  if (!parsed_type || !parsed_language || !parsed_status)
    return make_error(Errc::invalid_input,
                      "participant " + record.external_id + ": unknown org_type, language or status");
  record.org_type = *parsed_type;
  record.language = *parsed_language;
  record.status = *parsed_status;
  if (record.external_id.empty()) return make_error(Errc::invalid_input, "participant: empty external_id");
  return record;
}

struct ChangeToJson {
  Json operator()(const ParticipantChange& change) const {
    Json json{{"event", change.event},
              {"record", record_json(change.record)},
              {"badge_serial", change.badge_serial},
              {"badge_issued_s", change.badge_issued_s}};
    // Only once an agenda was printed: most participants never have one, and an older kiosk
    // ignores the field anyway.
    if (!change.agenda_printed.empty()) json["agenda_printed"] = change.agenda_printed;
    return json;
  }
  Json operator()(const RevocationChange& change) const {
    return Json{{"event", change.event},
                {"participant", change.participant},
                {"badge_serial", change.badge_serial},
                {"reason", change.reason},
                {"revoked_ms", change.revoked_ms}};
  }
  Json operator()(const KeyChange& change) const {
    return Json{{"key_id", change.key_id},
                {"event", change.event},
                {"public_key", hex(change.public_key.data(), change.public_key.size())},
                {"created_ms", change.created_ms},
                {"retired_ms", change.retired_ms ? Json(*change.retired_ms) : Json(nullptr)}};
  }
  Json operator()(const MeetingChange& change) const {
    return Json{{"hub_id", change.hub_id},
                {"event", change.event},
                {"participant_a", change.participant_a},
                {"participant_b", change.participant_b},
                {"slot_start_ms", change.slot_start_ms},
                {"slot_end_ms", change.slot_end_ms},
                {"table_label", change.table_label},
                {"status", change.status},
                {"origin", change.origin}};
  }
  Json operator()(const WireEntry& entry) const { return entry_json(entry); }
};

const char* change_type(const ChangeData& data) {
  static constexpr const char* kNames[] = {"participant", "revocation", "key", "meeting", "entry"};
  return kNames[data.index()];
}

Result<ChangeData> change_from(std::string_view type, const Json& data) {
  if (type == "participant") {
    ParticipantChange change;
    PSL_ASSIGN_OR_RETURN(change.event, detail::get_int(data, type, "event"));
    PSL_ASSIGN_OR_RETURN(const Json* record, detail::member(data, type, "record"));
    PSL_ASSIGN_OR_RETURN(change.record, record_from(*record));
    PSL_ASSIGN_OR_RETURN(change.badge_serial, detail::get_int(data, type, "badge_serial"));
    PSL_ASSIGN_OR_RETURN(change.badge_issued_s, detail::get_int(data, type, "badge_issued_s"));
    // Absent from an older hub's pages: never printed, as far as this kiosk can tell.
    PSL_ASSIGN_OR_RETURN(const auto agenda_printed, detail::get_optional_string(data, type, "agenda_printed"));
    change.agenda_printed = agenda_printed.value_or("");
    if (!is_agenda_fingerprint(change.agenda_printed))
      return detail::field_error(type, "agenda_printed",
                                 "at most " + std::to_string(kMaxAgendaFingerprint) + " lower-case hex digits");
    return ChangeData(std::move(change));
  }
  if (type == "revocation") {
    RevocationChange change;
    PSL_ASSIGN_OR_RETURN(change.event, detail::get_int(data, type, "event"));
    PSL_ASSIGN_OR_RETURN(change.participant, detail::get_string(data, type, "participant"));
    PSL_ASSIGN_OR_RETURN(change.badge_serial, detail::get_int(data, type, "badge_serial"));
    PSL_ASSIGN_OR_RETURN(change.reason, detail::get_string(data, type, "reason"));
    PSL_ASSIGN_OR_RETURN(change.revoked_ms, detail::get_int(data, type, "revoked_ms"));
    return ChangeData(std::move(change));
  }
  if (type == "key") {
    KeyChange change;
    PSL_ASSIGN_OR_RETURN(const auto key_id, detail::get_int(data, type, "key_id"));
    if (key_id < 0 || key_id > 0xffffffffLL) return detail::field_error(type, "key_id", "a 32-bit unsigned integer");
    change.key_id = static_cast<std::uint32_t>(key_id);
    PSL_ASSIGN_OR_RETURN(change.event, detail::get_int(data, type, "event"));
    PSL_ASSIGN_OR_RETURN(const auto key_hex, detail::get_string(data, type, "public_key"));
    std::size_t length = 0;
    if (key_hex.size() != change.public_key.size() * 2 ||
        sodium_hex2bin(change.public_key.data(), change.public_key.size(), key_hex.data(), key_hex.size(), nullptr,
                       &length, nullptr) != 0 ||
        length != change.public_key.size())
      return detail::field_error(type, "public_key", "64 hexadecimal digits");
    PSL_ASSIGN_OR_RETURN(change.created_ms, detail::get_int(data, type, "created_ms"));
    PSL_ASSIGN_OR_RETURN(change.retired_ms, detail::get_optional_int(data, type, "retired_ms"));
    return ChangeData(change);
  }
  if (type == "meeting") {
    MeetingChange change;
    PSL_ASSIGN_OR_RETURN(change.hub_id, detail::get_int(data, type, "hub_id"));
    PSL_ASSIGN_OR_RETURN(change.event, detail::get_int(data, type, "event"));
    PSL_ASSIGN_OR_RETURN(change.participant_a, detail::get_string(data, type, "participant_a"));
    PSL_ASSIGN_OR_RETURN(change.participant_b, detail::get_string(data, type, "participant_b"));
    PSL_ASSIGN_OR_RETURN(change.slot_start_ms, detail::get_int(data, type, "slot_start_ms"));
    PSL_ASSIGN_OR_RETURN(change.slot_end_ms, detail::get_int(data, type, "slot_end_ms"));
    PSL_ASSIGN_OR_RETURN(change.table_label, detail::get_string(data, type, "table_label"));
    PSL_ASSIGN_OR_RETURN(change.status, detail::get_string(data, type, "status"));
    PSL_ASSIGN_OR_RETURN(change.origin, detail::get_string(data, type, "origin"));
    return ChangeData(std::move(change));
  }
  if (type == "entry") {
    PSL_ASSIGN_OR_RETURN(auto entry, entry_from(data));
    return ChangeData(std::move(entry));
  }
  return make_error(Errc::invalid_input, "change: unknown type '" + std::string(type) + "'");
}

std::string dump(const Json& json) {
  // Replacement rather than an exception for invalid UTF-8 in a string we were handed.
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string_view to_string(EntryStatus status) noexcept {
  switch (status) {
    case EntryStatus::stored:
      return "stored";
    case EntryStatus::duplicate:
      return "duplicate";
    case EntryStatus::quarantined:
      return "quarantined";
  }
  return "stored";
}

Status validate(const WireEntry& entry) {
  if (!is_uuid(entry.uuid)) return make_error(Errc::invalid_input, "entry: uuid is not a UUID");
  if (entry.device.empty() || entry.device.size() > 64)
    return make_error(Errc::invalid_input, "entry " + entry.uuid + ": device id empty or longer than 64");
  const std::string ctx = "entry " + entry.uuid;
  PSL_TRY(detail::check_range(ctx, "seq", entry.seq, 1, kMaxSeq));
  PSL_TRY(detail::check_range(ctx, "event", entry.event, 1, kMaxSeq));
  PSL_TRY(detail::check_range(ctx, "wall_ms", entry.wall_ms, kMinClockMs, kMaxClockMs));
  PSL_TRY(detail::check_range(ctx, "monotonic_ns", entry.monotonic_ns, 0, std::numeric_limits<std::int64_t>::max()));
  if (!is_day(entry.local_day))
    return make_error(Errc::invalid_input, "entry " + entry.uuid + ": local_day is not YYYY-MM-DD");
  if (entry.code.size() > 4096 || entry.operator_name.size() > 256)
    return make_error(Errc::invalid_input, "entry " + entry.uuid + ": code or operator too long");
  const bool meeting_kind = entry.kind == EntryKind::walkin_meeting || entry.kind == EntryKind::feedback;
  if (meeting_kind != entry.partner.has_value())
    return make_error(Errc::invalid_input, "entry " + entry.uuid + ": " +
                                               (meeting_kind ? "a walk-in or an answer names the partner"
                                                             : "only walk-ins and answers name a meeting"));
  if (!meeting_kind) return {};
  if (entry.partner->empty() || entry.partner->size() > 256)
    return make_error(Errc::invalid_input, "entry " + entry.uuid + ": the partner's id is empty or too long");
  PSL_TRY(detail::check_range(ctx, "meeting start_ms", entry.meeting_start_ms, kMinClockMs, kMaxClockMs));
  if (entry.table.size() > kMaxTableLabel)
    return make_error(Errc::invalid_input, "entry " + entry.uuid + ": the table is longer than 200 bytes");
  // A walk-in has no answer: only an answer's own names are ever stored.
  if (entry.kind == EntryKind::walkin_meeting && !entry.answer.empty())
    return make_error(Errc::invalid_input, "entry " + entry.uuid + ": a walk-in carries no answer");
  if (entry.kind == EntryKind::feedback && !parse_meeting_answer(entry.answer))
    return make_error(Errc::invalid_input, "entry " + entry.uuid +
                                               ": the answer is not no_interest, informative or "
                                               "cooperation");
  return {};
}

std::string format_enrolment_ticket(const EnrolmentTicket& ticket) {
  std::string text = std::string(kTicketPrefix) + ticket.hub_url + " " + ticket.code;
  if (!ticket.certificate_pin.empty()) text += " " + ticket.certificate_pin;
  return text;
}

Result<EnrolmentTicket> parse_enrolment_ticket(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  if (!text.starts_with(kTicketPrefix))
    return make_error(Errc::invalid_input, "not an enrolment code (expected 'PSLENROL1 <hub-url> <code> [<pin>]')");
  text.remove_prefix(kTicketPrefix.size());
  std::vector<std::string> fields;
  for (std::size_t start = 0; start <= text.size();) {
    const auto space = std::min(text.find(' ', start), text.size());
    fields.emplace_back(text.substr(start, space - start));
    start = space + 1;
  }
  if (fields.size() < 2) return make_error(Errc::invalid_input, "enrolment code: missing the code");
  if (fields.size() > 3)
    return make_error(Errc::invalid_input, "enrolment code: more fields than address, code and pin");
  EnrolmentTicket ticket{std::move(fields[0]), std::move(fields[1]), fields.size() == 3 ? std::move(fields[2]) : ""};
  while (!ticket.hub_url.empty() && ticket.hub_url.back() == '/') ticket.hub_url.pop_back();
  auto address = parse_hub_url(ticket.hub_url);
  if (!address) return make_error(Errc::invalid_input, "enrolment code: " + address.error().message);
  const bool https = address->https;
  if (ticket.code.empty()) return make_error(Errc::invalid_input, "enrolment code: malformed code");
  if (!ticket.certificate_pin.empty()) {
    if (!tls::is_certificate_pin(ticket.certificate_pin))
      return make_error(Errc::invalid_input, "enrolment code: malformed certificate pin (expected sha256//<base64>)");
    if (!https) return make_error(Errc::invalid_input, "enrolment code: a certificate pin needs an https:// address");
  }
  return ticket;
}

std::string uuid_set_digest(std::vector<std::string> uuids) {
  std::sort(uuids.begin(), uuids.end());
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (std::size_t i = 0; i < uuids.size(); ++i) {
    if (i > 0) crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>("\n"), 1);
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(uuids[i].data()), uuids[i].size());
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return hex(digest, sizeof digest);
}

// ---- encoding

std::string to_json(const WireEntry& entry) {
  return dump(entry_json(entry));
}

std::string to_json(const UploadBatch& batch) {
  Json entries = Json::array();
  for (const auto& entry : batch.entries) entries.push_back(entry_json(entry));
  return dump(Json{{"device_id", batch.device_id},
                   {"kiosk_time_ms", batch.kiosk_time_ms},
                   {"clock_offset_ms", batch.clock_offset_ms},
                   {"entries", std::move(entries)}});
}

std::string to_json(const UploadAnswer& answer) {
  Json statuses = Json::array();
  for (const auto& status : answer.statuses) {
    Json item{{"uuid", status.uuid}, {"status", std::string(to_string(status.status))}};
    if (!status.reason.empty()) item["reason"] = status.reason;
    statuses.push_back(std::move(item));
  }
  return dump(
      Json{{"statuses", std::move(statuses)}, {"acked_seq", answer.acked_seq}, {"hub_time_ms", answer.hub_time_ms}});
}

std::string to_json(const ChangePage& page) {
  Json changes = Json::array();
  for (const auto& change : page.changes)
    changes.push_back(Json{
        {"seq", change.seq}, {"type", change_type(change.data)}, {"data", std::visit(ChangeToJson{}, change.data)}});
  return dump(Json{{"changes", std::move(changes)},
                   {"cursor", page.cursor},
                   {"more", page.more},
                   {"hub_time_ms", page.hub_time_ms},
                   {"remaining", page.remaining}});
}

std::string to_json(const EnrolRequest& request) {
  return dump(Json{{"code", request.code},
                   {"name", request.name},
                   {"previous_device_ids", request.previous_device_ids},
                   {"kiosk_time_ms", request.kiosk_time_ms}});
}

std::string to_json(const EnrolAnswer& answer) {
  return dump(Json{{"device_id", answer.device_id},
                   {"token", answer.token},
                   {"event_id", answer.event_id},
                   {"hub_time_ms", answer.hub_time_ms},
                   {"journal_key", answer.journal_key}});
}

std::string to_json(const ReconcileRequest& request) {
  return dump(Json{{"device_id", request.device_id}, {"count", request.count}, {"sha256", request.sha256}});
}

std::string to_json(const ReconcileAnswer& answer) {
  Json missing = Json::array();
  for (const auto& range : answer.missing) missing.push_back(Json::array({range.first, range.last}));
  return dump(Json{{"matches", answer.matches},
                   {"hub_count", answer.hub_count},
                   {"hub_sha256", answer.hub_sha256},
                   {"missing", std::move(missing)}});
}

std::string error_json(std::string_view code, std::string_view message) {
  return dump(Json{{"error", Json{{"code", code}, {"message", message}}}});
}

// ---- decoding

Result<WireEntry> parse_wire_entry(std::string_view json) {
  PSL_ASSIGN_OR_RETURN(const auto document, detail::parse_document(json, "entry"));
  return entry_from(document);
}

Result<IncomingBatch> parse_upload_batch(std::string_view json) {
  constexpr std::string_view ctx = "upload";
  PSL_ASSIGN_OR_RETURN(const auto document, detail::parse_document(json, ctx));
  IncomingBatch batch;
  PSL_ASSIGN_OR_RETURN(batch.device_id, detail::get_string(document, ctx, "device_id"));
  PSL_ASSIGN_OR_RETURN(batch.kiosk_time_ms,
                       detail::get_int_in(document, ctx, "kiosk_time_ms", kMinClockMs, kMaxClockMs));
  PSL_ASSIGN_OR_RETURN(batch.clock_offset_ms,
                       detail::get_int_in(document, ctx, "clock_offset_ms", -kMaxClockOffsetMs, kMaxClockOffsetMs));
  PSL_ASSIGN_OR_RETURN(const Json* entries, detail::get_array(document, ctx, "entries"));
  if (entries->size() > static_cast<std::size_t>(kMaxUploadBatch))
    return make_error(Errc::invalid_input,
                      "upload: more than " + std::to_string(kMaxUploadBatch) + " entries in one batch");
  // The bytes as received, for the quarantine; parse_document has checked the text is JSON.
  const auto spans = detail::member_array_elements(json, "entries");
  assert(spans && spans->size() == entries->size());
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const Json& item = (*entries)[i];
    IncomingEntry incoming;
    incoming.raw_json = spans && spans->size() == entries->size() ? std::string((*spans)[i]) : dump(item);
    if (item.is_object()) {
      if (const auto uuid = item.find("uuid"); uuid != item.end() && uuid->is_string())
        incoming.uuid = uuid->get<std::string>();
      // A seq out of bounds is no seq a kiosk wrote: the quarantine keeps the entry without it, so
      // it counts toward no acknowledgement and no reconciliation.
      if (auto seq = detail::get_int_in(item, "entry", "seq", 1, kMaxSeq); seq) incoming.seq = *seq;
    }
    auto entry = entry_from(item);
    if (entry) {
      incoming.entry = std::move(entry).value();
    } else {
      incoming.error = entry.error().message;
    }
    batch.entries.push_back(std::move(incoming));
  }
  return batch;
}

Result<UploadAnswer> parse_upload_answer(std::string_view json) {
  constexpr std::string_view ctx = "upload answer";
  PSL_ASSIGN_OR_RETURN(const auto document, detail::parse_document(json, ctx));
  UploadAnswer answer;
  PSL_ASSIGN_OR_RETURN(const Json* statuses, detail::get_array(document, ctx, "statuses"));
  for (const auto& item : *statuses) {
    EntryResult result;
    PSL_ASSIGN_OR_RETURN(result.uuid, detail::get_string(item, ctx, "uuid"));
    PSL_ASSIGN_OR_RETURN(const auto status, detail::get_string(item, ctx, "status"));
    if (status == "stored") {
      result.status = EntryStatus::stored;
    } else if (status == "duplicate") {
      result.status = EntryStatus::duplicate;
    } else if (status == "quarantined") {
      result.status = EntryStatus::quarantined;
    } else {
      return make_error(Errc::invalid_input, "upload answer: unknown status '" + status + "'");
    }
    PSL_ASSIGN_OR_RETURN(const auto reason, detail::get_optional_string(item, ctx, "reason"));
    result.reason = reason.value_or("");
    answer.statuses.push_back(std::move(result));
  }
  PSL_ASSIGN_OR_RETURN(answer.acked_seq, detail::get_int_in(document, ctx, "acked_seq", 0, kMaxSeq));
  PSL_ASSIGN_OR_RETURN(answer.hub_time_ms, detail::get_int_in(document, ctx, "hub_time_ms", kMinClockMs, kMaxClockMs));
  return answer;
}

Result<ChangePage> parse_change_page(std::string_view json) {
  constexpr std::string_view ctx = "changes";
  PSL_ASSIGN_OR_RETURN(const auto document, detail::parse_document(json, ctx));
  ChangePage page;
  PSL_ASSIGN_OR_RETURN(const Json* changes, detail::get_array(document, ctx, "changes"));
  for (const auto& item : *changes) {
    Change change;
    PSL_ASSIGN_OR_RETURN(change.seq, detail::get_int_in(item, ctx, "seq", 1, kMaxSeq));
    PSL_ASSIGN_OR_RETURN(const auto type, detail::get_string(item, ctx, "type"));
    PSL_ASSIGN_OR_RETURN(const Json* data, detail::member(item, ctx, "data"));
    PSL_ASSIGN_OR_RETURN(change.data, change_from(type, *data));
    page.changes.push_back(std::move(change));
  }
  PSL_ASSIGN_OR_RETURN(page.cursor, detail::get_int_in(document, ctx, "cursor", 0, kMaxSeq));
  PSL_ASSIGN_OR_RETURN(page.more, detail::get_bool(document, ctx, "more"));
  PSL_ASSIGN_OR_RETURN(page.hub_time_ms, detail::get_int_in(document, ctx, "hub_time_ms", kMinClockMs, kMaxClockMs));
  PSL_ASSIGN_OR_RETURN(const auto remaining, detail::get_optional_int(document, ctx, "remaining"));
  page.remaining = remaining.value_or(0);
  PSL_TRY(detail::check_range(ctx, "remaining", page.remaining, 0, kMaxSeq));
  for (const auto& change : page.changes)
    if (change.seq > page.cursor) return make_error(Errc::invalid_input, "changes: a change lies beyond the cursor");
  return page;
}

Result<EnrolRequest> parse_enrol_request(std::string_view json) {
  constexpr std::string_view ctx = "enrol";
  PSL_ASSIGN_OR_RETURN(const auto document, detail::parse_document(json, ctx));
  EnrolRequest request;
  PSL_ASSIGN_OR_RETURN(request.code, detail::get_string(document, ctx, "code"));
  PSL_ASSIGN_OR_RETURN(request.name, detail::get_string(document, ctx, "name"));
  PSL_ASSIGN_OR_RETURN(request.previous_device_ids, string_list(document, ctx, "previous_device_ids"));
  PSL_ASSIGN_OR_RETURN(request.kiosk_time_ms,
                       detail::get_int_in(document, ctx, "kiosk_time_ms", kMinClockMs, kMaxClockMs));
  if (request.name.size() > 128) return detail::field_error(ctx, "name", "at most 128 bytes");
  if (request.previous_device_ids.size() > 64) return detail::field_error(ctx, "previous_device_ids", "at most 64 ids");
  return request;
}

Result<EnrolAnswer> parse_enrol_answer(std::string_view json) {
  constexpr std::string_view ctx = "enrol answer";
  PSL_ASSIGN_OR_RETURN(const auto document, detail::parse_document(json, ctx));
  EnrolAnswer answer;
  PSL_ASSIGN_OR_RETURN(answer.device_id, detail::get_string(document, ctx, "device_id"));
  PSL_ASSIGN_OR_RETURN(answer.token, detail::get_string(document, ctx, "token"));
  PSL_ASSIGN_OR_RETURN(answer.event_id, detail::get_int_in(document, ctx, "event_id", 1, kMaxSeq));
  PSL_ASSIGN_OR_RETURN(answer.hub_time_ms, detail::get_int_in(document, ctx, "hub_time_ms", kMinClockMs, kMaxClockMs));
  PSL_ASSIGN_OR_RETURN(const auto journal_key, detail::get_optional_string(document, ctx, "journal_key"));
  if (journal_key && !journal_key->empty()) {
    if (!check_journal_key(*journal_key)) return detail::field_error(ctx, "journal_key", "64 hex digits");
    answer.journal_key = *journal_key;
  }
  return answer;
}

Result<ReconcileRequest> parse_reconcile_request(std::string_view json) {
  constexpr std::string_view ctx = "reconcile";
  PSL_ASSIGN_OR_RETURN(const auto document, detail::parse_document(json, ctx));
  ReconcileRequest request;
  PSL_ASSIGN_OR_RETURN(request.device_id, detail::get_string(document, ctx, "device_id"));
  PSL_ASSIGN_OR_RETURN(request.count, detail::get_int_in(document, ctx, "count", 0, kMaxSeq));
  PSL_ASSIGN_OR_RETURN(request.sha256, detail::get_string(document, ctx, "sha256"));
  return request;
}

Result<ReconcileAnswer> parse_reconcile_answer(std::string_view json) {
  constexpr std::string_view ctx = "reconcile answer";
  PSL_ASSIGN_OR_RETURN(const auto document, detail::parse_document(json, ctx));
  ReconcileAnswer answer;
  PSL_ASSIGN_OR_RETURN(answer.matches, detail::get_bool(document, ctx, "matches"));
  PSL_ASSIGN_OR_RETURN(answer.hub_count, detail::get_int_in(document, ctx, "hub_count", 0, kMaxSeq));
  PSL_ASSIGN_OR_RETURN(answer.hub_sha256, detail::get_string(document, ctx, "hub_sha256"));
  PSL_ASSIGN_OR_RETURN(const Json* missing, detail::get_array(document, ctx, "missing"));
  // Ascending and disjoint within 1 to kMaxSeq, as the hub lists them, so that summing their
  // lengths cannot overflow. seq_of gives 0 for anything else: negative, fractional, too large.
  const auto seq_of = [](const Json& number) -> std::int64_t {
    if (!number.is_number_unsigned() || number.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxSeq)) return 0;
    return static_cast<std::int64_t>(number.get<std::uint64_t>());
  };
  std::int64_t previous_last = 0;
  for (const auto& range : *missing) {
    const bool pair = range.is_array() && range.size() == 2;
    const std::int64_t first = pair ? seq_of(range[0]) : 0;
    const std::int64_t last = pair ? seq_of(range[1]) : 0;
    if (first == 0 || first <= previous_last || last < first)
      return detail::field_error(ctx, "missing",
                                 "ascending, disjoint [first, last] pairs from 1 to " + std::to_string(kMaxSeq));
    answer.missing.push_back({first, last});
    previous_last = last;
  }
  return answer;
}

}  // namespace passerelle::sync
