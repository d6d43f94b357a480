// Strict field access over nlohmann::json for the sync codec: every getter checks presence and
// type and names the field on failure, so parsing never throws (nlohmann's own accessors do), and
// parse_document refuses nesting deeper than kMaxJsonDepth before any tree is built.
// Internal to sync/protocol.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"
#include "sync/protocol/wire.h"

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

// `value` within [min, max]; the message names the field, the bounds and the value.
inline Status check_range(std::string_view context, std::string_view field, std::int64_t value, std::int64_t min,
                          std::int64_t max) {
  if (value >= min && value <= max) return {};
  return make_error(Errc::invalid_input, std::string(context) + ": field '" + std::string(field) +
                                             "' must be an integer from " + std::to_string(min) + " to " +
                                             std::to_string(max) + ", not " + std::to_string(value));
}

inline Result<std::int64_t> get_int_in(const Json& object, std::string_view context, const char* field,
                                       std::int64_t min, std::int64_t max) {
  PSL_ASSIGN_OR_RETURN(const auto value, get_int(object, context, field));
  PSL_TRY(check_range(context, field, value, min, max));
  return value;
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

// The first pass of parse_document: follows nlohmann's SAX events, builds nothing, and stops at
// the first object or array nested deeper than the limit.
//
// Why a separate pass, on nlohmann-json 3.11 (Debian 12): its parser is iterative, but much of what
// is done with a parsed tree recurses once per level (dump(), the copy constructor, operator==), so
// a 200 KB document of 100,000 nested arrays overflows the stack the first time the tree is
// re-serialised, as an uploaded entry is for the quarantine. json::sax_parse with this handler
// stops reading at the first level too deep, with no tree and no recursion; the parser callback
// (json::parse's parser_callback_t) can only discard values, not stop, so it would still read a
// 100,000-level document to its end and leave holes to look for in the tree.
class NestingLimit final : public nlohmann::json_sax<Json> {
 public:
  explicit NestingLimit(int max_depth) : max_depth_(max_depth) {}

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return enter(); }
  bool key(string_t&) override { return true; }
  bool end_object() override { return leave(); }
  bool start_array(std::size_t) override { return enter(); }
  bool end_array() override { return leave(); }
  bool parse_error(std::size_t position, const std::string&, const Json::exception&) override {
    syntax_error_at_ = position;
    return false;
  }

  bool too_deep() const { return too_deep_; }
  std::optional<std::size_t> syntax_error_at() const { return syntax_error_at_; }

 private:
  bool enter() {
    if (++depth_ <= max_depth_) return true;
    too_deep_ = true;
    return false;
  }
  bool leave() {
    --depth_;
    return true;
  }

  int max_depth_;
  int depth_ = 0;
  bool too_deep_ = false;
  std::optional<std::size_t> syntax_error_at_;
};

// Parses without exceptions. A syntax error, or objects and arrays nested deeper than
// kMaxJsonDepth (the outermost one is level 1), is Errc::invalid_input. Every tree this returns is
// at most kMaxJsonDepth deep, so nothing the codec does with it (dump() for the quarantine's raw
// JSON above all) recurses deeper than that: no document deeper than the limit is ever
// re-serialised.
inline Result<Json> parse_document(std::string_view text, std::string_view context) {
  NestingLimit limit(kMaxJsonDepth);
  if (!Json::sax_parse(text.begin(), text.end(), &limit)) {
    if (limit.too_deep())
      return make_error(Errc::invalid_input, std::string(context) + ": JSON nested deeper than " +
                                                 std::to_string(kMaxJsonDepth) + " levels");
    return make_error(Errc::invalid_input, std::string(context) + ": not valid JSON (at byte " +
                                               std::to_string(limit.syntax_error_at().value_or(0)) + ")");
  }
  Json document = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return make_error(Errc::invalid_input, std::string(context) + ": not valid JSON");
  return document;
}

}  // namespace passerelle::sync::detail
