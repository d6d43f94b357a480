// PgResult's typed column access and PgParam's text forms: PostgreSQL's text format both ways.
#include <libpq-fe.h>

#include <cassert>
#include <charconv>
#include <cstdlib>

#include "sync/hub/pg/pq.h"

namespace passerelle::hub::pg {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

int hex_value(char digit) {
  if (digit >= '0' && digit <= '9') return digit - '0';
  if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
  if (digit >= 'A' && digit <= 'F') return digit - 'A' + 10;
  return -1;
}

}  // namespace

PgParam::PgParam(double value) {
  char buffer[32];
  [[maybe_unused]] const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  assert(error == std::errc());
  text_.emplace(buffer, end);
}

PgParam PgParam::bytea(std::string_view bytes) {
  std::string hex = "\\x";
  hex.reserve(2 + bytes.size() * 2);
  for (const char byte : bytes) {
    const auto value = static_cast<unsigned char>(byte);
    hex += kHexDigits[value >> 4];
    hex += kHexDigits[value & 0x0f];
  }
  return PgParam(hex);
}

void PgResult::Clear::operator()(PGresult* result) const noexcept {
  PQclear(result);
}

int PgResult::rows() const {
  return PQntuples(result_.get());
}

int PgResult::columns() const {
  return PQnfields(result_.get());
}

std::int64_t PgResult::affected_rows() const {
  const std::string_view count = PQcmdTuples(result_.get());
  std::int64_t value = 0;
  std::from_chars(count.data(), count.data() + count.size(), value);
  return value;
}

int PgResult::column(std::string_view name) const {
  const int index = PQfnumber(result_.get(), std::string(name).c_str());
  assert(index >= 0 && "no such column in the result");
  return index;
}

bool PgResult::is_null(int row, int column) const {
  assert(row >= 0 && row < rows() && column >= 0 && column < columns());
  return PQgetisnull(result_.get(), row, column) != 0;
}

std::string_view PgResult::text(int row, int column) const {
  assert(!is_null(row, column) && "NULL read with a non-optional accessor");
  return {PQgetvalue(result_.get(), row, column), static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

std::int64_t PgResult::int64(int row, int column) const {
  const std::string_view digits = text(row, column);
  std::int64_t value = 0;
  [[maybe_unused]] const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  assert(error == std::errc() && end == digits.data() + digits.size() && "column is not an integer");
  return value;
}

bool PgResult::boolean(int row, int column) const {
  const std::string_view value = text(row, column);
  assert((value == "t" || value == "f") && "column is not a boolean");
  return value == "t";
}

double PgResult::float64(int row, int column) const {
  // strtod rather than from_chars: PostgreSQL writes "Infinity" and "NaN", which strtod reads.
  const std::string value(text(row, column));
  char* end = nullptr;
  const double number = std::strtod(value.c_str(), &end);
  assert(end == value.c_str() + value.size() && "column is not a number");
  return number;
}

std::string PgResult::bytea(int row, int column) const {
  const std::string_view hex = text(row, column);
  assert(hex.starts_with("\\x") && hex.size() % 2 == 0 && "column is not a bytea in hex output");
  std::string bytes;
  bytes.reserve(hex.size() / 2 - 1);
  for (std::size_t i = 2; i + 1 < hex.size(); i += 2) {
    const int high = hex_value(hex[i]);
    const int low = hex_value(hex[i + 1]);
    assert(high >= 0 && low >= 0);
    bytes += static_cast<char>(high * 16 + low);
  }
  return bytes;
}

std::optional<std::string> PgResult::optional_text(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return std::string(text(row, column));
}

std::optional<std::int64_t> PgResult::optional_int64(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return int64(row, column);
}

std::optional<bool> PgResult::optional_boolean(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return boolean(row, column);
}

}  // namespace passerelle::hub::pg
