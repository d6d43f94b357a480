#include "core/report/report_builder.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/model/b2b_session.h"
#include "core/model/outcome.h"

namespace passerelle::report {
namespace {

// The texts of one language, read through "report." keys.
class Words {
 public:
  Words(const Translations& texts, Language language) : texts_(texts), language_(language) {}
  std::string operator()(std::string_view key) const {
    return std::string(texts_.get(language_, "report." + std::string(key)));
  }
  std::string format(std::string_view key, Translations::Values values) const {
    return texts_.format(language_, "report." + std::string(key), values);
  }

 private:
  const Translations& texts_;
  Language language_;
};

// Bars a grouping's chart shows before the rest are summed into one.
constexpr std::size_t kChartBars = 12;

std::string number(long long value) {
  return std::to_string(value);
}

std::string days_text(const Event& event) {
  if (event.days.empty()) return {};
  if (event.days.size() == 1) return event.days.front();
  return event.days.front() + " – " + event.days.back();
}

std::string org_type_text(OrgType type, const Words& words) {
  return words("org_type." + std::string(to_string(type)));
}

// A grouping (country, region, sector, organisation type) as a table and its chart: the most
// registered first, so that the chart reads from the largest bar down.
void add_grouping(Section& section, const std::string& csv_name, const std::string& title, const std::string& head,
                  std::vector<std::pair<std::string, Tally>> rows, const Words& words) {
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::tie(b.second.registered, b.second.attended) < std::tie(a.second.registered, a.second.attended);
  });
  Table table{csv_name,
              title,
              {head, words("col.registered"), words("col.attended"), words("col.rate")},
              {},
              {false, true, true, true}};
  Chart chart{Chart::Kind::bars, title, {}, {{words("col.registered"), {}}, {words("col.attended"), {}}}};
  // The chart shows the largest values and one bar for the rest, so that forty regions still make a
  // chart one can read on a phone and print on a page; the table below it lists every value.
  Tally rest;
  std::size_t rest_count = 0;
  for (const auto& [label, tally] : rows) {
    const std::string shown = label.empty() ? words("not_given") : label;
    table.rows.push_back(
        {shown, number(tally.registered), number(tally.attended), percent(tally.attended, tally.registered)});
    if (chart.labels.size() >= kChartBars) {
      rest.registered += tally.registered;
      rest.attended += tally.attended;
      ++rest_count;
      continue;
    }
    chart.labels.push_back(shown);
    chart.series[0].values.push_back(tally.registered);
    chart.series[1].values.push_back(tally.attended);
  }
  if (rest_count > 0) {
    chart.labels.push_back(words.format("others", {{"count", number(static_cast<long long>(rest_count))}}));
    chart.series[0].values.push_back(rest.registered);
    chart.series[1].values.push_back(rest.attended);
  }
  section.blocks.emplace_back(std::move(chart));
  section.blocks.emplace_back(std::move(table));
}

std::vector<std::pair<std::string, Tally>> rows_of(const std::map<std::string, Tally>& tallies) {
  return {tallies.begin(), tallies.end()};
}

Section participants_section(const EventReport& report, const Words& words) {
  Section section{words("section.participants"), {}};
  section.blocks.emplace_back(Paragraph{words.format("participants_note", {{"cancelled", number(report.cancelled)},
                                                                           {"blocked", number(report.blocked)},
                                                                           {"erased", number(report.erased)}})});
  Table table{"participants",
              words("section.participants"),
              {"", words("col.registered"), words("col.attended"), words("col.rate")},
              {},
              {false, true, true, true}};
  table.rows.push_back({words("row.participants"), number(report.participants.registered),
                        number(report.participants.attended),
                        percent(report.participants.attended, report.participants.registered)});
  table.rows.push_back({words("row.organisations"), number(report.organisations.registered),
                        number(report.organisations.attended),
                        percent(report.organisations.attended, report.organisations.registered)});
  section.blocks.emplace_back(std::move(table));
  return section;
}

