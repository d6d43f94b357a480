// The B2B imports' rows. Times: a cell without a UTC offset is the event's local time, as every
// platform shows it to organisers; one with an offset ("...T09:00:00+01:00", "Z") is taken as
// written. Dates written with slashes are refused unless a mapping file says which order they
// follow, because 08/12 is a day apart from 12/08 and a schedule a month off is worse than none.
#include "core/import/b2b_import.h"

#include <algorithm>
#include <set>

#include "core/import/column_synonyms.h"
#include "core/util/strings.h"

namespace passerelle::import {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A local date and minute, and the UTC offset in minutes when the cell gave one.
struct WrittenTime {
  std::string date;  // empty: the cell held only a time
  int minute = 0;
  std::optional<int> offset_minutes;
};

// "+01:00", "-0500", "Z" at the end of a time; removes it from `text`.
std::optional<int> take_offset(std::string_view& text, bool& malformed) {
  if (text.ends_with('Z') || text.ends_with('z')) {
    text.remove_suffix(1);
    return 0;
  }
  const auto sign_at = text.find_last_of("+-");
  if (sign_at == std::string_view::npos || sign_at < 4) return std::nullopt;
  std::string digits;
  for (const char c : text.substr(sign_at + 1))
    if (c != ':') digits += c;
  if (digits.size() != 4 || !all_digits(digits)) {
    malformed = true;
    return std::nullopt;
  }
  const int minutes = std::stoi(digits.substr(0, 2)) * 60 + std::stoi(digits.substr(2));
  const int offset = text[sign_at] == '-' ? -minutes : minutes;
  text = trim(text.substr(0, sign_at));
  return offset;
}

std::optional<WrittenTime> parse_written_time(std::string_view text, DateOrder order) {
  text = trim(text);
  WrittenTime out;
  std::string_view clock = text;
  const auto date_end = text.find_first_of(" T");
  if (date_end != std::string_view::npos && text.substr(0, date_end).find_first_of("-./") != std::string_view::npos) {
    out.date = parse_date(text.substr(0, date_end), order);
    if (out.date.empty()) return std::nullopt;
    clock = trim(text.substr(date_end + 1));
  }
  bool malformed = false;
  out.offset_minutes = take_offset(clock, malformed);
  if (malformed) return std::nullopt;
  const auto minute = parse_time_of_day_minutes(clock);
  if (!minute) return std::nullopt;
  out.minute = *minute;
  return out;
}

std::optional<std::string> half_day_of(std::string_view text) {
  static const std::map<std::string, std::string> words = [] {
    std::map<std::string, std::string> folded;
    for (const char* word : {"", "any", "both", "either", "all day", "indifférent", "journée", "egal", "beliebig",
                             "ganztags", "geen voorkeur", "om het even", "hele dag"})
      folded.emplace(fold_key(word), "any");
    for (const char* word :
         {"morning", "am", "a.m.", "matin", "matinée", "vormittag", "morgen", "ochtend", "voormiddag"})
      folded.emplace(fold_key(word), "morning");
    for (const char* word : {"afternoon", "pm", "p.m.", "après-midi", "nachmittag", "namiddag", "middag"})
      folded.emplace(fold_key(word), "afternoon");
    return folded;
  }();
  const auto found = words.find(fold_key(trim(text)));
  if (found == words.end()) return std::nullopt;
  return found->second;
}

// The rows of a table, one error per row, and the cells read through the resolved columns.
class RowReader {
 public:
  RowReader(const csv::Table& table, B2bFileInfo& file) : table_(table), file_(file) {}

  // False for a row whose cells are all empty (a spreadsheet's ",,,"); csv::parse has already
  // refused rows longer than the header.
  bool accept(const csv::Record& record) const {
    return std::any_of(record.fields.begin(), record.fields.end(),
                       [](const std::string& field) { return !trim(field).empty(); });
  }

  std::string cell(const csv::Record& record, B2bField field) const {
    const auto column = file_.columns.of(field);
    if (!column || *column >= record.fields.size()) return {};
    return std::string(trim(record.fields[*column]));
  }

