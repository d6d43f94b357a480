#include "kiosk/model/store_failure.h"

#include <string_view>

#include "core/util/strings.h"

namespace passerelle::kiosk {
namespace {

bool mentions(const std::string& message, std::string_view words) {
  return message.find(words) != std::string::npos;
}

}  // namespace

std::string store_failure_reason(const Error& error) {
  const std::string message = to_lower_ascii(error.message);
  // SQLite's own words first (sqlite3_errstr), whatever class they were filed under.
  if (mentions(message, "disk is full") || mentions(message, "no space left") || error.code == Errc::exhausted)
    return "disk_full";
  if (mentions(message, "malformed") || mentions(message, "not a database") || mentions(message, "corrupt"))
    return "damaged";
  if (mentions(message, "readonly") || mentions(message, "read-only") || mentions(message, "permission denied"))
    return "read_only";
  if (error.code == Errc::busy || mentions(message, "locked")) return "locked";
  if (error.code == Errc::unsupported) return "newer";
  if (error.code == Errc::not_found || mentions(message, "unable to open") || mentions(message, "no kiosk database"))
    return "missing";
  if (error.code == Errc::io || mentions(message, "i/o error")) return "io";
  return "unknown";
}

}  // namespace passerelle::kiosk
