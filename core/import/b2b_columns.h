// Which column of a B2B file is which field: meeting requests, unavailable slots, and a ready
// schedule as a matchmaking platform exports it (issue #12). The same rules as the participant
// import (docs/import.md): headers matched with case, accents and separators ignored against
// synonyms in English, French, German and Dutch; presets for known exports; a TOML mapping file
// for any other. Pure: no database, no I/O except reading a mapping file; safe from any thread.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv/csv.h"
#include "core/util/result.h"

namespace passerelle::import {

enum class B2bKind { requests, unavailable, schedule };

enum class B2bField {
  a,            // requests, schedule: the first participant (external id or email)
  b,            // requests, schedule: the second
  window,       // requests: any | morning | afternoon
  participant,  // unavailable
  slot,         // unavailable: a slot number of the session
  from,         // unavailable: HH:MM
  until,        // unavailable: HH:MM
  date,         // schedule: the meeting's day, when start holds only a time
  start,        // schedule: HH:MM, or a date and time
  end,          // schedule: HH:MM, or a date and time
  end_date,     // schedule: must be the start's day when present
  location,     // schedule: a table number, "Hall A, table 12", or any place without a session
};

std::string_view to_string(B2bField field) noexcept;
std::string_view to_string(B2bKind kind) noexcept;

// automatic: synonyms, and a known export recognised by its header. zerista: its meeting
// schedule layout (Organizer, Confirmed, Start Date, Start Time, End Date, End Time, Location).
enum class B2bPreset { automatic, zerista };
std::optional<B2bPreset> parse_b2b_preset(std::string_view name) noexcept;
std::string_view to_string(B2bPreset preset) noexcept;

// How a date written with slashes reads: 08/12/2026 is 8 December in Europe, August 12 in the US.
enum class DateOrder { unknown, day_first, month_first };

struct B2bMapping {
  std::map<B2bField, std::string> columns;  // field -> header, exact but for case and outer spaces
  DateOrder date_order = DateOrder::unknown;
  std::string source;  // the mapping file's name, for errors found later
};

// A TOML file with a [columns] table (field = "header") and an optional date_order =
// "day-first" | "month-first". Errors name the file, line and key; a field that the kind does not
// read is an error.
Result<B2bMapping> load_b2b_mapping_file(const std::filesystem::path& path, B2bKind kind);
Result<B2bMapping> parse_b2b_mapping_toml(std::string_view toml_text, std::string_view source_name, B2bKind kind);

struct B2bColumns {
  B2bPreset preset = B2bPreset::automatic;
  std::map<B2bField, std::size_t> index;                // field -> column
  std::vector<std::pair<B2bField, std::string>> named;  // field -> header it is read from
  std::vector<std::string> ignored;                     // headers no field reads
  DateOrder date_order = DateOrder::unknown;

  std::optional<std::size_t> of(B2bField field) const {
    const auto found = index.find(field);
    return found == index.end() ? std::nullopt : std::optional<std::size_t>(found->second);
  }
};

// Fails (Errc::invalid_input, "line 1: ...") when a column the kind needs is missing, when the
// mapping names a header the file lacks, or when the preset's headers are not all there.
Result<B2bColumns> resolve_b2b_columns(const std::vector<std::string>& header, B2bKind kind, B2bPreset preset,
                                       const B2bMapping* mapping);

// Every (kind, field, synonym) the automatic matching knows, for a test that no header of a kind
// means two fields.
struct B2bSynonym {
  B2bKind kind;
  B2bField field;
  std::string_view header;
};
std::vector<B2bSynonym> b2b_header_synonyms();

}  // namespace passerelle::import