  void fail(const csv::Record& record, B2bField field, std::string reason) {
    const auto column = file_.columns.of(field);
    file_.errors.push_back(RowError{record.line, column ? table_.header[*column] : "", std::move(reason)});
  }

  // The participant a cell names; records the error and returns nothing when nobody.
  std::optional<std::int64_t> participant(const csv::Record& record, B2bField field,
                                          const ParticipantDirectory& people) {
    const std::string text = cell(record, field);
    if (text.empty()) {
      fail(record, field, "no participant given");
      return std::nullopt;
    }
    const auto id = people.find(text);
    if (!id) fail(record, field, "no participant " + in_quotes(text) + " (give an external id or an email)");
    return id;
  }

 private:
  const csv::Table& table_;
  B2bFileInfo& file_;
};

Result<csv::Table> read_table(std::string_view bytes, B2bKind kind, const B2bImportOptions& options,
                              B2bFileInfo& file) {
  PSL_ASSIGN_OR_RETURN(csv::Table table, csv::parse(bytes));
  file.encoding = table.encoding;
  file.delimiter = table.delimiter;
  file.warnings = table.warnings;
  PSL_ASSIGN_OR_RETURN(file.columns, resolve_b2b_columns(table.header, kind, options.preset, options.mapping));
  return table;
}

// A wall time written with its own UTC offset.
Result<std::int64_t> instant_with_offset(const std::string& day, int minute, int offset_minutes) {
  PSL_ASSIGN_OR_RETURN(const std::int64_t midnight, utc_midnight_ms(day));
  return midnight + (std::int64_t{minute} - offset_minutes) * 60'000;
}

std::string clock_of(const TimeZone& zone, std::int64_t ms) {
  return zone.local_time_of_day(ms);
}

}  // namespace

// ---- ParticipantDirectory

ParticipantDirectory::ParticipantDirectory(const std::vector<Participant>& people) {
  for (const auto& person : people) {
    by_id_.emplace(person.record.external_id, person.id);
    if (!person.record.email.empty()) by_email_.emplace(to_lower_ascii(person.record.email), person.id);
    names_.emplace(person.id, person.record.first_name + " " + person.record.last_name);
  }
}

std::optional<std::int64_t> ParticipantDirectory::find(std::string_view text) const {
  text = trim(text);
  if (const auto found = by_id_.find(text); found != by_id_.end()) return found->second;
  if (const auto found = by_email_.find(to_lower_ascii(std::string(text))); found != by_email_.end())
    return found->second;
  return std::nullopt;
}

std::string ParticipantDirectory::name(std::int64_t id) const {
  const auto found = names_.find(id);
  return found == names_.end() ? std::string() : found->second;
}

// ---- times

std::optional<int> parse_time_of_day_minutes(std::string_view text) {
  text = trim(text);
  std::optional<int> half;  // 0: AM, 12: PM
  for (const auto& [suffix, add] :
       {std::pair{"am", 0}, std::pair{"a.m.", 0}, std::pair{"pm", 12}, std::pair{"p.m.", 12}}) {
    const std::string_view word(suffix);
    if (text.size() > word.size() && equals_ignoring_ascii_case(text.substr(text.size() - word.size()), word)) {
      half = add;
      text = trim(text.substr(0, text.size() - word.size()));
      break;
    }
  }
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2) return std::nullopt;
  const std::string_view hours_text = text.substr(0, colon);
  std::string_view rest = text.substr(colon + 1);
  std::string_view seconds_text;
  if (const auto second_colon = rest.find(':'); second_colon != std::string_view::npos) {
    seconds_text = rest.substr(second_colon + 1);
    rest = rest.substr(0, second_colon);
  }
  if (!all_digits(hours_text) || rest.size() != 2 || !all_digits(rest)) return std::nullopt;
  if (!seconds_text.empty() && (seconds_text.size() != 2 || seconds_text != "00")) return std::nullopt;
  int hours = *parse_integer<int>(hours_text);
  const int minutes = *parse_integer<int>(rest);
  if (minutes > 59) return std::nullopt;
  if (half) {
    if (hours < 1 || hours > 12) return std::nullopt;
    hours = hours % 12 + *half;
  } else if (hours > 23) {
    return std::nullopt;
  }
  return hours * 60 + minutes;
}

