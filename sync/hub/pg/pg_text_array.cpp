#include "sync/hub/pg/pg_text_array.h"

#include <algorithm>

namespace passerelle::hub::pg {
namespace {

void append_quoted(std::string& out, std::string_view value) {
  out += '"';
  for (const char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

Error bad_literal(std::string_view literal) {
  return make_error(Errc::database, "not a text array: " + std::string(literal.substr(0, 80)));
}

}  // namespace

std::string text_array(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    append_quoted(out, values[i]);
  }
  return out + "}";
}

std::string text_array(const std::vector<std::optional<std::string>>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    if (values[i]) {
      append_quoted(out, *values[i]);
    } else {
      out += "NULL";
    }
  }
  return out + "}";
}

std::string int_array(const std::vector<std::int64_t>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(values[i]);
  }
  return out + "}";
}

Result<std::vector<std::string>> parse_text_array(std::string_view literal) {
  if (literal.size() < 2 || literal.front() != '{' || literal.back() != '}') return bad_literal(literal);
  const std::string_view body = literal.substr(1, literal.size() - 2);
  std::vector<std::string> values;
  if (body.empty()) return values;
  std::size_t i = 0;
  for (;;) {
    std::string value;
    if (i < body.size() && body[i] == '"') {
      // Quoted: up to the closing quote, with backslash escapes.
      for (++i;; ++i) {
        if (i >= body.size()) return bad_literal(literal);
        if (body[i] == '\\') {
          if (++i >= body.size()) return bad_literal(literal);
        } else if (body[i] == '"') {
          ++i;
          break;
        }
        value += body[i];
      }
    } else {
      // Unquoted: PostgreSQL quotes anything with a delimiter, brace, quote, backslash or space.
      const std::size_t end = std::min(body.find(',', i), body.size());
      value = std::string(body.substr(i, end - i));
      if (value.empty() || value == "NULL") return bad_literal(literal);
      i = end;
    }
    values.push_back(std::move(value));
    if (i == body.size()) return values;
    if (body[i] != ',') return bad_literal(literal);
    ++i;
  }
}

}  // namespace passerelle::hub::pg
