#include "core/b2b/instance_csv.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "core/csv/csv.h"
#include "core/util/strings.h"

namespace passerelle::b2b {
namespace {

Error bad_instance(std::string message) {
  return make_error(Errc::invalid_input, std::move(message));
}

std::optional<long long> to_integer(std::string_view text) {
  return parse_integer<long long>(trim(text));
}

// params.json is a flat object of names to whole numbers. Read by hand: nothing nests, so
// nothing recurses, whatever the file holds.
Result<std::map<std::string, long long>> parse_params(std::string_view text) {
  std::map<std::string, long long> values;
  std::size_t at = 0;
  const auto skip_space = [&] {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
  };
  const auto fail = [&](std::string_view what) {
    return bad_instance("params.json, character " + std::to_string(at + 1) + ": " + std::string(what));
  };
  skip_space();
  if (at >= text.size() || text[at] != '{') return fail("expected '{' (a flat object of numbers)");
  ++at;
  skip_space();
  if (at < text.size() && text[at] == '}') return fail("the object is empty");
  for (;;) {
    skip_space();
    if (at >= text.size() || text[at] != '"') return fail("expected a quoted name");
    const std::size_t name_end = text.find('"', at + 1);
    if (name_end == std::string_view::npos) return fail("a name is not closed");
    std::string name(text.substr(at + 1, name_end - at - 1));
    if (name.find('\\') != std::string::npos) return fail("names hold no escapes");
    at = name_end + 1;
    skip_space();
    if (at >= text.size() || text[at] != ':') return fail("expected ':' after \"" + name + "\"");
    ++at;
    skip_space();
    const std::size_t number_start = at;
    while (at < text.size() && (std::isdigit(static_cast<unsigned char>(text[at])) || text[at] == '-')) ++at;
    const auto number = to_integer(text.substr(number_start, at - number_start));
    if (!number) return fail("\"" + name + "\" is not a whole number");
    if (!values.emplace(name, *number).second) return fail("\"" + name + "\" is given twice");
    skip_space();
    if (at < text.size() && text[at] == ',') {
      ++at;
      continue;
    }
    if (at < text.size() && text[at] == '}') break;
    return fail("expected ',' or '}'");
  }
  ++at;
  skip_space();
  if (at != text.size()) return fail("text after the object");
  return values;
}

Result<int> param(const std::map<std::string, long long>& values, const std::string& name, int low, int high) {
  const auto found = values.find(name);
  if (found == values.end()) return bad_instance("params.json: \"" + name + "\" is missing");
  if (found->second < low || found->second > high)
    return bad_instance("params.json: \"" + name + "\" is " + std::to_string(found->second) + ", not " +
                        std::to_string(low) + " to " + std::to_string(high));
  return static_cast<int>(found->second);
}

// A table's columns by name; every required one present.
struct Columns {
  std::map<std::string, std::size_t> index;

