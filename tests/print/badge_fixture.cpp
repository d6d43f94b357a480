#include "tests/print/badge_fixture.h"

#include <sstream>

#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

// Tab-separated fields, keeping empty ones (split_any would drop them).
std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  fields.push_back(line.substr(start));
  return fields;
}

}  // namespace

std::vector<print::BadgeContent> fixture_badges() {
  std::istringstream lines(read_file(std::filesystem::path(PASSERELLE_TEST_DATA_DIR) / "print" / "badges.tsv"));
  std::vector<print::BadgeContent> badges;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> fields = split_tabs(line);
    if (fields.size() != 5) continue;
    badges.push_back({fields[0], fields[1], fields[2], fields[3], fields[4], kFixtureEventName});
  }
  return badges;
}

}  // namespace passerelle::testing
