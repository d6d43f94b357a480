// Result<T>: the error-carrying return type used at every module boundary.
//
// Error policy (docs/ERROR_POLICY.md): a function that can fail for reasons outside the
// program's control (bad input, full disk, locked database) returns Result<T> or Status.
// Exceptions never cross a module boundary; assert() guards programming errors only.
// Modelled on C++23 std::expected, which libstdc++ 12 offers only in C++23 mode.
#pragma once

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace passerelle {

// Coarse classes a caller can branch on; the message carries the detail for humans.
enum class Errc {
  invalid_input,  // malformed data from outside: CSV, config, QR payload, command line
  not_found,      // a named thing does not exist
  conflict,       // the operation contradicts stored state (duplicate, constraint)
  io,             // the file system said no
  database,       // SQLite reported an error other than the above
  busy,           // another writer held the database for longer than the busy timeout
  unsupported,    // a newer format or schema than this build understands
  exhausted,      // a quota is used up: the same request may succeed once it is raised or freed
};

const char* errc_name(Errc code) noexcept;

struct Error {
  Errc code;
  std::string message;
};

inline Error make_error(Errc code, std::string message) {
  return Error{code, std::move(message)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  static_assert(!std::is_same_v<std::remove_cvref_t<T>, Error>, "Result<Error> is ambiguous");

  Result(const T& value) : state_(std::in_place_index<0>, value) {}          // NOLINT(google-explicit-constructor)
  Result(T&& value) : state_(std::in_place_index<0>, std::move(value)) {}    // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(google-explicit-constructor)
  template <class U>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::remove_cvref_t<U>, T> &&
           !std::is_same_v<std::remove_cvref_t<U>, Error> && !std::is_same_v<std::remove_cvref_t<U>, Result>)
      Result(U&& value)
      : state_(std::in_place_index<0>, T(std::forward<U>(value))) {}  // NOLINT

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(state_);
  }
  // By value, so that `for (auto& x : *make_result())` does not dangle.
  T value() && {
    assert(has_value());
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    assert(!has_value());
    return std::get<1>(state_);
  }
  Error&& error() && {
    assert(!has_value());
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const noexcept { return !failed_; }
  explicit operator bool() const noexcept { return !failed_; }
  const Error& error() const& {
    assert(failed_);
    return error_;
  }
  Error&& error() && {
    assert(failed_);
    return std::move(error_);
  }

 private:
  Error error_{Errc::invalid_input, {}};
  bool failed_ = false;
};

using Status = Result<void>;

}  // namespace passerelle

// Propagates a failed Result/Status out of the enclosing function.
#define PSL_TRY(expr)                                                                               \
  do {                                                                                              \
    if (auto psl_try_result_ = (expr); !psl_try_result_) return std::move(psl_try_result_).error(); \
  } while (false)

#define PSL_CONCAT_INNER_(a, b) a##b
#define PSL_CONCAT_(a, b) PSL_CONCAT_INNER_(a, b)

// `PSL_ASSIGN_OR_RETURN(auto x, f());` declares x from a successful Result or returns its error.
#define PSL_ASSIGN_OR_RETURN(lhs, expr) PSL_ASSIGN_OR_RETURN_IMPL_(PSL_CONCAT_(psl_r_, __LINE__), lhs, expr)
#define PSL_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp) return std::move(tmp).error();         \
  lhs = std::move(tmp).value()
