#include "tests/b2b/shared_instances.h"

#include <array>
#include <cstdlib>
#include <fstream>
#include <string>

#include "core/b2b/instance_csv.h"

namespace passerelle::testing {

namespace {

Result<std::string> read_bounded(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error(Errc::io, "cannot open " + path.string());
  std::string text;
  std::array<char, 64 * 1024> chunk{};
  while (file) {
    file.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(file.gcount()));
    if (text.size() > kMaxInstanceFileBytes) {
      return make_error(Errc::io,
                        path.string() + " is larger than " + std::to_string(kMaxInstanceFileBytes >> 20U) + " MiB");
    }
  }
  if (file.bad()) return make_error(Errc::io, "cannot read " + path.string());
  return text;
}

}  // namespace

std::filesystem::path b2b_forums_dir() {
  return B2B_FORUMS_DIR;
}

bool ci_requires_b2b_forums() {
  const char* value = std::getenv("CI");
  return value != nullptr && std::string_view(value) == "true";
}

Result<b2b::Problem> read_instance(const std::filesystem::path& directory) {
  PSL_ASSIGN_OR_RETURN(const std::string params, read_bounded(directory / "params.json"));
  PSL_ASSIGN_OR_RETURN(const std::string requests, read_bounded(directory / "requests.csv"));
  PSL_ASSIGN_OR_RETURN(const std::string unavailable, read_bounded(directory / "unavailable.csv"));
  return b2b::parse_instance(params, requests, unavailable);
}

}  // namespace passerelle::testing