std::string parse_date(std::string_view text, DateOrder order) {
  text = trim(text);
  int year = 0, month = 0, day = 0;
  const auto split = [&](char separator, std::string_view& first, std::string_view& second, std::string_view& third) {
    const auto one = text.find(separator);
    const auto two = one == std::string_view::npos ? one : text.find(separator, one + 1);
    if (two == std::string_view::npos || text.find(separator, two + 1) != std::string_view::npos) return false;
    first = text.substr(0, one);
    second = text.substr(one + 1, two - one - 1);
    third = text.substr(two + 1);
    return all_digits(first) && all_digits(second) && all_digits(third);
  };
  std::string_view first, second, third;
  if (split('-', first, second, third) && first.size() == 4) {
    year = *parse_integer<int>(first), month = *parse_integer<int>(second), day = *parse_integer<int>(third);
  } else if (split('.', first, second, third) && third.size() == 4) {
    day = *parse_integer<int>(first), month = *parse_integer<int>(second), year = *parse_integer<int>(third);
  } else if (split('/', first, second, third) && third.size() == 4 && order != DateOrder::unknown) {
    year = *parse_integer<int>(third);
    day = *parse_integer<int>(order == DateOrder::day_first ? first : second);
    month = *parse_integer<int>(order == DateOrder::day_first ? second : first);
  } else {
    return {};
  }
  if (first.size() > 4 || second.size() > 2) return {};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return is_iso_date(buffer) ? std::string(buffer) : std::string();
}

// ---- the three files

Result<RequestsPlan> plan_meeting_requests(std::string_view bytes, const ParticipantDirectory& people,
                                           const B2bImportOptions& options) {
  RequestsPlan plan;
  PSL_ASSIGN_OR_RETURN(const csv::Table table, read_table(bytes, B2bKind::requests, options, plan.file));
  RowReader reader(table, plan.file);
  std::map<std::pair<std::int64_t, std::int64_t>, std::size_t> line_of_pair;
  for (const auto& record : table.rows) {
    if (!reader.accept(record)) continue;
    const auto a = reader.participant(record, B2bField::a, people);
    if (!a) continue;
    const auto b = reader.participant(record, B2bField::b, people);
    if (!b) continue;
    if (*a == *b) {
      reader.fail(record, B2bField::b, "a participant cannot meet themselves");
      continue;
    }
    const auto pair = std::minmax(*a, *b);
    const auto [earlier, fresh] = line_of_pair.emplace(pair, record.line);
    if (!fresh) {
      reader.fail(record, B2bField::b,
                  "these two are already asked to meet on line " + std::to_string(earlier->second));
      continue;
    }
    const std::string wish = reader.cell(record, B2bField::window);
    const auto half_day = half_day_of(wish);
    if (!half_day) {
      reader.fail(record, B2bField::window, in_quotes(wish) + " is not any, morning or afternoon");
      continue;
    }
    plan.rows.push_back(RequestRow{record.line, pair.first, pair.second, *half_day});
  }
  return plan;
}