  std::optional<std::size_t> find(const std::string& name) const {
    const auto found = index.find(name);
    return found == index.end() ? std::nullopt : std::optional<std::size_t>(found->second);
  }
};

Result<Columns> columns(const csv::Table& table, std::string_view file, std::initializer_list<const char*> required) {
  Columns columns;
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    std::string name = table.header[i];
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    columns.index.emplace(name, i);
  }
  for (const char* name : required)
    if (!columns.find(name)) return bad_instance(std::string(file) + " line 1: the column \"" + name + "\" is missing");
  return columns;
}

// csv::parse names the line; the organiser also needs the file. A file without its header is
// named as such, before its first data row is misread as one.
Result<csv::Table> parse_csv(std::string_view text, std::string_view file,
                             std::initializer_list<const char*> required) {
  const auto first_line = text.substr(0, text.find('\n'));
  if (auto header = csv::parse(first_line); header) {
    PSL_TRY(columns(*header, file, required));
  }
  auto table = csv::parse(text);
  if (!table) return bad_instance(std::string(file) + " " + table.error().message);
  return table;
}

std::string_view field(const csv::Record& row, std::optional<std::size_t> column) {
  if (!column || *column >= row.fields.size()) return {};
  return row.fields[*column];
}

Result<int> number_field(const csv::Record& row, const Columns& columns, std::string_view file, const char* name,
                         int low, int high) {
  const auto text = field(row, columns.find(name));
  const auto value = to_integer(text);
  const auto where = std::string(file) + " line " + std::to_string(row.line) + ", column " + name + ": ";
  if (!value) return bad_instance(where + "\"" + std::string(text) + "\" is not a whole number");
  if (*value < low || *value > high)
    return bad_instance(where + std::to_string(*value) + " is not " + std::to_string(low) + " to " +
                        std::to_string(high));
  return static_cast<int>(*value);
}

Status read_requests(std::string_view text, Problem& problem) {
  PSL_ASSIGN_OR_RETURN(const auto table, parse_csv(text, "requests.csv", {"meeting", "a", "b"}));
  PSL_ASSIGN_OR_RETURN(const auto cols, columns(table, "requests.csv", {"meeting", "a", "b"}));
  if (table.rows.size() > static_cast<std::size_t>(kMaxMeetings))
    return bad_instance("requests.csv: more than " + std::to_string(kMaxMeetings) + " meetings");
  std::map<int, std::size_t> first_line;
  for (const auto& row : table.rows) {
    MeetingRequest meeting;
    PSL_ASSIGN_OR_RETURN(meeting.id, number_field(row, cols, "requests.csv", "meeting", 1, 1'000'000'000));
    if (const auto [seen, fresh] = first_line.emplace(meeting.id, row.line); !fresh)
      return bad_instance("requests.csv line " + std::to_string(row.line) + ", column meeting: meeting " +
                          std::to_string(meeting.id) + " is listed twice (first on line " +
                          std::to_string(seen->second) + ")");
    PSL_ASSIGN_OR_RETURN(meeting.a, number_field(row, cols, "requests.csv", "a", 1, problem.participants));
    PSL_ASSIGN_OR_RETURN(meeting.b, number_field(row, cols, "requests.csv", "b", 1, problem.participants));
    const auto where = "requests.csv line " + std::to_string(row.line);
    if (meeting.a == meeting.b) return bad_instance(where + ", column b: a participant cannot meet themselves");
    std::string window(field(row, cols.find("window")));
    std::transform(window.begin(), window.end(), window.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (window.empty() || window == "any") {
      meeting.window = Window::any;
    } else if (window == "morning") {
      meeting.window = Window::morning;
    } else if (window == "afternoon") {
      meeting.window = Window::afternoon;
    } else {
      return bad_instance(where + ", column window: \"" + window + "\" is not any, morning or afternoon");
    }
    if (!field(row, cols.find("fixed_slot")).empty()) {
      PSL_ASSIGN_OR_RETURN(const int slot, number_field(row, cols, "requests.csv", "fixed_slot", 1, problem.slots));
      meeting.pinned_slot = slot;
    }
    problem.meetings.push_back(meeting);
  }
  return {};
}

Status read_unavailable(std::string_view text, Problem& problem) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};  // none
  PSL_ASSIGN_OR_RETURN(const auto table, parse_csv(text, "unavailable.csv", {"participant", "slot"}));
  PSL_ASSIGN_OR_RETURN(const auto cols, columns(table, "unavailable.csv", {"participant", "slot"}));
  if (table.rows.size() > static_cast<std::size_t>(problem.participants) * static_cast<std::size_t>(problem.slots))
    return bad_instance("unavailable.csv: more rows than participants times slots");
  for (const auto& row : table.rows) {
    PSL_ASSIGN_OR_RETURN(const int participant,
                         number_field(row, cols, "unavailable.csv", "participant", 1, problem.participants));
    PSL_ASSIGN_OR_RETURN(const int slot, number_field(row, cols, "unavailable.csv", "slot", 1, problem.slots));
    problem.unavailable.emplace_back(participant, slot);
  }
  return {};
}

}  // namespace

Result<Problem> parse_instance(std::string_view params_json, std::string_view requests_csv,
                               std::string_view unavailable_csv) {
  PSL_ASSIGN_OR_RETURN(const auto params, parse_params(params_json));
  Problem problem;
  PSL_ASSIGN_OR_RETURN(problem.participants, param(params, "participants", 0, kMaxParticipants));
  PSL_ASSIGN_OR_RETURN(problem.slots, param(params, "slots", 1, kMaxSlots));
  PSL_ASSIGN_OR_RETURN(problem.tables, param(params, "tables", 1, kMaxTables));
  PSL_ASSIGN_OR_RETURN(problem.morning_slots, param(params, "morning_slots", 0, problem.slots));
  PSL_TRY(read_requests(requests_csv, problem));
  if (const auto stated = params.find("meetings");
      stated != params.end() && stated->second != static_cast<long long>(problem.meetings.size()))
    return bad_instance("params.json says " + std::to_string(stated->second) + " meetings; requests.csv holds " +
                        std::to_string(problem.meetings.size()));
  PSL_TRY(read_unavailable(unavailable_csv, problem));
  PSL_TRY(check_problem(problem));
  return problem;
}

std::string schedule_csv(const Problem& problem, const Schedule& schedule) {
  std::string out = "meeting,slot,table\n";
  for (std::size_t i = 0; i < problem.meetings.size() && i < schedule.placements.size(); ++i) {
    const auto& place = schedule.placements[i];
    if (!place) continue;
    out += std::to_string(problem.meetings[i].id) + "," + std::to_string(place->slot) + "," +
           std::to_string(place->table) + "\n";
  }
  return out;
}

}  // namespace passerelle::b2b
