#include "core/text/collation.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>

namespace passerelle {
namespace {

// nullptr when ICU's data is missing: the names are then compared byte by byte.
std::unique_ptr<icu::Collator> collator_for(Language language) {
  UErrorCode status = U_ZERO_ERROR;
  const std::string locale(to_string(language));
  std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(icu::Locale(locale.c_str()), status));
  if (U_FAILURE(status)) return nullptr;
  return collator;
}

// The collation key of the names, then the external id's bytes (unique in an event, so no two
// people of one list share a key). The names are one string, last name, TAB, first name, so that
// each level of the collation runs over both before the next: every letter of either name counts
// before an accent, every accent before case. TAB sorts before every letter, digit and space, so a
// last name that is the start of another ("Dubois", "Duboisson") comes first whatever follows it.
// ICU ends a key with a zero byte and puts none before it, so the id appended after it only
// settles keys that are otherwise equal.
std::string person_key(const PersonName& name, const icu::Collator* collator) {
  std::string names;
  names.reserve(name.last_name.size() + 1 + name.first_name.size());
  names.append(name.last_name).append(1, '\t').append(name.first_name);
  std::string key;
  if (collator != nullptr) {
    const auto unicode =
        icu::UnicodeString::fromUTF8(icu::StringPiece(names.data(), static_cast<int32_t>(names.size())));
    std::int32_t room = 64;
    for (;;) {
      key.resize(static_cast<std::size_t>(room));
      const std::int32_t length = collator->getSortKey(unicode, reinterpret_cast<std::uint8_t*>(key.data()), room);
      if (length > 0 && length <= room) {
        key.resize(static_cast<std::size_t>(length));
        break;
      }
      key.clear();
      if (length <= 0) break;  // ICU failed: the bytes below
      room = length;
    }
  }
  if (key.empty()) {
    names.push_back('\0');
    key = std::move(names);
  }
  key.append(name.external_id);
  return key;
}

}  // namespace

std::vector<std::size_t> order_by_name(std::span<const PersonName> people, Language language) {
  const auto collator = collator_for(language);
  std::vector<std::string> keys;
  keys.reserve(people.size());
  for (const PersonName& name : people) keys.push_back(person_key(name, collator.get()));
  std::vector<std::size_t> order(people.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  return order;
}

bool comes_before(const PersonName& a, const PersonName& b, Language language) {
  const auto collator = collator_for(language);
  return person_key(a, collator.get()) < person_key(b, collator.get());
}

}  // namespace passerelle
