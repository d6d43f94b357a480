// `agendas` and `table-cards`: the B2B session on paper (issue #13, docs/B2B_AREA.md "Paper").
#include <algorithm>
#include <ostream>

#include "core/meetings/agenda_print.h"
#include "core/meetings/event_schedule.h"
#include "core/print/agenda_render.h"
#include "core/store/b2b_store.h"
#include "core/text/terminal_text.h"
#include "core/text/translations.h"
#include "sync/hub/cli/badge_selection.h"
#include "sync/hub/cli/context.h"
#include "sync/hub/cli/exit_codes.h"

namespace passerelle::hub {
namespace {

// One participant's page: their meetings in the event's time, the words in their language.
print::AgendaPage agenda_page(const Participant& person, const std::vector<AgendaMeeting>& meetings,
                              const print::BadgeContent& badge, const B2bSession& session, const TimeZone& zone,
                              const Translations& texts, const std::string& printed) {
  const Language language = person.record.language;
  print::AgendaPage page;
  page.first_name = badge.first_name;
  page.last_name = badge.last_name;
  page.organisation = badge.organisation;
  page.qr_text = badge.qr_text;
  page.event_name = badge.event_name;
  page.day = session.day;
  page.texts = {std::string(texts.get(language, "agenda.title")),
                std::string(texts.get(language, "agenda.time")),
                std::string(texts.get(language, "agenda.table")),
                std::string(texts.get(language, "agenda.partner")),
                std::string(texts.get(language, "agenda.none")),
                texts.format(language, "agenda.footer", {{"printed", printed}})};
  for (const auto& meeting : meetings)
    page.rows.push_back({zone.local_time_of_day(meeting.start_ms) + "\u2013" + zone.local_time_of_day(meeting.end_ms),
                         meeting.table_label, meeting.partner_first_name + " " + meeting.partner_last_name,
                         meeting.partner_organisation, meeting.partner_country});
  return page;
}

// What both paper commands read before they draw: the paper and the texts in four languages.
struct Paper {
  print::SheetLayout layout;
  Translations texts;
};
Result<Paper> paper_of(const ParsedArgs& args) {
  PSL_ASSIGN_OR_RETURN(auto layout, parse_layout(args.value("layout").value_or("a4")));
  PSL_ASSIGN_OR_RETURN(auto texts, Translations::load(print::default_i18n_dir()));
  return Paper{layout, std::move(texts)};
}

int needs_out(Context& context, std::string_view command) {
  *context.err << "passerelle-hub: " << command << " needs --out FILE.pdf\n(see: passerelle-hub " << command
               << " --help)\n";
  return kExitUsage;
}

int run_agendas(Context& context, const ParsedArgs& args) {
  if (!args.value("out")) return needs_out(context, "agendas");
  auto paper = paper_of(args);
  if (!paper) return context.fail(paper.error());
  auto opened = context.open_session(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event, session] = *opened;
  auto zone = store.event_timezone(event.id);
  if (!zone) return context.fail(zone.error());
  const auto named = args.values("participant");
  auto people = select_participants(store, event, named);
  if (!people) return context.fail(people.error());

  // Named participants are printed as asked; otherwise those with meetings, and with --changed only
  // those whose printed agenda is out of date (or who never had one).
  const bool only_changed = args.has("changed");
  std::vector<Participant> chosen;
  std::vector<std::vector<AgendaMeeting>> agendas;
  for (auto& person : *people) {
    auto meetings = meetings::printed_meetings(store.database(), person.id);
    if (!meetings) return context.fail(meetings.error());
    const bool changed = meetings::agenda_fingerprint(*meetings) != person.agenda_printed;
    if (named.empty() && meetings->empty() && person.agenda_printed.empty()) continue;
    if (only_changed && !changed) continue;
    chosen.push_back(std::move(person));
    agendas.push_back(std::move(*meetings));
  }
  const std::string out = *args.value("out");
  if (chosen.empty()) {
    *context.out << (only_changed ? "no agenda changed since it was printed; nothing written\n"
                                  : "nobody has a meeting yet; nothing written\n");
    return kExitOk;
  }
  auto badges = badge_contents(store, event, chosen);
  if (!badges) return context.fail(badges.error());
  const std::int64_t now = context.clock->wall_ms();
  const std::string printed = (*zone)->local_day(now) + " " + (*zone)->local_time_of_day(now);
  std::vector<print::AgendaPage> pages;
  for (std::size_t i = 0; i < chosen.size(); ++i)
    pages.push_back(agenda_page(chosen[i], agendas[i], (*badges)[i], session, **zone, paper->texts, printed));
  if (auto written = print::render_agendas_pdf(pages, paper->layout, out, print::default_fonts_dir()); !written)
    return context.fail(written.error());

  // Recorded only once the paper exists: a failed print leaves every agenda "changed".
  auto transaction = db::Transaction::begin(store.database());
  if (!transaction) return context.fail(transaction.error());
  for (std::size_t i = 0; i < chosen.size(); ++i)
    if (auto set = store.set_agenda_printed(chosen[i].id, meetings::agenda_fingerprint(agendas[i])); !set)
      return context.fail(make_error(set.error().code, out + " was written, but recording what it holds failed (" +
                                                           set.error().message + "): print it again"));
  if (auto committed = transaction->commit(); !committed) return context.fail(committed.error());
  *context.out << "wrote " << pages.size() << " agenda" << (pages.size() == 1 ? "" : "s") << " to " << out << "\n";
  return kExitOk;
}

int run_table_cards(Context& context, const ParsedArgs& args) {
  if (!args.value("out")) return needs_out(context, "table-cards");
  auto paper = paper_of(args);
  if (!paper) return context.fail(paper.error());
  auto opened = context.open_session(args);
  if (!opened) return context.fail(opened.error());
  auto& [store, event, session] = *opened;
  // One word per language, each once: "Table · Tisch · Tafel".
  std::vector<std::string> words;
  for (const Language language : kAllLanguages) {
    std::string word(paper->texts.get(language, "agenda.table"));
    if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(std::move(word));
  }
  std::string caption;
  for (const auto& word : words) caption += (caption.empty() ? "" : " \xC2\xB7 ") + word;
  const auto area = args.value("area");
  std::vector<print::TableCard> cards;
  bool area_known = !area;
  for (int table = 1; table <= session.tables; ++table) {
    std::string hall;
    for (const auto& candidate : session.areas)
      if (table >= candidate.first_table && table <= candidate.last_table) hall = candidate.name;
    if (area && hall != *area) continue;
    area_known = true;
    cards.push_back({event.name, hall, caption, std::to_string(table)});
  }
  if (!area_known) {
    std::string names;
    for (const auto& candidate : session.areas) names += (names.empty() ? "" : ", ") + candidate.name;
    return context.fail(make_error(
        Errc::not_found, "no B2B area '" + *area + "'" +
                             (names.empty() ? " (the session names none)" : " (the session has: " + names + ")")));
  }
  const std::string out = *args.value("out");
  if (auto written = print::render_table_cards_pdf(cards, paper->layout, out, print::default_fonts_dir()); !written)
    return context.fail(written.error());
  *context.out << "wrote " << cards.size() << " table card" << (cards.size() == 1 ? "" : "s") << " to " << out << "\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> agendas_commands() {
  const OptionSpec event{"event", "ID", "the event (needed when the database holds several)"};
  const OptionSpec layout{"layout", "NAME", "a4 (default), a6 or label62: the badges' paper"};
  return {
      Command{{"agendas",
               "--out FILE.pdf [--changed] [--participant EXTERNAL_ID ...] [--layout a4|a6|label62] [--event ID]",
               "Print personal B2B agendas: one page each, in their language, with the badge's QR code.",
               "Without --participant: every registered participant with a meeting (or whose printed\n"
               "agenda has since lost its meetings). --changed: only those whose meetings changed since\n"
               "their agenda was last printed, e.g. after `schedule --absent`. What each page holds is\n"
               "recorded once the PDF is written, for --changed and for the kiosk at the door.",
               {{"out", "FILE.pdf", "where to write the PDF"},
                {"changed", "", "only agendas that changed since they were printed"},
                {"participant", "EXTERNAL_ID", "only this participant (repeatable)", true},
                layout,
                event},
               0,
               0},
              run_agendas},
      Command{
          {"table-cards",
           "--out FILE.pdf [--area NAME] [--layout a4|a6|label62] [--event ID]",
           "Print a card for each table of the B2B session: the number, large, and its hall.",
           "",
           {{"out", "FILE.pdf", "where to write the PDF"}, {"area", "NAME", "only this hall's tables"}, layout, event},
           0,
           0},
          run_table_cards},
  };
}

}  // namespace passerelle::hub
