// Column mapping and cell validation for participant import.
//
// Conventions a reader of participant_mapping.h may not guess:
// - A field fed by several columns: tags and ticket codes merge all of them; any other field
//   takes, row by row, the first of its columns that is not empty (pretix: attendee email,
//   else the order's email). Automatic matching never does this for the external id: a second
//   id-like column is ignored with a warning, because re-imports match on that id.
// - pretix external id = "<Order code>-<Position ID>": a position id is only unique inside
//   its order and an order may hold several tickets; the pair is stable across re-exports.
#include "core/import/participant_mapping.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <fstream>
#include <set>
#include <sstream>

#include "core/import/column_synonyms.h"
#include "core/import/country_codes.h"
#include "core/import/mapping_toml.h"
#include "core/util/strings.h"

namespace passerelle::import {
namespace {

constexpr std::size_t kFieldCount = 15;

constexpr std::array<std::pair<Field, std::string_view>, kFieldCount> kFieldNames{{
    {Field::external_id, "external_id"},
    {Field::ticket_code, "ticket_code"},
    {Field::first_name, "first_name"},
    {Field::last_name, "last_name"},
    {Field::full_name, "full_name"},
    {Field::email, "email"},
    {Field::organisation, "organisation"},
    {Field::country, "country"},
    {Field::region, "region"},
    {Field::sector, "sector"},
    {Field::org_type, "org_type"},
    {Field::language, "language"},
    {Field::role, "role"},
    {Field::tags, "tags"},
    {Field::status, "status"},
}};

std::size_t index_of(Field field) {
  return static_cast<std::size_t>(field);
}

bool is_multi_valued(Field field) {
  return field == Field::tags || field == Field::ticket_code;
}

std::string in_quotes_list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += in_quotes(item);
  }
  return out;
}

// ---- Mapping file ------------------------------------------------------------------------

std::optional<Field> field_from_mapping_key(std::string_view key) {
  for (const auto& [field, name] : kFieldNames)
    if (name == key) return field;
  // The names of our own CSV header are accepted too.
  if (key == "ticket_codes") return Field::ticket_code;
  if (key == "organisation_type") return Field::org_type;
  return std::nullopt;
}