Result<UnavailablePlan> plan_unavailable(std::string_view bytes, const ParticipantDirectory& people,
                                         const B2bSession& session, const B2bImportOptions& options) {
  UnavailablePlan plan;
  PSL_ASSIGN_OR_RETURN(const csv::Table table, read_table(bytes, B2bKind::unavailable, options, plan.file));
  RowReader reader(table, plan.file);
  const auto& columns = plan.file.columns;
  std::set<std::pair<std::int64_t, std::int64_t>> held;
  for (const auto& record : table.rows) {
    if (!reader.accept(record)) continue;
    const auto id = reader.participant(record, B2bField::participant, people);
    if (!id) continue;
    const std::string slot_text = reader.cell(record, B2bField::slot);
    if (!slot_text.empty()) {
      const auto slot = parse_integer<int>(slot_text);
      if (!slot || *slot < 1 || *slot > session.slots()) {
        reader.fail(record, B2bField::slot,
                    in_quotes(slot_text) + " is not a slot from 1 to " + std::to_string(session.slots()));
        continue;
      }
      held.emplace(*id, *slot);
      continue;
    }
    if (!columns.of(B2bField::from) || !columns.of(B2bField::until)) {
      reader.fail(record, B2bField::slot, "no slot given");
      continue;
    }
    const std::string from_text = reader.cell(record, B2bField::from);
    const std::string until_text = reader.cell(record, B2bField::until);
    const auto from = parse_time_of_day_minutes(from_text);
    const auto until = parse_time_of_day_minutes(until_text);
    if (!from) {
      reader.fail(record, B2bField::from, in_quotes(from_text) + " is not a time written HH:MM");
      continue;
    }
    if (!until || *until <= *from) {
      reader.fail(record, B2bField::until, in_quotes(until_text) + " is not a time after " + in_quotes(from_text));
      continue;
    }
    for (int slot = 1; slot <= session.slots(); ++slot) {
      const int start = session.slot_start_minute(slot);
      if (start < *until && start + session.slot_minutes > *from) held.emplace(*id, slot);
    }
  }
  plan.rows.assign(held.begin(), held.end());
  return plan;
}

namespace {

// One schedule row's checks, in the order an organiser would fix them.
class ScheduleRows {
 public:
  ScheduleRows(const csv::Table& table, SchedulePlan& plan, const ParticipantDirectory& people,
               const ScheduleFrame& frame)
      : reader_(table, plan.file), plan_(plan), people_(people), frame_(frame) {}

  void read(const csv::Record& record) {
    if (!reader_.accept(record)) return;
    const auto a = reader_.participant(record, B2bField::a, people_);
    if (!a) return;
    const auto b = partner(record, *a);
    if (!b) return;
    if (*a == *b) return reader_.fail(record, B2bField::b, "a participant cannot meet themselves");
    const auto pair = std::minmax(*a, *b);
    if (const auto earlier = line_of_pair_.find(pair); earlier != line_of_pair_.end())
      return reader_.fail(record, B2bField::b, "these two already meet on line " + std::to_string(earlier->second));
    ScheduledRow row{record.line, pair.first, pair.second, 0, 0, {}};
    if (!read_times(record, row) || !read_location(record, row) || clashes(record, row)) return;
    line_of_pair_.emplace(pair, record.line);
    busy_[row.a].push_back(row);
    busy_[row.b].push_back(row);
    if (!row.location.empty()) place_taken_[row.location].push_back(row);
    plan_.rows.push_back(std::move(row));
  }

 private:
  // Zerista's "Confirmed" may list several people, the organizer among them: the partner is the
  // one left when the organizer is taken out, and a meeting of three is not one-to-one.
  std::optional<std::int64_t> partner(const csv::Record& record, std::int64_t a) {
    if (plan_.file.columns.preset != B2bPreset::zerista) return reader_.participant(record, B2bField::b, people_);
    std::vector<std::int64_t> others;
    for (const auto& name : split_list(reader_.cell(record, B2bField::b))) {
      const auto id = people_.find(name);
      if (!id) {
        reader_.fail(record, B2bField::b, "no participant " + in_quotes(name) + " (give an external id or an email)");
        return std::nullopt;
      }
      if (*id != a && std::find(others.begin(), others.end(), *id) == others.end()) others.push_back(*id);
    }
    if (others.size() != 1) {
      reader_.fail(record, B2bField::b,
                   others.empty()
                       ? std::string("no partner besides the organizer")
                       : std::to_string(others.size() + 1) + " participants: only one-to-one meetings are imported");
      return std::nullopt;
    }
    return others.front();
  }

