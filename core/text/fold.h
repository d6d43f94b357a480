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

// The identity of a name that must be unique without regard to case (organisers' account names):
// Unicode's NFKC_Casefold, so that "Renée", "RENÉE" and "Rene\u0301e" are one name, and invisible
// format characters (U+200B and kin) are dropped rather than making a look-alike name. Unlike
// fold_for_search it keeps accents and punctuation: "Renee" stays another name. Empty when ICU's
// data is missing for non-ASCII text (callers refuse an empty key); ASCII is lower-cased without ICU.
std::string caseless_key(std::string_view utf8);

}  // namespace passerelle
