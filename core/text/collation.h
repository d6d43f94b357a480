// The order people are listed in: badges, their PDF sheets, agendas and the exports.
//
// By last name, then first name, then external id, the names compared as a reader of the event's
// language expects (ICU's collation for en, fr, de or nl): "Ågesen" among the A, "Çelik" among
// the C, "Dąbrowska" before "Dubois", "van der Berg" among the V whatever its case. As in a phone
// book, the letters of both names decide before accents, and accents before case. Byte order,
// which SQLite's ORDER BY gives, puts every accented initial after Z and every lower-case one
// after every upper-case one. The external id settles names that compare equal, so the order is
// the same on every run.
//
// Search results are not sorted here: they keep their own order (Store::search).
// Thread safety: pure functions; each call opens its own ICU collator. Without ICU's data the
// names compare byte by byte, still followed by the external id.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/participant.h"

namespace passerelle {

// What a person is sorted by. The views must outlive the call they are passed to.
struct PersonName {
  std::string_view last_name;
  std::string_view first_name;
  std::string_view external_id;
};

// The order of `people` in `language`: the indices into `people`, from first to last.
std::vector<std::size_t> order_by_name(std::span<const PersonName> people, Language language);

// Whether `a` comes before `b` in `language`: the comparison order_by_name sorts by. For one
// comparison; a list is sorted faster by order_by_name, which builds each key once.
bool comes_before(const PersonName& a, const PersonName& b, Language language);

// Sorts `items` by the PersonName that name_of(item) gives (views into the item), in `language`.
template <class Item, class NameOf>
void sort_by_name(std::vector<Item>& items, Language language, NameOf name_of) {
  std::vector<PersonName> names;
  names.reserve(items.size());
  for (const Item& item : items) names.push_back(name_of(item));
  const std::vector<std::size_t> order = order_by_name(names, language);
  std::vector<Item> sorted;
  sorted.reserve(items.size());
  for (const std::size_t index : order) sorted.push_back(std::move(items[index]));
  items = std::move(sorted);
}

// The usual case: participants by their record's names.
inline PersonName person_name(const Participant& person) {
  return {person.record.last_name, person.record.first_name, person.record.external_id};
}
inline void sort_by_name(std::vector<Participant>& people, Language language) {
  sort_by_name(people, language, [](const Participant& person) { return person_name(person); });
}

}  // namespace passerelle
