// Strict field access over nlohmann::json for the sync codec: every getter checks presence and
// type and names the field on failure, so parsing never throws (nlohmann's own accessors do).
// Internal to sync/protocol.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::sync::detail {

using Json = nlohmann::json;

inline Error field_error(std::string_view context, std::string_view field, std::string_view expected) {
  return make_error(Errc::invalid_input,
                    std::string(context) + ": field '" + std::string(field) + "' must be " + std::string(expected));
}

inline Result<const Json*> member(const Json& object, std::string_view context, const char* field) {
  if (!object.is_object()) return make_error(Errc::invalid_input, std::string(context) + ": expected a JSON object");
  const auto found = object.find(field);
  if (found == object.end()) return field_error(context, field, "present");
  return &*found;
}

inline Result<std::string> get_string(const Json& object, std::string_view context, const char* field) {
  PSL_ASSIGN_OR_RETURN(const Json* value, member(object, context, field));
  if (!value->is_string()) return field_error(context, field, "a string");
  return value->get_ref<const std::string&>();
}

inline Result<std::optional<std::string>> get_optional_string(const Json& object, std::string_view context,
                                                              const char* field) {
  const auto found = object.find(field);
  if (found == object.end() || found->is_null()) return std::optional<std::string>();
  if (!found->is_string()) return field_error(context, field, "a string or null");
  return std::optional<std::string>(found->get_ref<const std::string&>());
}

inline Result<std::int64_t> get_int(const Json& object, std::string_view context, const char* field) {
  PSL_ASSIGN_OR_RETURN(const Json* value, member(object, context, field));
  // nlohmann calls an unsigned number an integer too: check unsigned first, or 2^64-1 reads as -1.
  if (value->is_number_unsigned()) {
    if (value->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return field_error(context, field, "an integer within 64-bit range");
    return static_cast<std::int64_t>(value->get<std::uint64_t>());
  }
  if (value->is_number_integer()) return value->get<std::int64_t>();
  return field_error(context, field, "an integer");
}

inline Result<std::optional<std::int64_t>> get_optional_int(const Json& object, std::string_view context,
                                                            const char* field) {
  const auto found = object.find(field);
  if (found == object.end() || found->is_null()) return std::optional<std::int64_t>();
  PSL_ASSIGN_OR_RETURN(const auto value, get_int(object, context, field));
  return std::optional<std::int64_t>(value);
}

inline Result<bool> get_bool(const Json& object, std::string_view context, const char* field) {
  PSL_ASSIGN_OR_RETURN(const Json* value, member(object, context, field));
  if (!value->is_boolean()) return field_error(context, field, "true or false");
  return value->get<bool>();
}

inline Result<const Json*> get_array(const Json& object, std::string_view context, const char* field) {
  PSL_ASSIGN_OR_RETURN(const Json* value, member(object, context, field));
  if (!value->is_array()) return field_error(context, field, "an array");
  return value;
}

// Parses without exceptions; a syntax error becomes Errc::invalid_input.
inline Result<Json> parse_document(std::string_view text, std::string_view context) {
  Json document = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return make_error(Errc::invalid_input, std::string(context) + ": not valid JSON");
  return document;
}

}  // namespace passerelle::sync::detail
