// The sync commands: enrol, devices, revoke-device, token create, reconciliation, quarantine.
// They work on the HubStore that --db names (sync/hub/store/open_hub_store.h).
#include <charconv>
#include <ctime>
#include <filesystem>
#include <limits>
#include <ostream>

#include "core/print/badge_render.h"
#include "core/print/qr.h"
#include "core/text/terminal_text.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"
#include "sync/hub/cli/terminal_qr.h"
#include "sync/hub/server/listen_address.h"
#include "sync/hub/store/open_hub_store.h"
#include "sync/protocol/hub_url.h"
#include "sync/tls/certificate_pin.h"

namespace passerelle::hub {
namespace {

constexpr std::int64_t kMaxEnrolmentTtlMs = 7LL * 24 * 3600 * 1000;

Result<std::unique_ptr<HubStore>> open(const Context& context) {
  if (!context.db_path) return make_error(Errc::invalid_input, "no database given: pass --db FILE");
  return open_hub_store(*context.db_path, *context.clock);
}

// "YYYY-MM-DD HH:MM:SS" in UTC: the hub serves kiosks of events in any time zone. A time whose
// year does not fit a struct tm is shown as milliseconds rather than as a made-up date.
std::string utc_time(std::int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm parts{};
  if (gmtime_r(&seconds, &parts) == nullptr) return std::to_string(unix_ms) + " ms";
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &parts);
  return text;
}

// Divided before the sign is dropped: -INT64_MIN overflows, -(INT64_MIN / 100) does not. The
// database may hold any offset a kiosk sent before the codec bounded it.
std::string signed_seconds(std::int64_t ms) {
  const std::int64_t signed_tenths = ms / 100;
  const std::int64_t tenths = signed_tenths < 0 ? -signed_tenths : signed_tenths;
  return std::string(ms < 0 ? "-" : "+") + std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum))
    return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
  return sum;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.resize(width, ' ');
  return text + " ";
}

std::string ranges_text(const std::vector<sync::SequenceRange>& ranges) {
  std::string text;
  for (const auto& range : ranges) {
    if (!text.empty()) text += ", ";
    text += std::to_string(range.first);
    if (range.last != range.first) text += "-" + std::to_string(range.last);
  }
  return text.empty() ? "none" : text;
}

// "30m", "45s", "2h", "1d".
Result<std::int64_t> enrolment_ttl_ms(const std::string& text) {
  if (const auto ms = parse_duration_ms(text, kMaxEnrolmentTtlMs)) return *ms;
  return make_error(Errc::invalid_input,
                    "--ttl takes a duration of at most 7 days such as 30m, 2h or 1d, not '" + text + "'");
}

// The pin an enrolment ticket carries: that of the certificate `serve` uses (--tls-cert, --tls-dir,
// or the "tls" directory beside a SQLite database), none for a hub behind a front whose
// certificate an authority signed (--no-pin). Plain HTTP only to this machine: a token sent in
// clear across a venue's network is a token given away.
Result<std::string> ticket_pin(const ParsedArgs& args, const std::string& hub_url, const std::string& db) {
  PSL_ASSIGN_OR_RETURN(const auto address, sync::parse_hub_url(hub_url));
  if (!address.https) {
    if (!is_loopback_host(address.host))
      return make_error(Errc::invalid_input,
                        "plain http:// reaches only this machine: give the hub's https:// address");
    return std::string();
  }
  if (args.has("no-pin")) return std::string();
  if (const auto cert = args.value("tls-cert")) return sync::tls::pin_of_certificate_file(*cert);
  std::filesystem::path dir;
  if (const auto given = args.value("tls-dir"))
    dir = *given;
  else if (!db.empty() && !is_postgresql_url(db))
    dir = std::filesystem::absolute(db).parent_path() / "tls";
  std::error_code error;
  if (dir.empty() || !std::filesystem::exists(dir / "cert.pem", error))
    return make_error(Errc::invalid_input,
                      "an https:// ticket carries the hub certificate's pin: pass --tls-dir DIR or --tls-cert FILE "
                      "as given to serve (or start serve once, which makes them), or --no-pin for a hub behind a "
                      "front whose certificate a public authority signed");
  return sync::tls::pin_of_certificate_file(dir / "cert.pem");
}