Section groupings_section(const EventReport& report, const Words& words) {
  Section section{words("section.groupings"), {}};
  add_grouping(section, "by-country", words("section.country"), words("col.country"), rows_of(report.by_country),
               words);
  add_grouping(section, "by-region", words("section.region"), words("col.region"), rows_of(report.by_region), words);
  add_grouping(section, "by-sector", words("section.sector"), words("col.sector"), rows_of(report.by_sector), words);
  std::vector<std::pair<std::string, Tally>> types;
  for (const auto& [type, tally] : report.by_org_type)
    types.emplace_back(type == OrgType::unspecified ? std::string() : org_type_text(type, words), tally);
  add_grouping(section, "by-organisation-type", words("section.org_type"), words("col.org_type"), std::move(types),
               words);
  return section;
}

std::string bin_label(int bin, int minutes) {
  return clock_text(bin * minutes);
}

Section arrivals_section(const EventReport& report, const Words& words) {
  Section section{words("section.arrivals"), {}};
  section.blocks.emplace_back(Paragraph{
      words.format("arrivals_note", {{"minutes", number(report.bin_minutes)}, {"zone", report.event.timezone}})});
  Table table{"arrivals",
              words("section.arrivals"),
              {words("col.day"), words("col.time"), words("col.arrivals")},
              {},
              {false, false, true}};
  for (const DayArrivals& day : report.arrivals) {
    if (day.by_bin.empty()) continue;
    // Every bin from the first arrival to the last, empty ones too: a time axis without gaps.
    const int first = day.by_bin.begin()->first;
    const int last = day.by_bin.rbegin()->first;
    Chart chart{
        Chart::Kind::columns, words.format("arrivals_on", {{"day", day.day}}), {}, {{words("col.arrivals"), {}}}};
    for (int bin = first; bin <= last; ++bin) {
      const auto found = day.by_bin.find(bin);
      const int people = found == day.by_bin.end() ? 0 : found->second;
      chart.labels.push_back(bin_label(bin, report.bin_minutes));
      chart.series[0].values.push_back(people);
      table.rows.push_back({day.day, bin_label(bin, report.bin_minutes), number(people)});
    }
    section.blocks.emplace_back(std::move(chart));
  }
  if (table.rows.empty()) section.blocks.emplace_back(Paragraph{words("nobody")});
  section.blocks.emplace_back(std::move(table));
  return section;
}

Section attendance_section(const EventReport& report, const Words& words) {
  Section section{words("section.attendance"), {}};
  Table table{"attendance", words("section.attendance"), {words("col.checkpoint")}, {}, {false}};
  for (const auto& day : report.days) {
    table.head.push_back(day.day);
    table.numeric.push_back(true);
  }
  if (report.days.size() > 1) {
    table.head.push_back(words("col.whole_event"));
    table.numeric.push_back(true);
  }
  std::vector<std::string> anywhere{words("row.anywhere")};
  for (const auto& day : report.days) anywhere.push_back(number(day.attended));
  if (report.days.size() > 1) anywhere.push_back(number(report.participants.attended));
  table.rows.push_back(std::move(anywhere));
  for (std::size_t p = 0; p < report.checkpoints.size(); ++p) {
    std::vector<std::string> row{report.checkpoints[p].name};
    for (const auto& day : report.days) row.push_back(number(day.by_checkpoint.at(p)));
    if (report.days.size() > 1) row.push_back(number(report.checkpoint_totals.at(p)));
    table.rows.push_back(std::move(row));
  }
  Chart chart{Chart::Kind::bars, words("attendance_per_day"), {}, {{words("col.attended"), {}}}};
  for (const auto& day : report.days) {
    chart.labels.push_back(day.day);
    chart.series[0].values.push_back(day.attended);
  }
  section.blocks.emplace_back(std::move(chart));
  section.blocks.emplace_back(std::move(table));
  if (report.outside_days > 0)
    section.blocks.emplace_back(Paragraph{words.format("outside_days", {{"count", number(report.outside_days)}})});
  return section;
}

