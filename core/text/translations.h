// Translations: the texts people read, in English, French, German and Dutch, loaded from
// assets/i18n/<language>.toml: the kiosk's screens and the paper the hub prints (agendas). Keys
// are flat and dotted ("scan.prompt"); a TOML table groups them ([scan] prompt = ...) and is
// flattened on load. Texts may hold {name} placeholders.
//
// Lookups never fail: a key missing in a language falls back to English, and a key missing in
// English returns the key itself, so a gap shows up on screen as "refusal.foo.title" instead of a
// blank. Such English misses are remembered for tests (missed_keys()).
// Failure: load() returns an error for an unreadable or invalid file, a non-string value, or a
// missing language file; the message names the file and, for syntax errors, line and column.
// Thread safety: after load(), every const member may be called from any thread.
#pragma once

#include <array>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/participant.h"
#include "core/util/result.h"

namespace passerelle {

inline constexpr std::array<Language, 4> kAllLanguages{Language::en, Language::fr, Language::de, Language::nl};

// The {name} placeholders of a text, e.g. {"first_name"} for "Welcome, {first_name}!".
std::set<std::string> placeholder_names(std::string_view text);

class Translations {
 public:
  using Values = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  // Reads en.toml, fr.toml, de.toml and nl.toml from `dir`; all four must exist and parse.
  static Result<Translations> load(const std::filesystem::path& dir);
  // Builds from TOML texts already in memory (tests, embedded defaults); `source` names each in errors.
  static Result<Translations> parse(Language language, std::string_view toml_text, std::string_view source,
                                    Translations base = {});

  Translations();
  Translations(Translations&&) noexcept;
  Translations& operator=(Translations&&) noexcept;
  ~Translations();

  std::string_view get(Language language, std::string_view key) const;
  // get() with each {name} replaced by its value; placeholders without a value stay as written.
  std::string format(Language language, std::string_view key, Values values) const;

  // Keys English has and `language` lacks (empty for English), sorted.
  std::vector<std::string> missing_keys(Language language) const;
  // Every key of `language`, sorted.
  std::vector<std::string> keys(Language language) const;
  // Keys looked up since load() that English lacks: texts a screen asks for but nobody wrote.
  std::vector<std::string> missed_keys() const;

 private:
  using Table = std::map<std::string, std::string, std::less<>>;
  struct MissLog;

  std::array<Table, kAllLanguages.size()> tables_;
  std::unique_ptr<MissLog> misses_;
};

}  // namespace passerelle