int run_enrol(Context& context, const ParsedArgs& args) {
  const auto hub_url = args.value("hub-url");
  if (!hub_url)
    return context.fail(make_error(Errc::invalid_input, "enrol needs --hub-url URL (how kiosks reach the hub)"));
  auto ttl = enrolment_ttl_ms(args.value("ttl").value_or("30m"));
  if (!ttl) return context.fail(ttl.error());
  auto pin = ticket_pin(args, *hub_url, context.db_path.value_or(""));
  if (!pin) return context.fail(pin.error());
  // The ticket is checked as a kiosk will read it, so a typo shows here and not at the door.
  auto checked = sync::parse_enrolment_ticket(sync::format_enrolment_ticket({*hub_url, "x", *pin}));
  if (!checked) return context.fail(checked.error());
  auto requested = args.event_id();
  if (!requested) return context.fail(requested.error());
  auto store = open(context);
  if (!store) return context.fail(store.error());
  auto event = (*store)->resolve_event(*requested);
  if (!event) return context.fail(event.error());
  auto code = (*store)->create_enrolment_code(*event, *ttl, args.value("name").value_or(""));
  if (!code) return context.fail(code.error());

  const std::string ticket = sync::format_enrolment_ticket({checked->hub_url, code->code, *pin});
  auto& out = *context.out;
  out << ticket << "\n";
  auto matrix = print::encode_qr(ticket);
  if (!matrix) return context.fail(matrix.error());
  out << terminal_qr(*matrix, args.has("light-terminal"));
  if (const auto png = args.value("png")) {
    if (auto written = print::write_qr_png(ticket, *png); !written) return context.fail(written.error());
  }
  out << "one kiosk of event " << *event << " may enrol with this code until " << utc_time(code->expires_ms) << " UTC";
  if (const auto png = args.value("png")) out << "; QR written to " << *png;
  out << "\n";
  return kExitOk;
}

int run_devices(Context& context, const ParsedArgs& args) {
  auto event = args.event_id();
  if (!event) return context.fail(event.error());
  auto store = open(context);
  if (!store) return context.fail(store.error());
  auto devices = (*store)->devices(*event);
  if (!devices) return context.fail(devices.error());
  auto& out = *context.out;
  if (devices->empty()) {
    out << "no device enrolled yet (see: passerelle-hub enrol --help)\n";
    return kExitOk;
  }
  out << pad("device id", 36) << pad("name", 16) << pad("event", 5) << pad("last sync (UTC)", 19)
      << pad("clock offset", 12) << pad("acked", 6) << pad("unsent gap", 10) << "state\n";
  for (const auto& device : *devices) {
    std::int64_t acked = device.authored.empty() ? 0 : device.authored.front().acked_seq;
    std::int64_t gap = 0;
    // Saturating: each id's gap may approach INT64_MAX where seqs from before kMaxSeq are held.
    for (const auto& id : device.authored) gap = saturating_add(gap, id.missing);
    out << pad(terminal_safe(device.device_id), 36) << pad(terminal_safe(device.name), 16)
        << pad(std::to_string(device.event_id), 5)
        << pad(device.last_sync_ms ? utc_time(*device.last_sync_ms) : "never", 19)
        << pad(device.clock_offset_ms ? signed_seconds(*device.clock_offset_ms) : "-", 12)
        << pad(std::to_string(acked), 6) << pad(std::to_string(gap), 10)
        << (device.revoked_ms ? "revoked " + utc_time(*device.revoked_ms) : std::string("active")) << "\n";
    for (std::size_t i = 1; i < device.authored.size(); ++i) {
      const auto& id = device.authored[i];
      out << "  also uploads as " << terminal_safe(id.authored_id) << ": acked " << id.acked_seq << ", gap "
          << id.missing << "\n";
    }
  }
  return kExitOk;
}

int run_revoke_device(Context& context, const ParsedArgs& args) {
  auto store = open(context);
  if (!store) return context.fail(store.error());
  const std::string& device_id = args.positional().front();
  if (auto revoked = (*store)->revoke_device(device_id); !revoked) return context.fail(revoked.error());
  *context.out << "revoked device " << device_id
               << ": its token is refused from now on; what it uploaded stays, and the kiosk keeps its unsent "
                  "entries (--export-journal)\n";
  return kExitOk;
}

int run_token_create(Context& context, const ParsedArgs& args) {
  if (!args.has("organiser"))
    return context.fail(make_error(
        Errc::invalid_input, "only organiser tokens are made here (--organiser); kiosks get theirs by enrolling"));
  auto store = open(context);
  if (!store) return context.fail(store.error());
  auto token = (*store)->create_organiser_token(args.value("label").value_or(""));
  if (!token) return context.fail(token.error());
  *context.out << *token << "\n";
  *context.err << "passerelle-hub: this organiser token is shown once; the hub keeps only its hash\n";
  return kExitOk;
}