Section meetings_section(const EventReport& report, const Words& words) {
  Section section{words("section.meetings"), {}};
  if (!report.meetings) {
    section.blocks.emplace_back(Paragraph{words("meetings.none")});
    return section;
  }
  const auto& m = *report.meetings;
  section.blocks.emplace_back(Paragraph{words("meetings_note")});
  Table table{"meetings",
              words("section.meetings"),
              {words("col.figure"), words("col.value"), words("col.share")},
              {},
              {false, true, true}};
  const auto row = [&](std::string_view key, long long value, std::string share = {}) {
    table.rows.push_back({words("meetings." + std::string(key)), number(value), std::move(share)});
  };
  row("requested", m.requested);
  row("scheduled", m.scheduled);
  row("held", m.held);
  row("no_show", m.no_show);
  row("no_show_one_side", m.no_show_one_side);
  row("walk_in", m.walk_in);
  row("open", m.open + m.upcoming);
  row("cross_border", m.cross_border, percent(m.cross_border, m.held));
  row("would_cooperate", m.would_cooperate, percent(m.would_cooperate, m.held));
  row("answers", m.answers);
  section.blocks.emplace_back(std::move(table));
  Chart chart{Chart::Kind::bars, words("section.meetings"), {}, {{words("col.value"), {}}}};
  for (const auto* key : {"scheduled", "held", "no_show", "walk_in"})
    chart.labels.push_back(words("meetings." + std::string(key)));
  chart.series[0].values = {double(m.scheduled), double(m.held), double(m.no_show), double(m.walk_in)};
  section.blocks.emplace_back(std::move(chart));
  Table sectors{"meetings-by-sector",
                words("meetings_by_sector"),
                {words("col.sector"), words("col.held"), words("col.cross_border"), words("col.would_cooperate")},
                {},
                {false, true, true, true}};
  for (const auto& [sector, counts] : m.by_sector)
    sectors.rows.push_back({sector.empty() ? words("not_given") : sector, number(counts.held),
                            number(counts.cross_border), number(counts.would_cooperate)});
  section.blocks.emplace_back(std::move(sectors));
  Table pairs{"meetings-by-country-pair",
              words("meetings_by_country_pair"),
              {words("col.countries"), words("col.held"), words("col.would_cooperate")},
              {},
              {false, true, true}};
  for (const auto& [pair, counts] : m.by_country_pair) {
    const auto name = [&](const std::string& country) { return country.empty() ? std::string("?") : country; };
    pairs.rows.push_back(
        {name(pair.first) + "–" + name(pair.second), number(counts.held), number(counts.would_cooperate)});
  }
  section.blocks.emplace_back(std::move(pairs));
  return section;
}

std::vector<KeyFigure> key_figures(const EventReport& report, const Words& words) {
  std::vector<KeyFigure> figures{
      {words("key.registered"), number(report.participants.registered)},
      {words("key.attended"), number(report.participants.attended)},
      {words("key.organisations"), number(report.organisations.attended)},
  };
  if (report.meetings) {
    figures.push_back({words("key.meetings_held"), number(report.meetings->held)});
    figures.push_back({words("key.cross_border"), percent(report.meetings->cross_border, report.meetings->held)});
    figures.push_back({words("key.would_cooperate"), percent(report.meetings->would_cooperate, report.meetings->held)});
  }
  return figures;
}

}  // namespace

std::string percent(int part, int whole) {
  if (whole <= 0) return "-";
  return std::to_string(static_cast<long long>(std::lround(100.0 * part / whole))) + "%";
}

Document event_document(const EventReport& report, const Translations& texts, const std::string& generated) {
  const Words words(texts, report.event.language);
  Document document;
  document.language = std::string(to_string(report.event.language));
  document.title = words("title") + ": " + report.event.name;
  document.subtitle = {
      report.event.venue.empty() ? days_text(report.event) : report.event.venue + ", " + days_text(report.event),
      words.format("generated", {{"time", generated}})};
  document.key_figures = key_figures(report, words);
  document.sections = {participants_section(report, words), groupings_section(report, words),
                       arrivals_section(report, words), attendance_section(report, words),
                       meetings_section(report, words)};
  document.page_format = words("page");
  return document;
}

