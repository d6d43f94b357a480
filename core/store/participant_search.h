// The participant search's rule (Store::search, the kiosk's staff search, the hub's live view):
// a participant's folded first name, last name and organisation is the haystack; a query is folded
// the same way and split into words; the participant matches when every word of the query begins
// some word of the haystack ("ren dup" finds "Renée Dupont"; "ene" does not). Folding is
// fold_for_search (core/text/fold.h): case and accents ignored, Ł, Ø and ß included.
//
// One home for the folding on both sides. The matching itself runs where the haystacks are
// indexed: the event file's FTS5 table (prefix queries over its ascii tokenizer, Store::search)
// and PostgreSQL storage's participant.search_folded (sync/hub/pg/pg_hub_participants.cpp), which
// says in SQL what it mirrors. Both haystacks are made by participant_search_text, so that the
// storages hold the same text. Pure functions; thread-safe (fold_for_search is).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/participant.h"

namespace passerelle {

// The folded "first last organisation": words of [a-z0-9] separated by single spaces; empty when
// none of the three holds a letter or digit (an erased participant).
std::string participant_search_text(const ParticipantRecord& record);

// The query's folded words, in order, each of [a-z0-9] only (so that neither FTS5 nor SQL can
// read one as syntax); empty when the text holds no letter or digit, which finds no one.
std::vector<std::string> search_words(std::string_view text);

}  // namespace passerelle
