// Accent and case folding for search: "Müller", "MÜLLER" -> "muller"; "Ørsted" -> "orsted";
// "Łódź" -> "lodz"; "Straße" -> "strasse". Names in other scripts are transliterated to Latin
// first ("Δημήτρης" -> "demetres").
//
// Why ICU and not FTS5's remove_diacritics: the latter leaves Ø, Ł and ß unfolded (DESIGN.md,
// pitfalls). Folding once when storing and once when searching keeps both sides identical.
// Thread safety: safe from any thread (each thread keeps its own ICU transliterator).
#pragma once

#include <string>
#include <string_view>

namespace passerelle {

// Folds UTF-8 text to lower-case ASCII letters, digits and single spaces; punctuation becomes
// a space. Invalid UTF-8 is replaced, never rejected: this is for matching, not storage.
std::string fold_for_search(std::string_view utf8);

}  // namespace passerelle
