#include "tests/support/test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "core/csv/csv_writer.h"
#include "core/util/strings.h"

namespace passerelle::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "passerelle-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << content;
}

CommandOutput run_command(const std::string& command) {
  CommandOutput output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  std::array<char, 4096> buffer{};
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.text.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  output.status = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  output.ok = output.status == 0;
  return output;
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

namespace {

constexpr std::array kFirstNames{
    "François", "Hélène", "Jérôme",   "Gaëlle",   "Jürgen",  "Bärbel",  "Günter",  "Jörg",  "Søren", "Åse",
    "Ærø",      "Łukasz", "Zoë",      "Anaïs",    "Björn",   "Dvořák",  "Ștefan",  "Iğdır", "João",  "Inès",
    "Pieter",   "Sanne",  "Lotte",    "Maarten",  "Camille", "Thibaut", "Nele",    "Ørjan", "Dóra",  "Agnès",
    "Émile",    "Maël",   "Clémence", "Wojciech", "Žofia",   "Mikuláš", "Ramūnas", "Þóra",  "Ðorđe", "Maximilian",
};
constexpr std::array kLastNames{
    "Müller",     "Strauß",  "Weiß",     "Groß",     "Lefèvre",    "Bélanger",   "Ørsted",       "Jørgensen",
    "Østergaard", "Wróbel",  "Łódź",     "Dvořák",   "Şahin",      "Gonçalves",  "van der Berg", "De Smet",
    "Vermeulen",  "Peeters", "Janssens", "Dubois",   "Lambert",    "Schröder",   "Köhler",       "Nußbaum",
    "Æbelø",      "Brønnum", "Kováč",    "Szczęsny", "Ðaković",    "Þórsdóttir", "Niedźwiedź",   "Čapek",
    "Fernández",  "Nuñez",   "Brontë",   "Noël",     "Mårtensson", "Hæstad",     "Ångström",     "Château",
};
constexpr std::array kOrganisations{
    "Großmann Präzisionstechnik GmbH", "Østergaard Energi ApS",
    "Université de Liège Sàrl",        "Maas Photonics BV",
    "Forschungszentrum Jülicherland",  "Łódź Materials sp. z o.o.",
    "Société Générale d'Énergie SA",   "Zorg&Co BV",
};
constexpr std::array kCountries{"BE", "NL", "DE", "FR", "DK", "LU"};

}  // namespace

std::vector<ParticipantRecord> generate_participants(std::size_t count, unsigned seed) {
  std::mt19937 random(seed);
  auto pick = [&random](const auto& list) { return std::string(list[random() % list.size()]); };
  std::vector<ParticipantRecord> records;
  records.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    ParticipantRecord record;
    record.external_id = "EXT-" + std::to_string(100000 + i);
    record.first_name = pick(kFirstNames);
    record.last_name = pick(kLastNames);
    record.organisation = pick(kOrganisations);
    record.country = pick(kCountries);
    record.email = "p" + std::to_string(i) + "@example.org";
    record.sector = "ICT";
    record.org_type = OrgType::sme;
    record.language = static_cast<Language>(random() % 4);
    if (i % 3 == 0) record.ticket_codes = {"TKT-" + std::to_string(seed) + "-" + std::to_string(i)};
    if (i % 5 == 0) record.tags = {"workshop-a"};
    records.push_back(std::move(record));
  }
  return records;
}

std::string to_canonical_csv(const std::vector<ParticipantRecord>& records) {
  std::string out =
      "external_id,first_name,last_name,email,organisation,country,region,sector,organisation_type,language,role,"
      "tags,ticket_codes,status\n";
  for (const auto& r : records) {
    out += csv::quote_field(r.external_id) + ',' + csv::quote_field(r.first_name) + ',' +
           csv::quote_field(r.last_name) + ',' + csv::quote_field(r.email) + ',' + csv::quote_field(r.organisation) +
           ',' + r.country + ',' + csv::quote_field(r.region) + ',' + csv::quote_field(r.sector) + ',' +
           std::string(to_string(r.org_type)) + ',' + std::string(to_string(r.language)) + ',' +
           csv::quote_field(r.role) + ',' + csv::quote_field(join(r.tags, ";")) + ',' +
           csv::quote_field(join(r.ticket_codes, ";")) + ',' + std::string(to_string(r.status)) + '\n';
  }
  return out;
}

}  // namespace passerelle::testing