std::string accepted_mapping_keys() {
  std::string out;
  for (const auto& [field, name] : kFieldNames) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

Error mapping_error(std::string_view source, const toml::source_region& region, const std::string& message) {
  return make_error(Errc::invalid_input, std::string(source) + ":" + std::to_string(region.begin.line) + ":" +
                                             std::to_string(region.begin.column) + ": " + message);
}

Result<std::vector<std::string>> mapping_columns(std::string_view source, const toml::key& key,
                                                 const toml::node& node) {
  const std::string field_name(key.str());
  const std::string problem = "[columns] " + field_name + " must be a column name or a list of column names, e.g. " +
                              field_name + " = \"Reg No\"";
  std::vector<std::string> names;
  if (const auto* text = node.as_string()) {
    names.push_back(text->get());
  } else if (const auto* list = node.as_array()) {
    for (const toml::node& item : *list) {
      const auto* item_text = item.as_string();
      if (!item_text) return mapping_error(source, item.source(), problem);
      names.push_back(item_text->get());
    }
  } else {
    return mapping_error(source, node.source(), problem);
  }
  if (names.empty()) return mapping_error(source, node.source(), problem);
  for (const std::string& column : names)
    if (trim(column).empty())
      return mapping_error(source, node.source(), "[columns] " + field_name + ": empty column name");
  return names;
}

// ---- Column resolution -------------------------------------------------------------------

struct Resolved {
  Preset preset = Preset::automatic;
  std::array<std::vector<std::size_t>, kFieldCount> columns;
  bool composite_external_id = false;  // pretix
  std::size_t order_code_column = 0;
  std::size_t position_column = 0;
  std::vector<std::string> warnings;

  std::vector<std::size_t>& of(Field field) { return columns[index_of(field)]; }
  const std::vector<std::size_t>& of(Field field) const { return columns[index_of(field)]; }
};

std::string columns_found(const std::vector<std::string>& header) {
  return header.empty() ? std::string("none") : in_quotes_list(header);
}

Status apply_mapping_spec(const std::vector<std::string>& header, const MappingSpec& spec, Resolved& resolved,
                          std::set<Field>& fixed) {
  for (const auto& [field, names] : spec.columns) {
    for (const std::string& name : names) {
      std::vector<std::size_t> found;
      for (std::size_t i = 0; i < header.size(); ++i)
        if (trim(header[i]) == trim(name)) found.push_back(i);
      if (found.empty())
        for (std::size_t i = 0; i < header.size(); ++i)
          if (fold_key(header[i]) == fold_key(name)) found.push_back(i);
      if (found.empty())
        return make_error(Errc::invalid_input,
                          (spec.source.empty() ? std::string("mapping file") : spec.source) + ": [columns] " +
                              std::string(to_string(field)) + " names column " + in_quotes(name) +
                              ", which is not in the file (columns found: " + columns_found(header) + ")");
      for (std::size_t column : found)
        if (std::find(resolved.of(field).begin(), resolved.of(field).end(), column) == resolved.of(field).end())
          resolved.of(field).push_back(column);
    }
    fixed.insert(field);
  }
  return {};
}

Status apply_preset(const std::vector<std::string>& header, Resolved& resolved, std::set<Field>& fixed,
                    std::vector<bool>& used) {
  if (resolved.preset == Preset::pretix) {
    if (!fixed.contains(Field::external_id)) {
      const auto order_code = columns_named(header, "Order code");
      const auto position = columns_named(header, "Position ID");
      if (order_code.empty() || position.empty())
        return make_error(Errc::invalid_input,
                          "the file does not look like a pretix order-position export: it needs "
                          "'Order code' and 'Position ID' columns (columns found: " +
                              columns_found(header) + ")");
      resolved.composite_external_id = true;
      resolved.order_code_column = order_code.front();
      resolved.position_column = position.front();
      used[order_code.front()] = used[position.front()] = true;
      fixed.insert(Field::external_id);
    }
  } else if (resolved.preset == Preset::eventbrite) {
    if (!fixed.contains(Field::external_id) && !has_column(header, "Attendee #"))
      return make_error(Errc::invalid_input,
                        "the file does not look like an Eventbrite attendee report: it has no "
                        "'Attendee #' column (columns found: " +
                            columns_found(header) + ")");
  }
  std::set<Field> pinned;
  for (const PresetColumns& pin : preset_columns(resolved.preset)) {
    if (fixed.contains(pin.field)) continue;
    for (std::string_view name : pin.headers)
      for (std::size_t column : columns_named(header, name))
        if (!used[column]) {
          resolved.of(pin.field).push_back(column);
          used[column] = true;
          pinned.insert(pin.field);
        }
  }
  fixed.insert(pinned.begin(), pinned.end());
  return {};
}

void match_automatically(const std::vector<std::string>& header, Resolved& resolved, const std::set<Field>& fixed,
                         std::vector<bool>& used) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (used[i]) continue;
    const std::optional<Field> field = field_for_header(header[i]);
    if (!field || fixed.contains(*field)) continue;
    auto& columns = resolved.of(*field);
    if (*field == Field::external_id && !columns.empty()) {
      resolved.warnings.push_back("column " + in_quotes(header[i]) +
                                  " also looks like an external id; ignored in favour of " +
                                  in_quotes(header[columns.front()]));
      continue;
    }
    columns.push_back(i);
    used[i] = true;
  }
}

Status check_names(const std::vector<std::string>& header, Resolved& resolved) {
  auto& first = resolved.of(Field::first_name);
  auto& last = resolved.of(Field::last_name);
  auto& full = resolved.of(Field::full_name);
  if (!first.empty() && !last.empty()) {
    full.clear();  // first and last name win; a full-name column is then ignored
    return {};
  }
  if (first.empty() && last.empty() && !full.empty()) return {};
  if (!first.empty() && last.empty() && !full.empty()) {
    // German forms often say "Vorname" + "Name", where "Name" is the family name.
    resolved.warnings.push_back("column " + in_quotes(header[full.front()]) + " is read as the last name, since " +
                                in_quotes(header[first.front()]) + " holds the first name");
    last = std::move(full);
    full.clear();
    return {};
  }
  return make_error(Errc::invalid_input,
                    "no columns for the participants' names: the file needs 'First name' and "
                    "'Last name' columns (or one 'Name' column with the full name), or a "
                    "mapping file naming them (columns found: " +
                        columns_found(header) + ")");
}

