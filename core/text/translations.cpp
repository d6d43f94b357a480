#include "core/text/translations.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <sstream>

namespace passerelle {

struct Translations::MissLog {
  std::mutex mutex;
  std::set<std::string, std::less<>> keys;
};

namespace {

std::size_t index_of(Language language) {
  return static_cast<std::size_t>(language);
}

std::string position(std::string_view source, const toml::source_region& region) {
  std::ostringstream out;
  out << source;
  if (region.begin.line != 0) out << ':' << region.begin.line << ':' << region.begin.column;
  return out.str();
}

// TOML tables are only a way of grouping keys: [scan] prompt = "..." is the key "scan.prompt".
Status flatten(std::string_view source, const toml::table& table, const std::string& prefix,
               std::map<std::string, std::string, std::less<>>& into) {
  for (const auto& [key, node] : table) {
    std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const auto* nested = node.as_table()) {
      PSL_TRY(flatten(source, *nested, name, into));
    } else if (const auto* text = node.as_string()) {
      into.insert_or_assign(std::move(name), text->get());
    } else {
      return make_error(Errc::invalid_input,
                        position(source, node.source()) + ": '" + name + "' must be a string (a screen text)");
    }
  }
  return {};
}

Result<std::string> read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::io, path.string() + ": cannot open the translation file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return make_error(Errc::io, path.string() + ": cannot read the translation file");
  return text.str();
}

}  // namespace

std::set<std::string> placeholder_names(std::string_view text) {
  std::set<std::string> names;
  std::size_t start = 0;
  while ((start = text.find('{', start)) != std::string_view::npos) {
    const std::size_t end = text.find('}', start + 1);
    if (end == std::string_view::npos) break;
    const auto name = text.substr(start + 1, end - start - 1);
    // "{" inside a name means the first brace was a literal one: restart from the inner brace.
    if (const auto inner = name.find('{'); inner != std::string_view::npos) {
      start += inner + 1;
      continue;
    }
    if (!name.empty()) names.emplace(name);
    start = end + 1;
  }
  return names;
}

Translations::Translations() : misses_(std::make_unique<MissLog>()) {}
Translations::Translations(Translations&&) noexcept = default;
Translations& Translations::operator=(Translations&&) noexcept = default;
Translations::~Translations() = default;

Result<Translations> Translations::parse(Language language, std::string_view toml_text, std::string_view source,
                                         Translations base) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source);
  } catch (const toml::parse_error& error) {
    return make_error(Errc::invalid_input, position(source, error.source()) + ": " + std::string(error.description()));
  }
  Table table;
  PSL_TRY(flatten(source, root, "", table));
  base.tables_[index_of(language)] = std::move(table);
  return base;
}

Result<Translations> Translations::load(const std::filesystem::path& dir) {
  Translations translations;
  for (const Language language : kAllLanguages) {
    const auto path = dir / (std::string(to_string(language)) + ".toml");
    PSL_ASSIGN_OR_RETURN(const std::string text, read_text_file(path));
    PSL_ASSIGN_OR_RETURN(translations, parse(language, text, path.string(), std::move(translations)));
  }
  return translations;
}

std::string_view Translations::get(Language language, std::string_view key) const {
  const Table& table = tables_[index_of(language)];
  if (const auto found = table.find(key); found != table.end()) return found->second;
  const Table& english = tables_[index_of(Language::en)];
  if (const auto found = english.find(key); found != english.end()) return found->second;
  if (misses_) {
    const std::lock_guard lock(misses_->mutex);
    misses_->keys.emplace(key);
  }
  return key;
}

std::string Translations::format(Language language, std::string_view key, Values values) const {
  const std::string_view text = get(language, key);
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find('{', pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find('}', open + 1);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    const auto name = text.substr(open + 1, close - open - 1);
    const auto* value =
        std::find_if(values.begin(), values.end(), [&](const auto& pair) { return pair.first == name; });
    if (value != values.end()) {
      out.append(value->second);
    } else {
      out.append(text.substr(open, close - open + 1));
    }
    pos = close + 1;
  }
  out.append(text.substr(std::min(pos, text.size())));
  return out;
}

std::vector<std::string> Translations::missing_keys(Language language) const {
  std::vector<std::string> missing;
  const Table& table = tables_[index_of(language)];
  for (const auto& [key, text] : tables_[index_of(Language::en)])
    if (!table.contains(key)) missing.push_back(key);
  return missing;
}

std::vector<std::string> Translations::keys(Language language) const {
  std::vector<std::string> all;
  for (const auto& [key, text] : tables_[index_of(language)]) all.push_back(key);
  return all;
}

std::vector<std::string> Translations::missed_keys() const {
  if (!misses_) return {};
  const std::lock_guard lock(misses_->mutex);
  return {misses_->keys.begin(), misses_->keys.end()};
}

}  // namespace passerelle