  std::optional<std::int64_t> instant(const csv::Record& record, B2bField field, const std::string& text,
                                      const std::string& default_day, std::string& day_out) {
    const auto written = parse_written_time(text, plan_.file.columns.date_order);
    if (!written) {
      std::string why = in_quotes(text) + " is not a time (HH:MM) or a date and time (YYYY-MM-DD HH:MM)";
      if (text.find('/') != std::string::npos && plan_.file.columns.date_order == DateOrder::unknown)
        why += "; dates with slashes need date_order in a mapping file (docs/import.md)";
      reader_.fail(record, field, why);
      return std::nullopt;
    }
    day_out = written->date.empty() ? default_day : written->date;
    if (day_out.empty()) {
      reader_.fail(record, field, "no date: the event has several days; add a date column or write the date");
      return std::nullopt;
    }
    auto local = written->offset_minutes ? instant_with_offset(day_out, written->minute, *written->offset_minutes)
                                         : frame_.zone->local_instant(day_out, written->minute);
    if (!local) {
      reader_.fail(record, field, local.error().message);
      return std::nullopt;
    }
    return *local;
  }

  bool read_times(const csv::Record& record, ScheduledRow& row) {
    const B2bSession* session = frame_.session;
    std::string default_day = session ? session->day : frame_.event_days.size() == 1 ? frame_.event_days[0] : "";
    const std::string date_text = reader_.cell(record, B2bField::date);
    if (!date_text.empty()) {
      default_day = parse_date(date_text, plan_.file.columns.date_order);
      if (default_day.empty()) {
        std::string why = in_quotes(date_text) + " is not a date (YYYY-MM-DD or DD.MM.YYYY)";
        if (date_text.find('/') != std::string::npos && plan_.file.columns.date_order == DateOrder::unknown)
          why += "; dates with slashes need date_order in a mapping file (docs/import.md)";
        reader_.fail(record, B2bField::date, why);
        return false;
      }
    }
    const std::string start_text = reader_.cell(record, B2bField::start);
    if (start_text.empty()) return reader_.fail(record, B2bField::start, "no start time"), false;
    std::string day;
    const auto start = instant(record, B2bField::start, start_text, default_day, day);
    if (!start) return false;
    const std::string end_date = reader_.cell(record, B2bField::end_date);
    if (!end_date.empty() && parse_date(end_date, plan_.file.columns.date_order) != day)
      return reader_.fail(record, B2bField::end_date, "a meeting ends on the day it starts (" + day + ")"), false;
    const std::string end_text = reader_.cell(record, B2bField::end);
    std::optional<std::int64_t> end;
    if (!end_text.empty()) {
      std::string end_day;
      end = instant(record, B2bField::end, end_text, day, end_day);
      if (!end) return false;
      if (*end <= *start)
        return reader_.fail(record, B2bField::end, in_quotes(end_text) + " is not after the start"), false;
    }
    row.start_ms = *start;
    if (!session) {
      if (std::find(frame_.event_days.begin(), frame_.event_days.end(), day) == frame_.event_days.end())
        return reader_.fail(record, B2bField::start, day + " is not a day of the event"), false;
      if (!end) return reader_.fail(record, B2bField::end, "no end time"), false;
      row.end_ms = *end;
      return true;
    }
    if (day != session->day)
      return reader_.fail(record, B2bField::start, "the B2B session is on " + session->day + ", not " + day), false;
    for (int slot = 1; slot <= session->slots(); ++slot) {
      auto slot_start = frame_.zone->local_instant(session->day, session->slot_start_minute(slot));
      if (!slot_start || *slot_start != *start) continue;
      const std::int64_t slot_end = *slot_start + std::int64_t{session->slot_minutes} * 60'000;
      if (end && *end > slot_end)
        return reader_.fail(
                   record, B2bField::end,
                   in_quotes(end_text) + " is after the slot's end (" + clock_of(*frame_.zone, slot_end) + ")"),
               false;
      row.end_ms = end ? *end : slot_end;
      return true;
    }
    return reader_.fail(record, B2bField::start,
                        clock_of(*frame_.zone, *start) + " is not the start of a slot of the B2B session (" +
                            clock_text(session->slot_start_minute(1)) + ", " +
                            clock_text(session->slot_start_minute(std::min(2, session->slots()))) + " ... " +
                            clock_text(session->slot_start_minute(session->slots())) + ")"),
           false;
  }