int run_reconciliation(Context& context, const ParsedArgs& args) {
  auto requested = args.event_id();
  if (!requested) return context.fail(requested.error());
  auto store = open(context);
  if (!store) return context.fail(store.error());
  auto event = (*store)->resolve_event(*requested);
  if (!event) return context.fail(event.error());
  auto rows = (*store)->reconciliation(*event);
  if (!rows) return context.fail(rows.error());
  auto& out = *context.out;
  if (rows->empty()) out << "no entries from any device yet\n";
  for (const auto& row : *rows) {
    out << terminal_safe(row.device_id);
    if (!row.owner_name.empty()) out << " (" << terminal_safe(row.owner_name) << ")";
    out << "\n  entries " << row.count << ", sha256 " << row.sha256 << "\n  contiguous to " << row.contiguous
        << ", highest " << row.highest << ", missing " << ranges_text(row.missing);
    if (row.quarantined > 0) out << ", quarantined " << row.quarantined;
    out << "\n";
  }
  return kExitOk;
}

int run_quarantine(Context& context, const ParsedArgs& args) {
  auto event = args.event_id();
  if (!event) return context.fail(event.error());
  auto store = open(context);
  if (!store) return context.fail(store.error());
  auto entries = (*store)->quarantined(*event);
  if (!entries) return context.fail(entries.error());
  auto& out = *context.out;
  if (entries->empty()) out << "no quarantined entry\n";
  for (const auto& entry : *entries) {
    out << utc_time(entry.received_ms) << " UTC  " << terminal_safe(entry.reason) << "  device "
        << terminal_safe(entry.device_id) << " seq " << (entry.seq ? std::to_string(*entry.seq) : std::string("-"))
        << " uuid " << (entry.uuid.empty() ? std::string("-") : terminal_safe(entry.uuid)) << "\n";
    if (!entry.detail.empty()) out << "  " << terminal_safe(entry.detail) << "\n";
    if (args.has("raw")) out << "  " << terminal_safe(entry.raw_json) << "\n";
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> sync_commands() {
  const OptionSpec event{"event", "ID", "the event (needed when the database holds several)"};
  const OptionSpec event_filter{"event", "ID", "only this event"};
  return {
      Command{{"enrol",
               "--hub-url URL [--tls-dir DIR | --tls-cert FILE | --no-pin] [--event ID] [--ttl 30m] [--name LABEL] "
               "[--png FILE] [--light-terminal]",
               "Make a one-time code that enrols one kiosk, shown as text and as a QR code.",
               "The first line is the ticket 'PSLENROL1 URL CODE [PIN]'; scan its QR at a new kiosk's\n"
               "first-boot screen (which then receives the event and its registry from this hub) or an\n"
               "enrolled kiosk's staff screen, or pass it as passerelle-kiosk --enrol '...'. It expires\n"
               "after --ttl (s, m, h or d; at most 7 days) and works once. --name labels the kiosk if\n"
               "it sends no name.\n"
               "For an https:// hub the ticket carries the pin of the certificate serve uses, and the\n"
               "kiosk then trusts that key alone. http:// is accepted for this machine only.",
               {{"hub-url", "URL", "how kiosks reach this hub, e.g. https://hub.example:8443"},
                {"tls-dir", "DIR", "serve's --tls-dir (default: 'tls' beside the database)"},
                {"tls-cert", "FILE", "serve's --tls-cert"},
                {"no-pin", "", "no pin: the hub's front has a certificate a public authority signed"},
                event,
                {"ttl", "DURATION", "how long the code stays valid (default 30m)"},
                {"name", "LABEL", "a label for the kiosk, e.g. 'door 1'"},
                {"png", "FILE", "also write the QR code as a PNG"},
                {"light-terminal", "", "draw the QR for a terminal with a light background"}},
               0,
               0},
              run_enrol},
      Command{{"devices",
               "[--event ID]",
               "List enrolled kiosks: last sync, clock offset, acknowledged entries, gaps, state.",
               "'unsent gap' counts sequence numbers the hub lacks below the highest it holds.",
               {event_filter},
               0,
               0},
              run_devices},
      Command{{"revoke-device",
               "DEVICE_ID",
               "Revoke a kiosk: its token stops working at once.",
               "What it uploaded stays; the kiosk keeps its unsent entries and can export them.",
               {},
               1,
               1},
              run_revoke_device},
      Command{{"token create",
               "--organiser [--label LABEL]",
               "Make an organiser token for the API (reconciliation, live views, metrics).",
               "Printed once on standard output; the hub stores only its SHA-256.",
               {{"organiser", "", "an organiser token (required)"}, {"label", "LABEL", "whose token it is"}},
               0,
               0},
              run_token_create},
      Command{{"reconciliation",
               "[--event ID]",
               "Per device id: entries held, SHA-256 of their UUIDs, and missing sequence ranges.",
               "Compare with the count and digest a kiosk shows to prove nothing was lost.",
               {event},
               0,
               0},
              run_reconciliation},
      Command{{"quarantine",
               "[--event ID] [--raw]",
               "List uploaded entries the hub refused and kept aside, with the reasons.",
               "",
               {event_filter, {"raw", "", "also print each entry's JSON as received"}},
               0,
               0},
              run_quarantine},
  };
}

}  // namespace passerelle::hub
