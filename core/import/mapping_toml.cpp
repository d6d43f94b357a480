#include "core/import/mapping_toml.h"

#include "core/util/files.h"

namespace passerelle::import {

Result<std::string> read_mapping_file(const std::filesystem::path& path) {
  auto text = read_file_bounded(path, kMaxMappingFile);
  if (!text && text.error().code == Errc::invalid_input)
    return make_error(Errc::invalid_input, path.string() + ": a mapping file is at most 64 KiB");
  if (!text) return make_error(text.error().code, "cannot read mapping file " + path.string());
  return text;
}

Result<toml::table> parse_mapping_document(std::string_view text, std::string_view source_name) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  try {
    return toml::parse(text, source_name);
  } catch (const toml::parse_error& failure) {
    const auto& where = failure.source().begin;
    return make_error(Errc::invalid_input, std::string(source_name) + ":" + std::to_string(where.line) + ":" +
                                               std::to_string(where.column) + ": " +
                                               std::string(failure.description()));
  }
}

}  // namespace passerelle::import