Document programme_document(const ProgrammeReport& programme, const Translations& texts, const std::string& generated) {
  const Language language = programme.events.empty() ? Language::en : programme.events.front().event.language;
  const Words words(texts, language);
  Document document;
  document.language = std::string(to_string(language));
  document.title = words("programme.title");
  document.subtitle = {words.format("programme.events_count", {{"count", number(programme.events.size())}}),
                       words.format("generated", {{"time", generated}})};
  document.key_figures = {
      {words("programme.attendances"), number(programme.participants.attended)},
      {words("programme.distinct"), number(programme.distinct_attendees)},
      {words("programme.returning_participants"), number(programme.returning_participants)},
      {words("programme.returning_organisations"), number(programme.returning_organisations)},
      {words("key.meetings_held"), number(programme.meetings_held)},
      {words("key.cross_border"), percent(programme.meetings_cross_border, programme.meetings_held)},
  };
  Section totals{words("programme.totals"), {}};
  totals.blocks.emplace_back(Paragraph{words("programme.note")});
  Table summary{
      "programme-totals", words("programme.totals"), {words("col.figure"), words("col.value")}, {}, {false, true}};
  const auto add = [&](std::string_view key, long long value) { summary.rows.push_back({words(key), number(value)}); };
  add("programme.registrations", programme.participants.registered);
  add("programme.attendances", programme.participants.attended);
  add("programme.distinct", programme.distinct_attendees);
  add("programme.returning_participants", programme.returning_participants);
  add("programme.distinct_organisations", programme.distinct_organisations);
  add("programme.returning_organisations", programme.returning_organisations);
  add("key.meetings_held", programme.meetings_held);
  totals.blocks.emplace_back(std::move(summary));
  Table returning{"programme-returning",
                  words("programme.by_events"),
                  {words("col.events_attended"), words("col.people")},
                  {},
                  {true, true}};
  Chart returning_chart{Chart::Kind::bars, words("programme.by_events"), {}, {{words("col.people"), {}}}};
  for (const auto& [events, people] : programme.attendees_by_events) {
    returning.rows.push_back({number(events), number(people)});
    returning_chart.labels.push_back(number(events));
    returning_chart.series[0].values.push_back(people);
  }
  totals.blocks.emplace_back(std::move(returning_chart));
  totals.blocks.emplace_back(std::move(returning));

  Section side{words("programme.events"), {}};
  Table events{"programme-events",
               words("programme.events"),
               {words("col.event"), words("col.dates"), words("col.registered"), words("col.attended"),
                words("col.rate"), words("row.organisations"), words("col.held"), words("col.cross_border_share"),
                words("col.would_cooperate_share")},
               {},
               {false, false, true, true, true, true, true, true, true}};
  Chart attended{Chart::Kind::bars,
                 words("programme.attended_per_event"),
                 {},
                 {{words("col.registered"), {}}, {words("col.attended"), {}}}};
  for (const EventReport& event : programme.events) {
    const auto& m = event.meetings;
    events.rows.push_back(
        {event.event.name, days_text(event.event), number(event.participants.registered),
         number(event.participants.attended), percent(event.participants.attended, event.participants.registered),
         number(event.organisations.attended), m ? number(m->held) : "-", m ? percent(m->cross_border, m->held) : "-",
         m ? percent(m->would_cooperate, m->held) : "-"});
    attended.labels.push_back(event.event.name);
    attended.series[0].values.push_back(event.participants.registered);
    attended.series[1].values.push_back(event.participants.attended);
  }
  side.blocks.emplace_back(std::move(attended));
  side.blocks.emplace_back(std::move(events));
  document.sections = {std::move(totals), std::move(side)};
  document.page_format = words("page");
  return document;
}

std::vector<AttendanceSheet> attendance_sheets(const EventReport& report, const Translations& texts) {
  const Words words(texts, report.event.language);
  std::vector<AttendanceSheet> sheets;
  for (const DaySheet& day : report.sheets) {
    AttendanceSheet sheet;
    sheet.event_name = report.event.name;
    sheet.venue = report.event.venue;
    sheet.day = day.day;
    sheet.title = words("sheet.title");
    sheet.name_head = words("sheet.name");
    sheet.organisation_head = words("sheet.organisation");
    sheet.time_head = words("sheet.time");
    sheet.signature_head = words("sheet.signature");
    for (const SheetRow& row : day.rows) {
      std::string name = row.last_name;
      if (!row.first_name.empty()) name += (name.empty() ? "" : ", ") + row.first_name;
      sheet.rows.push_back({std::move(name), row.organisation, row.time});
    }
    if (day.erased > 0) sheet.erased_line = words.format("sheet.erased", {{"count", number(day.erased)}});
    sheet.none = words("sheet.none");
    sheet.page_format = words("page");
    sheets.push_back(std::move(sheet));
  }
  return sheets;
}

}  // namespace passerelle::report
