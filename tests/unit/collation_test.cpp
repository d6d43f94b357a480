// core/text/collation.h: people listed as readers of the event's language expect, not in byte
// order (issue #14: Dąbrowska after Dubois, Ågesen after Yılmaz).
#include "core/text/collation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace passerelle {
namespace {

Participant person(std::string external_id, std::string first_name, std::string last_name) {
  Participant participant;
  participant.record.external_id = std::move(external_id);
  participant.record.first_name = std::move(first_name);
  participant.record.last_name = std::move(last_name);
  return participant;
}

std::vector<std::string> ids_of(const std::vector<Participant>& people) {
  std::vector<std::string> ids;
  for (const auto& participant : people) ids.push_back(participant.record.external_id);
  return ids;
}

// The names of the issue, given in byte order (which is how SQLite's ORDER BY left them).
std::vector<Participant> the_issues_names() {
  return {person("P7", "Jan", "van der Berg"), person("P4", "Anna", "Zoë"),      person("P2", "Loïc", "Dubois"),
          person("P5", "Mehmet", "Yılmaz"),    person("P1", "Ewa", "Dąbrowska"), person("P3", "Ayşe", "Çelik"),
          person("P6", "Per", "Ågesen")};
}

TEST(Collation, LastNamesSortAlphabeticallyWhateverTheirAccentsAndCaseInEveryLanguage) {
  for (const Language language : {Language::en, Language::fr, Language::de, Language::nl}) {
    SCOPED_TRACE(std::string(to_string(language)));
    auto people = the_issues_names();
    sort_by_name(people, language);
    // Ågesen, Çelik, Dąbrowska, Dubois, van der Berg, Yılmaz, Zoë.
    EXPECT_EQ(ids_of(people), (std::vector<std::string>{"P6", "P3", "P1", "P2", "P7", "P5", "P4"}));
  }
}

TEST(Collation, FirstNameThenExternalIdSettleEqualLastNames) {
  std::vector<Participant> people{person("X9", "Zoë", "Dubois"),      person("X3", "Émile", "DUBOIS"),
                                  person("X2", "Zacharie", "Dubois"), person("X8", "Émile", "Dubois"),
                                  person("X1", "Zacharie", "Dubois"), person("X0", "Anna", "Duboisson")};
  sort_by_name(people, Language::fr);
  // Émile before Zacharie before Zoë; the two Zacharie Dubois by external id. "DUBOIS" and
  // "Dubois" differ in case only, which counts after every letter of both names: DUBOIS Émile is
  // among the Émile Dubois, not after Zoë. Duboisson after every Dubois, whatever their first names.
  EXPECT_EQ(ids_of(people), (std::vector<std::string>{"X8", "X3", "X1", "X2", "X9", "X0"}));
}

TEST(Collation, ComesBeforeIsTheComparisonTheSortUses) {
  const PersonName dabrowska{"Dąbrowska", "Ewa", "P1"};
  const PersonName dubois{"Dubois", "Loïc", "P2"};
  const PersonName agesen{"Ågesen", "Per", "P6"};
  const PersonName yilmaz{"Yılmaz", "Mehmet", "P5"};
  EXPECT_TRUE(comes_before(dabrowska, dubois, Language::en));
  EXPECT_FALSE(comes_before(dubois, dabrowska, Language::en));
  EXPECT_TRUE(comes_before(agesen, yilmaz, Language::de));
  EXPECT_FALSE(comes_before(dubois, dubois, Language::nl)) << "a strict order";
}

TEST(Collation, AnEmptyListAndOneWithoutNamesStillSort) {
  std::vector<Participant> none;
  sort_by_name(none, Language::en);
  EXPECT_TRUE(none.empty());
  std::vector<Participant> nameless{person("B", "", ""), person("A", "", "")};
  sort_by_name(nameless, Language::en);
  EXPECT_EQ(ids_of(nameless), (std::vector<std::string>{"A", "B"}));
}

}  // namespace
}  // namespace passerelle