  bool read_location(const csv::Record& record, ScheduledRow& row) {
    const std::string text = reader_.cell(record, B2bField::location);
    if (text.size() > 200) return reader_.fail(record, B2bField::location, "longer than 200 bytes"), false;
    for (const char c : text)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
        return reader_.fail(record, B2bField::location, "holds a control character"), false;
    const B2bSession* session = frame_.session;
    if (!session) {
      row.location = text;
      return true;
    }
    // The last number in the text: "12", "T12", "Table 12", "Hall Maas, table 12".
    const auto last_digit = text.find_last_of("0123456789");
    if (last_digit == std::string::npos)
      return reader_.fail(record, B2bField::location,
                          (text.empty() ? std::string("no table given") : in_quotes(text) + " names no table") +
                              " (the B2B session's tables are 1 to " + std::to_string(session->tables) + ")"),
             false;
    std::size_t first_digit = last_digit;
    while (first_digit > 0 && text[first_digit - 1] >= '0' && text[first_digit - 1] <= '9') --first_digit;
    const auto table =
        last_digit - first_digit < 6
            ? parse_integer<int>(std::string_view(text).substr(first_digit, last_digit - first_digit + 1))
            : std::nullopt;
    if (!table || *table < 1 || *table > session->tables)
      return reader_.fail(
                 record, B2bField::location,
                 in_quotes(text) + " is not a table of the B2B session (1 to " + std::to_string(session->tables) + ")"),
             false;
    row.location = session->table_label(*table);
    return true;
  }

  // Someone already in a meeting then, or the place already taken: named on this, the later line.
  bool clashes(const csv::Record& record, const ScheduledRow& row) {
    const auto overlap = [&](const ScheduledRow& other) {
      return other.start_ms < row.end_ms && row.start_ms < other.end_ms;
    };
    for (const std::int64_t person : {row.a, row.b})
      for (const auto& other : busy_[person])
        if (overlap(other)) {
          const std::int64_t partner = other.a == person ? other.b : other.a;
          reader_.fail(record, person == row.a ? B2bField::a : B2bField::b,
                       people_.name(person) + " already meets " + people_.name(partner) + " at " +
                           clock_of(*frame_.zone, other.start_ms) + " (line " + std::to_string(other.line) + ")");
          return true;
        }
    if (row.location.empty()) return false;
    for (const auto& other : place_taken_[row.location])
      if (overlap(other)) {
        reader_.fail(record, B2bField::location,
                     in_quotes(row.location) + " already holds a meeting at " + clock_of(*frame_.zone, other.start_ms) +
                         " (line " + std::to_string(other.line) + ")");
        return true;
      }
    return false;
  }

  RowReader reader_;
  SchedulePlan& plan_;
  const ParticipantDirectory& people_;
  const ScheduleFrame& frame_;
  std::map<std::pair<std::int64_t, std::int64_t>, std::size_t> line_of_pair_;
  std::map<std::int64_t, std::vector<ScheduledRow>> busy_;
  std::map<std::string, std::vector<ScheduledRow>> place_taken_;
};

}  // namespace

Result<SchedulePlan> plan_schedule(std::string_view bytes, const ParticipantDirectory& people,
                                   const ScheduleFrame& frame, const B2bImportOptions& options) {
  SchedulePlan plan;
  PSL_ASSIGN_OR_RETURN(const csv::Table table, read_table(bytes, B2bKind::schedule, options, plan.file));
  if (!frame.session && !plan.file.columns.of(B2bField::end))
    return make_error(Errc::invalid_input,
                      "line 1: the header needs the meetings' end: the event has no [b2b] session to give their "
                      "length");
  ScheduleRows rows(table, plan, people, frame);
  for (const auto& record : table.rows) rows.read(record);
  return plan;
}

}  // namespace passerelle::import
