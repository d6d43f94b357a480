#include "sync/hub/store/account_rules.h"

#include <algorithm>

#include "core/text/fold.h"
#include "core/text/utf8.h"

namespace passerelle::hub {
namespace {

bool is_control(char32_t c) {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

}  // namespace

Result<std::string> account_name_key(std::string_view name) {
  if (first_invalid_utf8(name) != std::string_view::npos)
    return make_error(Errc::invalid_input, "an account name must be UTF-8 text");
  std::size_t count = 0;
  for (std::size_t offset = 0; offset < name.size(); ++count) {
    const auto c = decode_utf8(name, offset);
    if (is_control(c.code_point)) return make_error(Errc::invalid_input, "an account name holds no control character");
    offset += c.length;
  }
  if (count == 0 || count > kMaxAccountNameChars)
    return make_error(Errc::invalid_input,
                      "an account name is 1 to " + std::to_string(kMaxAccountNameChars) + " characters");
  if (name.front() == ' ' || name.back() == ' ')
    return make_error(Errc::invalid_input, "an account name neither starts nor ends with a space");
  std::string key = caseless_key(name);
  if (key.empty()) return make_error(Errc::invalid_input, "an account name needs a visible character");
  return key;
}

Result<std::vector<std::int64_t>> account_event_list(std::vector<std::int64_t> events) {
  for (const auto id : events)
    if (id < 1) return make_error(Errc::invalid_input, "an event id is a positive number, not " + std::to_string(id));
  std::sort(events.begin(), events.end());
  events.erase(std::unique(events.begin(), events.end()), events.end());
  return events;
}

Status check_web_session_ttl(std::int64_t ttl_ms) {
  if (ttl_ms <= 0 || ttl_ms > kMaxWebSessionTtlMs)
    return make_error(Errc::invalid_input, "a web session lasts more than nothing and at most 7 days");
  return {};
}

Error no_account_error(std::string_view name) {
  return make_error(Errc::not_found, "no account named '" + std::string(name) + "'");
}

}  // namespace passerelle::hub