Result<Resolved> resolve_columns(const std::vector<std::string>& header, const PlanOptions& options) {
  Resolved resolved;
  std::set<Field> fixed;
  std::vector<bool> used(header.size(), false);
  const bool exclusive = options.mapping && options.mapping->exclusive;
  if (options.mapping) PSL_TRY(apply_mapping_spec(header, *options.mapping, resolved, fixed));
  for (const auto& columns : resolved.columns)
    for (std::size_t column : columns) used[column] = true;
  if (!exclusive) {
    resolved.preset = options.preset == Preset::automatic ? detect_preset(header) : options.preset;
    PSL_TRY(apply_preset(header, resolved, fixed, used));
    match_automatically(header, resolved, fixed, used);
  }
  if (resolved.of(Field::external_id).empty() && !resolved.composite_external_id)
    return make_error(Errc::invalid_input,
                      "no column holds the external id (each participant's id in the "
                      "registration system, used to match later re-imports): add a column "
                      "named 'external_id' (or 'ID', 'Registration ID', 'Attendee ID'), or "
                      "name the column in a mapping file, see docs/import.md (columns found: " +
                          columns_found(header) + ")");
  PSL_TRY(check_names(header, resolved));
  // Several columns chosen by a preset or a mapping file are deliberate; found by synonyms,
  // they may be a surprise worth a warning.
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const Field field = static_cast<Field>(f);
    const auto& columns = resolved.columns[f];
    if (columns.size() < 2 || is_multi_valued(field) || fixed.contains(field)) continue;
    std::vector<std::string> names;
    for (std::size_t column : columns) names.push_back(header[column]);
    resolved.warnings.push_back("columns " + in_quotes_list(names) + " all hold " + std::string(to_string(field)) +
                                "; each row uses the first of them that is not empty");
  }
  return resolved;
}

// ---- Rows --------------------------------------------------------------------------------

struct Cell {
  std::string_view value;
  std::size_t column = 0;
};

class RowMapper {
 public:
  RowMapper(const csv::Table& table, const Resolved& resolved, const PlanOptions& options, ImportPlan& plan)
      : header_(table.header), resolved_(resolved), plan_(plan) {
    if (options.mapping)
      for (const auto& [source, target] : options.mapping->status_values)
        if (const auto status = parse_participant_status(target)) {
          mapped_status_exact_.emplace(std::string(trim(source)), *status);
          mapped_status_folded_.emplace(fold_key(source), *status);
        }
  }

  void map(const csv::Record& record) {
    if (std::all_of(record.fields.begin(), record.fields.end(),
                    [](const std::string& field) { return trim(field).empty(); })) {
      ++skipped_empty_rows_;
      return;
    }
    ParticipantRecord participant;
    if (std::optional<RowError> error = map_into(record, participant)) {
      plan_.errors.push_back(std::move(*error));
      return;
    }
    plan_.rows.push_back(MappedRow{record.line, std::move(participant)});
  }

  std::size_t skipped_empty_rows() const { return skipped_empty_rows_; }

 private:
  RowError error(std::size_t line, std::optional<std::size_t> column, std::string reason) const {
    return RowError{line, column ? header_[*column] : std::string(), std::move(reason)};
  }

  static std::string_view cell_at(const csv::Record& record, std::size_t column) {
    return column < record.fields.size() ? trim(record.fields[column]) : std::string_view();
  }

  Cell first_value(const csv::Record& record, Field field) const {
    const auto& columns = resolved_.of(field);
    for (std::size_t column : columns)
      if (std::string_view value = cell_at(record, column); !value.empty()) return {value, column};
    return {{}, columns.empty() ? 0 : columns.front()};
  }

