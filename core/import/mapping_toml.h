// What the participant and B2B mapping files share (docs/import.md): read bounded, a UTF-8
// byte-order mark dropped, TOML parsed. Internal to import; pure but for the file read.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::import {

// A mapping file names a few dozen columns: anything larger is not one.
inline constexpr std::size_t kMaxMappingFile = 64 * 1024;

// The file's text; Errc::io when it cannot be read, Errc::invalid_input over kMaxMappingFile.
Result<std::string> read_mapping_file(const std::filesystem::path& path);

// The TOML document; a syntax error is Errc::invalid_input, "SOURCE:LINE:COLUMN: what".
Result<toml::table> parse_mapping_document(std::string_view text, std::string_view source_name);

}  // namespace passerelle::import
