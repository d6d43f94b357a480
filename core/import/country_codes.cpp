#include "core/import/country_codes.h"

#include <algorithm>
#include <array>
#include <map>

#include "core/import/column_synonyms.h"

namespace passerelle::import {
namespace {

// ISO 3166-1 officially assigned alpha-2 codes, sorted, two letters each.
constexpr std::string_view kAlpha2 =
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZ"
    "BABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZ"
    "CACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZ"
    "DEDJDKDMDODZ"
    "ECEEEGEHERESET"
    "FIFJFKFMFOFR"
    "GAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGY"
    "HKHMHNHRHTHU"
    "IDIEILIMINIOIQIRISIT"
    "JEJMJOJP"
    "KEKGKHKIKMKNKPKRKWKYKZ"
    "LALBLCLILKLRLSLTLULVLY"
    "MAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZ"
    "NANCNENFNGNINLNONPNRNUNZ"
    "OM"
    "PAPEPFPGPHPKPLPMPNPRPSPTPWPY"
    "QA"
    "RERORSRURW"
    "SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZ"
    "TCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZ"
    "UAUGUMUSUYUZ"
    "VAVCVEVGVIVNVU"
    "WFWS"
    "YEYT"
    "ZAZMZW";
static_assert(kAlpha2.size() == 2 * 249);

struct Alpha3 {
  std::string_view alpha3;
  std::string_view alpha2;
};

// EU, EEA, United Kingdom and Switzerland: the alpha-3 codes European tools export.
constexpr std::array<Alpha3, 32> kAlpha3{{
    {"AUT", "AT"}, {"BEL", "BE"}, {"BGR", "BG"}, {"HRV", "HR"}, {"CYP", "CY"}, {"CZE", "CZ"}, {"DNK", "DK"},
    {"EST", "EE"}, {"FIN", "FI"}, {"FRA", "FR"}, {"DEU", "DE"}, {"GRC", "GR"}, {"HUN", "HU"}, {"IRL", "IE"},
    {"ITA", "IT"}, {"LVA", "LV"}, {"LTU", "LT"}, {"LUX", "LU"}, {"MLT", "MT"}, {"NLD", "NL"}, {"POL", "PL"},
    {"PRT", "PT"}, {"ROU", "RO"}, {"SVK", "SK"}, {"SVN", "SI"}, {"ESP", "ES"}, {"SWE", "SE"}, {"ISL", "IS"},
    {"LIE", "LI"}, {"NOR", "NO"}, {"GBR", "GB"}, {"CHE", "CH"},
}};

struct CountryNames {
  std::string_view code;
  std::vector<std::string_view> names;  // en, fr, de, nl, own language, variants
};

const std::vector<CountryNames>& name_table() {
  static const std::vector<CountryNames> table{
      {"AT", {"Austria", "Autriche", "Österreich", "Oostenrijk"}},
      {"BE", {"Belgium", "Belgique", "Belgien", "België"}},
      {"BG", {"Bulgaria", "Bulgarie", "Bulgarien", "Bulgarije", "България"}},
      {"HR", {"Croatia", "Croatie", "Kroatien", "Kroatië", "Hrvatska"}},
      {"CY", {"Cyprus", "Chypre", "Zypern", "Κύπρος"}},
      {"CZ",
       {"Czechia", "Czech Republic", "Tchéquie", "République tchèque", "Tschechien", "Tschechische Republik",
        "Tsjechië", "Česko", "Česká republika"}},
      {"DK", {"Denmark", "Danemark", "Dänemark", "Denemarken", "Danmark"}},
      {"EE", {"Estonia", "Estonie", "Estland", "Eesti"}},
      {"FI", {"Finland", "Finlande", "Finnland", "Suomi"}},
      {"FR", {"France", "Frankreich", "Frankrijk"}},
      {"DE", {"Germany", "Allemagne", "Deutschland", "Duitsland"}},
      {"GR", {"Greece", "Grèce", "Griechenland", "Griekenland", "Ελλάδα", "Hellas"}},
      {"HU", {"Hungary", "Hongrie", "Ungarn", "Hongarije", "Magyarország"}},
      {"IE", {"Ireland", "Irlande", "Irland", "Ierland", "Éire"}},
      {"IT", {"Italy", "Italie", "Italien", "Italië", "Italia"}},
      {"LV", {"Latvia", "Lettonie", "Lettland", "Letland", "Latvija"}},
      {"LT", {"Lithuania", "Lituanie", "Litauen", "Litouwen", "Lietuva"}},
      {"LU", {"Luxembourg", "Luxemburg", "Lëtzebuerg"}},
      {"MT", {"Malta", "Malte"}},
      {"NL", {"Netherlands", "The Netherlands", "Pays-Bas", "Niederlande", "Nederland", "Holland"}},
      {"PL", {"Poland", "Pologne", "Polen", "Polska"}},
      {"PT", {"Portugal"}},
      {"RO", {"Romania", "Roumanie", "Rumänien", "Roemenië", "România"}},
      {"SK", {"Slovakia", "Slovaquie", "Slowakei", "Slowakije", "Slovensko"}},
      {"SI", {"Slovenia", "Slovénie", "Slowenien", "Slovenië", "Slovenija"}},
      {"ES", {"Spain", "Espagne", "Spanien", "Spanje", "España"}},
      {"SE", {"Sweden", "Suède", "Schweden", "Zweden", "Sverige"}},
      {"GB",
       {"United Kingdom", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland", "Royaume-Uni",
        "Grande-Bretagne", "Angleterre", "Écosse", "Vereinigtes Königreich", "Großbritannien", "Verenigd Koninkrijk",
        "Groot-Brittannië", "Engeland", "Schotland"}},
      {"CH", {"Switzerland", "Suisse", "Schweiz", "Zwitserland", "Svizzera", "Svizra"}},
      {"NO", {"Norway", "Norvège", "Norwegen", "Noorwegen", "Norge"}},
      {"IS", {"Iceland", "Islande", "Island", "IJsland", "Ísland"}},
      {"LI", {"Liechtenstein"}},
      {"US",
       {"United States", "United States of America", "USA", "États-Unis", "Etats-Unis d'Amérique", "Vereinigte Staaten",
        "Verenigde Staten"}},
      {"CA", {"Canada", "Kanada"}},
      {"TR", {"Turkey", "Türkiye", "Turquie", "Türkei", "Turkije"}},
      {"UA", {"Ukraine", "Oekraïne", "Україна"}},
      {"RS", {"Serbia", "Serbie", "Serbien", "Servië", "Srbija"}},
      {"MA", {"Morocco", "Maroc", "Marokko"}},
      {"TN", {"Tunisia", "Tunisie", "Tunesien", "Tunesië"}},
  };
  return table;
}

std::string upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

bool all_ascii_letters(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

}  // namespace

bool is_iso_alpha2(std::string_view code) {
  if (code.size() != 2) return false;
  for (std::size_t i = 0; i < kAlpha2.size(); i += 2)
    if (kAlpha2.substr(i, 2) == code) return true;
  return false;
}

std::optional<std::string> country_code_for(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (all_ascii_letters(text)) {
    const std::string upper = upper_ascii(text);
    if (upper.size() == 2) {
      if (upper == "UK") return std::string("GB");
      if (upper == "EL") return std::string("GR");
      if (is_iso_alpha2(upper)) return upper;
      return std::nullopt;  // a two-letter word is meant as a code; no name is that short
    }
    if (upper.size() == 3)
      for (const Alpha3& entry : kAlpha3)
        if (entry.alpha3 == upper) return std::string(entry.alpha2);
  }
  static const std::map<std::string, std::string_view> by_name = [] {
    std::map<std::string, std::string_view> folded;
    for (const CountryNames& country : name_table())
      for (std::string_view name : country.names) folded.emplace(fold_key(name), country.code);
    return folded;
  }();
  const auto it = by_name.find(fold_key(text));
  if (it == by_name.end()) return std::nullopt;
  return std::string(it->second);
}

std::vector<std::pair<std::string_view, std::string_view>> country_names() {
  std::vector<std::pair<std::string_view, std::string_view>> all;
  for (const CountryNames& country : name_table())
    for (std::string_view name : country.names) all.emplace_back(country.code, name);
  return all;
}

}  // namespace passerelle::import
