// `badges`: print badges, single QR images, reissue and revoke; `export badges`.
#include <ostream>

#include "core/badge/issuer.h"
#include "core/csv/csv_writer.h"
#include "core/print/badge_render.h"
#include "core/text/terminal_text.h"
#include "core/util/files.h"
#include "sync/hub/cli/badge_selection.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/csv_export.h"
#include "sync/hub/cli/exit_codes.h"

namespace passerelle::hub {
namespace {

int run_badges(Context& context, const ParsedArgs& args) {
  if (!args.value("out")) {
    *context.err << "passerelle-hub: badges needs --out FILE.pdf\n(see: passerelle-hub badges --help)\n";
    return kExitUsage;
  }
  auto layout = parse_layout(args.value("layout").value_or("a4"));
  if (!layout) return context.fail(layout.error());
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  auto people = select_participants(store, event, args.values("participant"));
  if (!people) return context.fail(people.error());
  auto contents = badge_contents(store, event, *people);
  if (!contents) return context.fail(contents.error());
  const std::string out = *args.value("out");
  if (auto written = print::render_badges_pdf(*contents, *layout, out, print::default_fonts_dir()); !written)
    return context.fail(written.error());
  *context.out << "wrote " << contents->size() << " badge" << (contents->size() == 1 ? "" : "s") << " to " << out
               << "\n";
  return kExitOk;
}

int run_badges_qr(Context& context, const ParsedArgs& args) {
  if (args.has("png") == args.has("svg"))
    return context.fail(make_error(Errc::invalid_input, "give --png FILE or --svg FILE"));
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  auto people = select_participants(store, event, {args.positional().front()});
  if (!people) return context.fail(people.error());
  auto code = badge::badge_code(store, people->front());
  if (!code) return context.fail(code.error());
  const std::string out = args.has("png") ? *args.value("png") : *args.value("svg");
  auto written = args.has("png") ? print::write_qr_png(*code, out) : print::write_qr_svg(*code, out);
  if (!written) return context.fail(written.error());
  *context.out << "wrote the badge code of " << terminal_safe(people->front().record.external_id) << " to " << out
               << "\n";
  return kExitOk;
}

int run_badges_reissue(Context& context, const ParsedArgs& args) {
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  auto people = select_participants(store, event, {args.positional().front()});
  if (!people) return context.fail(people.error());
  auto serial = store.reissue_badge(people->front().id);
  if (!serial) return context.fail(serial.error());
  *context.out << "badge " << *serial << " issued to " << terminal_safe(people->front().record.external_id)
               << "; every older badge of theirs is now revoked (print the new one with: badges --participant "
               << terminal_safe(people->front().record.external_id) << " --out FILE.pdf)\n";
  return kExitOk;
}

int run_badges_revoke(Context& context, const ParsedArgs& args) {
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  auto people = select_participants(store, event, {args.positional().front()});
  if (!people) return context.fail(people.error());
  const Participant& person = people->front();
  std::int64_t serial = person.badge_serial;
  if (const auto text = args.value("serial")) {
    try {
      serial = std::stoll(*text);
    } catch (const std::exception&) {
      serial = 0;  // refused by revoke_badge, which says the range
    }
  }
  if (auto revoked = store.revoke_badge(person.id, serial, args.value("reason").value_or("")); !revoked)
    return context.fail(revoked.error());
  *context.out << "badge " << serial << " of " << terminal_safe(person.record.external_id) << " is revoked";
  if (serial == person.badge_serial) *context.out << "; they need a new badge (badges reissue)";
  *context.out << "\n";
  return kExitOk;
}

// "14 badge codes" then, when some were left out, "(1 cancelled, 2 blocked left out)".
std::string left_out_text(const RegisteredParticipants& selection) {
  std::string text;
  if (selection.cancelled != 0) text += std::to_string(selection.cancelled) + " cancelled";
  if (selection.blocked != 0) text += (text.empty() ? "" : ", ") + std::to_string(selection.blocked) + " blocked";
  return text.empty() ? text : " (" + text + " left out)";
}

int run_export_badges(Context& context, const ParsedArgs& args) {
  auto opened = context.open_event(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event] = *opened;
  // The badges `badges` prints, no more: a mail merge must not send one to someone who cancelled.
  auto selection = registered_participants(store, event);
  if (!selection) return context.fail(selection.error());
  csv::Writer csv(csv_delimiter(args));
  csv.row({"external_id", "first_name", "last_name", "email", "status", "badge_code"});
  for (const auto& person : selection->people) {
    auto code = badge::badge_code(store, person);
    if (!code) return context.fail(code.error());
    const auto& record = person.record;
    csv.row({record.external_id, record.first_name, record.last_name, record.email,
             std::string(to_string(record.status)), *code});
  }
  const std::string out = args.positional().front();
  // Badge codes let anyone in: the file is its owner's only.
  if (auto written = write_file_atomically(out, csv.text(), FileAccess::owner_only); !written)
    return context.fail(written.error());
  const std::size_t count = selection->people.size();
  *context.out << "wrote " << count << " badge code" << (count == 1 ? "" : "s") << " to " << out
               << left_out_text(*selection) << "\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> badges_commands() {
  const OptionSpec event{"event", "ID", "the event (needed when the database holds several)"};
  return {
      Command{{"badges",
               "--out FILE.pdf [--participant EXTERNAL_ID ...] [--layout a4|a6|label62] [--event ID]",
               "Print badges as PDF: name, organisation, country and the signed QR code.",
               "Without --participant: every registered participant (not cancelled or blocked), by\n"
               "last name, first name and external id in the event's language; with it, as named.\n"
               "Layouts: a4 (sheets of 8), a6 (one per page), label62 (62 mm label rolls).",
               {{"out", "FILE.pdf", "where to write the PDF"},
                {"participant", "EXTERNAL_ID", "only this participant (repeatable)", true},
                {"layout", "NAME", "a4 (default), a6 or label62"},
                event},
               0,
               0},
              run_badges},
      Command{{"badges qr",
               "EXTERNAL_ID (--png FILE | --svg FILE) [--event ID]",
               "Write one participant's badge QR code as PNG or SVG, for mail merges.",
               "",
               {{"png", "FILE", "PNG image"}, {"svg", "FILE", "SVG image"}, event},
               1,
               1},
              run_badges_qr},
      Command{{"badges reissue",
               "EXTERNAL_ID [--event ID]",
               "Issue a new badge: raises the serial, which revokes every older badge.",
               "",
               {event},
               1,
               1},
              run_badges_reissue},
      Command{{"badges revoke",
               "EXTERNAL_ID [--serial N] [--reason TEXT] [--event ID]",
               "Put one badge (by default the current one) on the revocation list.",
               "",
               {{"serial", "N", "the badge serial to revoke (default: the current one)"},
                {"reason", "TEXT", "why, for the record (lost, stolen)"},
                event},
               1,
               1},
              run_badges_revoke},
      Command{{"export badges",
               "FILE.csv [--excel] [--event ID]",
               "Write each registered participant's email and badge code as CSV, for mail merges.",
               "The participants `badges` prints, by name in the event's language: cancelled and\n"
               "blocked participants are left out, and the command says how many.",
               {excel_option(), event},
               1,
               1},
              run_export_badges},
  };
}

}  // namespace passerelle::hub