  std::optional<RowError> read_external_id(const csv::Record& record, std::string& id) {
    const std::size_t line = record.line;
    std::size_t column = 0;
    if (resolved_.composite_external_id) {
      const std::string_view order = cell_at(record, resolved_.order_code_column);
      const std::string_view position = cell_at(record, resolved_.position_column);
      if (order.empty() || position.empty()) {
        column = order.empty() ? resolved_.order_code_column : resolved_.position_column;
        return error(line, column,
                     "this row has no " + header_[column] + ", which is part of the participant's external id");
      }
      id = std::string(order) + "-" + std::string(position);
      column = resolved_.order_code_column;
    } else {
      const Cell cell = first_value(record, Field::external_id);
      column = cell.column;
      if (cell.value.empty()) return error(line, column, "the external id is empty; every participant needs one");
      id = std::string(cell.value);
    }
    const auto [it, inserted] = seen_ids_.emplace(id, line);
    if (!inserted)
      return error(line, column,
                   "external id " + in_quotes(id) + " is already used on line " + std::to_string(it->second));
    return std::nullopt;
  }

  std::optional<RowError> read_ticket_codes(const csv::Record& record, std::vector<std::string>& codes) {
    for (std::size_t column : resolved_.of(Field::ticket_code))
      for (std::string& code : split_list(cell_at(record, column))) {
        if (std::find(codes.begin(), codes.end(), code) != codes.end()) continue;
        const auto [it, inserted] = seen_codes_.emplace(code, record.line);
        if (!inserted)
          return error(record.line, column,
                       "ticket code " + in_quotes(code) + " is already used on line " + std::to_string(it->second));
        codes.push_back(std::move(code));
      }
    return std::nullopt;
  }

  std::optional<RowError> read_name(const csv::Record& record, ParticipantRecord& out) const {
    std::size_t column = 0;
    if (!resolved_.of(Field::full_name).empty()) {
      const Cell full = first_value(record, Field::full_name);
      column = full.column;
      const std::size_t space = full.value.rfind(' ');
      if (space == std::string_view::npos) {
        out.first_name = std::string(full.value);  // a single word is taken as the first name
      } else {
        out.first_name = std::string(trim(full.value.substr(0, space)));
        out.last_name = std::string(trim(full.value.substr(space + 1)));
      }
    } else {
      const Cell first = first_value(record, Field::first_name);
      column = first.column;
      out.first_name = std::string(first.value);
      out.last_name = std::string(first_value(record, Field::last_name).value);
    }
    if (out.first_name.empty() && out.last_name.empty())
      return error(record.line, column, "the participant's name is empty");
    return std::nullopt;
  }

  std::optional<ParticipantStatus> status_for(std::string_view value) const {
    if (const auto it = mapped_status_exact_.find(std::string(value)); it != mapped_status_exact_.end())
      return it->second;
    const std::string folded = fold_key(value);
    if (const auto it = mapped_status_folded_.find(folded); it != mapped_status_folded_.end()) return it->second;
    if (const auto status = preset_status(resolved_.preset, value)) return status;
    return status_from_word(value);
  }

  std::optional<RowError> read_coded_fields(const csv::Record& record, ParticipantRecord& out) {
    const std::size_t line = record.line;
    if (const Cell email = first_value(record, Field::email); !email.value.empty()) {
      if (!plausible_email(email.value))
        return error(line, email.column,
                     "invalid email " + in_quotes(email.value) + " (expected something like name@example.org)");
      out.email = std::string(email.value);
    }
    if (const Cell country = first_value(record, Field::country); !country.value.empty()) {
      const std::optional<std::string> code = country_code_for(country.value);
      if (!code)
        return error(
            line, country.column,
            "unknown country " + in_quotes(country.value) + "; use a two-letter code such as BE or the country's name");
      out.country = *code;
    }
    if (const Cell type = first_value(record, Field::org_type); !type.value.empty()) {
      const std::optional<OrgType> org_type = org_type_from_word(type.value);
      if (!org_type)
        return error(line, type.column,
                     "unknown organisation type " + in_quotes(type.value) +
                         "; accepted: SME, large company, university, research centre, support "
                         "organisation (or leave it empty)");
      out.org_type = *org_type;
    }
    if (const Cell language = first_value(record, Field::language); !language.value.empty()) {
      if (const std::optional<Language> parsed = language_from_word(language.value)) {
        out.language = *parsed;
      } else if (warned_languages_.insert(std::string(language.value)).second) {
        plan_.warnings.push_back("language " + in_quotes(language.value) + " (first on line " + std::to_string(line) +
                                 ") is not English, French, German or Dutch; these participants "
                                 "will be greeted in English");
      }
    }
    if (const Cell status = first_value(record, Field::status); !status.value.empty()) {
      const std::optional<ParticipantStatus> parsed = status_for(status.value);
      if (!parsed)
        return error(line, status.column,
                     "unknown status " + in_quotes(status.value) +
                         "; accepted: registered, cancelled, blocked (a mapping file can "
                         "translate other words in its [status] table)");
      out.status = *parsed;
    }
    for (std::size_t column : resolved_.of(Field::tags))
      for (const std::string& token : split_list(cell_at(record, column))) {
        std::optional<std::string> tag = tag_slug(token);
        if (!tag)
          return error(line, column,
                       "tag " + in_quotes(token) +
                           " may only contain letters a-z, digits, '-' and '_' (separate tags "
                           "with ';', ',', '|' or spaces)");
        if (std::find(out.tags.begin(), out.tags.end(), *tag) == out.tags.end()) out.tags.push_back(std::move(*tag));
      }
    return std::nullopt;
  }

