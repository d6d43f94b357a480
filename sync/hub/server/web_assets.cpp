#include "sync/hub/server/web_assets.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace passerelle::hub {
namespace {

// The content type of a served file, by its extension; empty for any other.
std::string content_type_of(std::string_view name) {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  const auto extension = name.substr(dot + 1);
  if (extension == "html") return "text/html; charset=utf-8";
  if (extension == "css") return "text/css; charset=utf-8";
  if (extension == "js") return "text/javascript; charset=utf-8";
  if (extension == "svg") return "image/svg+xml";
  if (extension == "txt") return "text/plain; charset=utf-8";
  return {};
}

bool plain_name(std::string_view name) {
  const auto dot = name.rfind('.');
  if (dot == 0 || dot == std::string_view::npos || name.size() > 64) return false;
  return std::all_of(name.begin(), name.begin() + static_cast<std::ptrdiff_t>(dot),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'; });
}

}  // namespace

Result<WebAssets> WebAssets::load(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error))
    return make_error(Errc::not_found, "the live view's pages are not in " + dir.string());
  WebAssets assets;
  for (const auto& item : std::filesystem::directory_iterator(dir, error)) {
    const std::string name = item.path().filename().string();
    const std::string type = content_type_of(name);
    if (!item.is_regular_file() || type.empty() || !plain_name(name))
      return make_error(Errc::invalid_input, "the pages' folder " + dir.string() + " holds " + name +
                                                 ", which the hub does not serve (only .html, .css, .js, .svg and "
                                                 ".txt files named in lower case)");
    if (assets.files_.size() >= kMaxWebFiles)
      return make_error(Errc::invalid_input, "the pages' folder " + dir.string() + " holds more than " +
                                                 std::to_string(kMaxWebFiles) + " files");
    if (item.file_size(error) > kMaxWebFileBytes || error)
      return make_error(Errc::invalid_input, name + " is larger than the hub serves (1 MiB)");
    std::ifstream in(item.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in && !in.eof()) return make_error(Errc::io, "cannot read " + item.path().string());
    assets.files_.emplace(name, WebFile{type, body.str()});
  }
  if (error) return make_error(Errc::io, "cannot list " + dir.string() + ": " + error.message());
  return assets;
}

const WebFile* WebAssets::find(std::string_view name) const {
  const auto found = files_.find(name);
  return found == files_.end() ? nullptr : &found->second;
}

}  // namespace passerelle::hub
