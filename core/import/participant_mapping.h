// From a parsed CSV table to participant records: which column is which field, and what each
// cell means. Pure: no database, no I/O except reading a mapping file; safe from any thread.
//
// Columns are matched by header name with case, spaces, underscores, hyphens, dots and accents
// ignored, against synonyms in English, French, German and Dutch. Presets pin the columns of
// known exports (Eventbrite attendee report, pretix order-position export); a mapping file
// (TOML, docs/import.md) covers any other system.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv/csv.h"
#include "core/model/participant.h"
#include "core/util/result.h"

namespace passerelle::import {

enum class Field {
  external_id,
  ticket_code,
  first_name,
  last_name,
  full_name,  // used only when first/last are absent: split on the last space
  email,
  organisation,
  country,
  region,
  sector,
  org_type,
  language,
  role,
  tags,
  status,
};

std::string_view to_string(Field field) noexcept;

enum class Preset { automatic, eventbrite, pretix };

std::optional<Preset> parse_preset(std::string_view name) noexcept;

// Explicit column names per field, as read from a mapping file; fields not named fall back
// to automatic matching unless `exclusive` is set.
struct MappingSpec {
  std::map<Field, std::vector<std::string>> columns;  // several columns are joined (tags, codes)
  std::map<std::string, std::string> status_values;   // source value -> registered|cancelled|blocked
  bool exclusive = false;
  std::string source;  // the mapping file's name, so that errors found later can point at it
};

Result<MappingSpec> load_mapping_file(const std::filesystem::path& path);
Result<MappingSpec> parse_mapping_toml(std::string_view toml_text, std::string_view source_name);

struct RowError {
  std::size_t line = 0;
  std::string column;  // header name, empty when the error concerns the whole row
  std::string reason;
};

// A row stored as it is, but that the organiser should look at: a badge with a first name only,
// or two people a mail merge would write to at one address (a colleague registering a team, or
// one person registered twice under two ids). Not an error: both happen in real registrations.
enum class RowWarningKind {
  no_last_name,  // the row has a first name only
  shared_email,  // the rows of `lines` share `value` (emails compared without case)
};

struct RowWarning {
  RowWarningKind kind = RowWarningKind::no_last_name;
  std::vector<std::size_t> lines;  // ascending; one for no_last_name
  std::string value;               // shared_email: the address as the first of the rows wrote it
};

struct MappedRow {
  std::size_t line = 0;
  ParticipantRecord record;
};

struct ImportPlan {
  csv::SourceEncoding encoding = csv::SourceEncoding::utf8;
  char delimiter = ',';
  Preset preset = Preset::automatic;
  std::vector<std::pair<Field, std::string>> mapping;  // field -> header it was read from
  std::vector<std::string> ignored_columns;
  std::vector<std::string> warnings;
  std::vector<MappedRow> rows;   // rows that passed validation
  std::vector<RowError> errors;  // rows that did not; each row appears at most once
  // Rows that passed but are worth a look, by their first line. Every one is listed here; a
  // caller printing them bounds the list.
  std::vector<RowWarning> row_warnings;
};

struct PlanOptions {
  Preset preset = Preset::automatic;
  std::optional<MappingSpec> mapping;  // from --mapping FILE
};

// Fails as a whole (Errc::invalid_input) when the file cannot be decoded or parsed, when
// required columns are missing (external id; first+last name or a full name), or when a column
// the mapping file names or the chosen preset needs is not in the file. Row-level
// problems go to ImportPlan::errors so the caller can choose all-or-nothing or skip-bad-rows.
// Duplicate external ids or ticket codes inside the file are row errors on the later row.
Result<ImportPlan> plan_import(std::string_view file_bytes, const PlanOptions& options);

// The same as plan_import, from a table already parsed (tests and other front ends use it);
// fails as a whole for the same reasons, except decoding and parsing.
Result<ImportPlan> plan_import_table(const csv::Table& table, const PlanOptions& options);

}  // namespace passerelle::import