  std::optional<RowError> map_into(const csv::Record& record, ParticipantRecord& out) {
    for (std::size_t i = header_.size(); i < record.fields.size(); ++i)
      if (!trim(record.fields[i]).empty())
        return error(record.line, std::nullopt,
                     "this row has " + std::to_string(record.fields.size()) + " values but the header has " +
                         std::to_string(header_.size()) + " columns; check the separators and quotes on this line");
    if (auto problem = read_external_id(record, out.external_id)) return problem;
    if (auto problem = read_ticket_codes(record, out.ticket_codes)) return problem;
    if (auto problem = read_name(record, out)) return problem;
    if (auto problem = read_coded_fields(record, out)) return problem;
    out.organisation = std::string(first_value(record, Field::organisation).value);
    out.region = std::string(first_value(record, Field::region).value);
    out.sector = std::string(first_value(record, Field::sector).value);
    out.role = std::string(first_value(record, Field::role).value);
    return std::nullopt;
  }

  const std::vector<std::string>& header_;
  const Resolved& resolved_;
  ImportPlan& plan_;
  std::map<std::string, ParticipantStatus> mapped_status_exact_;
  std::map<std::string, ParticipantStatus> mapped_status_folded_;
  std::map<std::string, std::size_t> seen_ids_;
  std::map<std::string, std::size_t> seen_codes_;
  std::set<std::string> warned_languages_;
  std::size_t skipped_empty_rows_ = 0;
};

// The rows of a plan worth a look (RowWarning), by first line.
std::vector<RowWarning> row_warnings_of(const std::vector<MappedRow>& rows) {
  std::vector<RowWarning> warnings;
  std::map<std::string, RowWarning> by_email;  // by the address without case
  for (const MappedRow& row : rows) {
    if (row.record.last_name.empty()) warnings.push_back({RowWarningKind::no_last_name, {row.line}, ""});
    if (row.record.email.empty()) continue;
    RowWarning& shared = by_email[to_lower_ascii(row.record.email)];
    if (shared.lines.empty()) shared = {RowWarningKind::shared_email, {}, row.record.email};
    shared.lines.push_back(row.line);
  }
  for (auto& [email, shared] : by_email)
    if (shared.lines.size() > 1) warnings.push_back(std::move(shared));
  for (auto& warning : warnings) std::sort(warning.lines.begin(), warning.lines.end());
  std::stable_sort(warnings.begin(), warnings.end(),
                   [](const RowWarning& a, const RowWarning& b) { return a.lines.front() < b.lines.front(); });
  return warnings;
}

}  // namespace

std::string_view to_string(Field field) noexcept {
  for (const auto& [candidate, name] : kFieldNames)
    if (candidate == field) return name;
  return "?";
}

std::optional<Preset> parse_preset(std::string_view name) noexcept {
  const std::string_view trimmed = trim(name);
  if (equals_ignoring_ascii_case(trimmed, "automatic") || equals_ignoring_ascii_case(trimmed, "auto"))
    return Preset::automatic;
  if (equals_ignoring_ascii_case(trimmed, "eventbrite")) return Preset::eventbrite;
  if (equals_ignoring_ascii_case(trimmed, "pretix")) return Preset::pretix;
  return std::nullopt;
}

