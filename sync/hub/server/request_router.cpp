#include "sync/hub/server/request_router.h"

#include <algorithm>

#include "core/util/strings.h"

namespace passerelle::hub {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode_component(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Matches `path` against `pattern` segment by segment; "{n}" takes a run of digits.
bool matches(std::string_view pattern, std::string_view path, std::vector<std::string>& params) {
  params.clear();
  while (!pattern.empty() || !path.empty()) {
    const auto pattern_end = pattern.find('/', 1);
    const auto path_end = path.find('/', 1);
    const auto want = pattern.substr(0, pattern_end);
    const auto got = path.substr(0, path_end);
    if (want == "/{n}") {
      const auto digits = got.substr(got.empty() ? 0 : 1);
      if (got.empty() || got[0] != '/' || digits.empty() ||
          !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
      params.emplace_back(digits);
    } else if (want == "/{f}") {
      const auto name = got.substr(got.empty() ? 0 : 1);
      if (got.empty() || got[0] != '/' || name.empty() || name.size() > 64 || name[0] == '.' ||
          !std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                   c == '-';
          }))
        return false;
      params.emplace_back(name);
    } else if (want != got) {
      return false;
    }
    pattern = pattern_end == std::string_view::npos ? std::string_view{} : pattern.substr(pattern_end);
    path = path_end == std::string_view::npos ? std::string_view{} : path.substr(path_end);
  }
  return true;
}

}  // namespace

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (equals_ignoring_ascii_case(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

void Router::add(Route route) {
  routes_.push_back(std::move(route));
}

Router::Match Router::find(std::string_view method, std::string_view path) const {
  Match match;
  match.miss = Miss::no_path;
  std::vector<std::string> params;
  for (const auto& route : routes_) {
    if (!matches(route.pattern, path, params)) continue;
    // HEAD is not part of the API; a path served under another method is 405, not 404.
    if (route.method != method) {
      match.miss = Miss::no_method;
      continue;
    }
    match.route = &route;
    match.miss = Miss::none;
    match.params = std::move(params);
    return match;
  }
  return match;
}

void split_target(std::string_view target, std::string& path, HeaderList& query) {
  const auto mark = target.find('?');
  path.assign(target.substr(0, mark));
  query.clear();
  if (mark == std::string_view::npos) return;
  std::string_view rest = target.substr(mark + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    query.emplace_back(decode_component(pair.substr(0, eq)),
                       eq == std::string_view::npos ? std::string{} : decode_component(pair.substr(eq + 1)));
  }
}

}  // namespace passerelle::hub
