// The live view's pages, styles and scripts (assets/web), read once when the server starts and
// served from memory: a request names a file of a fixed set, never a path, so nothing outside
// the folder can be reached, and a file edited while the hub runs changes nothing until restart.
//
// Bounds: at most kMaxWebFiles files of kMaxWebFileBytes each, names of lower-case letters,
// digits, '_' and '-' with a known extension; anything else in the folder is refused at load
// (a stray file is a packaging mistake the operator should hear of).
// Thread safety: immutable once loaded. Failure: Errc::not_found without the folder,
// Errc::invalid_input for a file out of bounds, Errc::io when one cannot be read.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::hub {

inline constexpr std::size_t kMaxWebFiles = 64;
inline constexpr std::size_t kMaxWebFileBytes = 1u << 20;

struct WebFile {
  std::string content_type;
  std::string body;
};

class WebAssets {
 public:
  static Result<WebAssets> load(const std::filesystem::path& dir);

  // The file of that name ("dashboard.html"), or null.
  const WebFile* find(std::string_view name) const;
  std::size_t size() const { return files_.size(); }

 private:
  std::map<std::string, WebFile, std::less<>> files_;
};

}  // namespace passerelle::hub