Result<MappingSpec> parse_mapping_toml(std::string_view toml_text, std::string_view source_name) {
  PSL_ASSIGN_OR_RETURN(const toml::table root, parse_mapping_document(toml_text, source_name));
  MappingSpec spec;
  spec.source = std::string(source_name);
  for (auto&& [key, node] : root) {
    if (key.str() == "exclusive") {
      const auto* flag = node.as_boolean();
      if (!flag) return mapping_error(source_name, node.source(), "'exclusive' must be true or false");
      spec.exclusive = flag->get();
    } else if (key.str() == "columns") {
      const auto* columns = node.as_table();
      if (!columns) return mapping_error(source_name, node.source(), "'columns' must be a table");
      for (auto&& [column_key, column_node] : *columns) {
        const std::optional<Field> field = field_from_mapping_key(column_key.str());
        if (!field)
          return mapping_error(source_name, column_key.source(),
                               "[columns] " + in_quotes(column_key.str()) +
                                   " is not a participant field; use one of: " + accepted_mapping_keys());
        if (spec.columns.contains(*field))
          return mapping_error(source_name, column_key.source(),
                               "[columns] names " + std::string(to_string(*field)) + " twice");
        PSL_ASSIGN_OR_RETURN(spec.columns[*field], mapping_columns(source_name, column_key, column_node));
      }
    } else if (key.str() == "status") {
      const auto* statuses = node.as_table();
      if (!statuses) return mapping_error(source_name, node.source(), "'status' must be a table");
      for (auto&& [value_key, target_node] : *statuses) {
        const auto* target = target_node.as_string();
        if (!target || !parse_participant_status(target->get()))
          return mapping_error(
              source_name, target_node.source(),
              "[status] " + in_quotes(value_key.str()) + " must map to \"registered\", \"cancelled\" or \"blocked\"");
        spec.status_values[std::string(value_key.str())] = target->get();
      }
    } else {
      return mapping_error(
          source_name, key.source(),
          "unknown setting " + in_quotes(key.str()) + "; a mapping file has 'exclusive', [columns] and [status]");
    }
  }
  return spec;
}

Result<MappingSpec> load_mapping_file(const std::filesystem::path& path) {
  PSL_ASSIGN_OR_RETURN(const auto text, read_mapping_file(path));
  return parse_mapping_toml(text, path.string());
}

Result<ImportPlan> plan_import_table(const csv::Table& table, const PlanOptions& options) {
  ImportPlan plan;
  plan.encoding = table.encoding;
  plan.delimiter = table.delimiter;
  plan.warnings = table.warnings;
  PSL_ASSIGN_OR_RETURN(const Resolved resolved, resolve_columns(table.header, options));
  plan.preset = resolved.preset;
  plan.warnings.insert(plan.warnings.end(), resolved.warnings.begin(), resolved.warnings.end());

  std::vector<bool> used(table.header.size(), false);
  if (resolved.composite_external_id) {
    plan.mapping.emplace_back(Field::external_id, table.header[resolved.order_code_column]);
    plan.mapping.emplace_back(Field::external_id, table.header[resolved.position_column]);
    used[resolved.order_code_column] = used[resolved.position_column] = true;
  }
  for (std::size_t f = 0; f < kFieldCount; ++f)
    for (std::size_t column : resolved.columns[f]) {
      plan.mapping.emplace_back(static_cast<Field>(f), table.header[column]);
      used[column] = true;
    }
  for (std::size_t i = 0; i < table.header.size(); ++i)
    if (!used[i]) plan.ignored_columns.push_back(table.header[i]);

  RowMapper mapper(table, resolved, options, plan);
  for (const csv::Record& record : table.rows) mapper.map(record);
  plan.row_warnings = row_warnings_of(plan.rows);
  if (mapper.skipped_empty_rows() > 0)
    plan.warnings.push_back(std::to_string(mapper.skipped_empty_rows()) + " row(s) with only empty cells were skipped");
  if (plan.rows.empty() && plan.errors.empty()) plan.warnings.push_back("the file has no participant rows");
  return plan;
}

Result<ImportPlan> plan_import(std::string_view file_bytes, const PlanOptions& options) {
  PSL_ASSIGN_OR_RETURN(const csv::Table table, csv::parse(file_bytes));
  return plan_import_table(table, options);
}

}  // namespace passerelle::import
