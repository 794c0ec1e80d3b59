// Result<T>: a value or an Error. Expected failures travel as values, never as exceptions.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "core/error.h"

namespace tandem {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  /// True when a value is held.
  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  /// The value; only valid when ok().
  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  /// The error; only valid when !ok().
  const Error& error() const& {
    assert(!ok());
    return std::get<1>(state_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

/// Success or an Error, for operations without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT: implicit by design

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    assert(failed_);
    return error_;
  }
  Error&& error() && {
    assert(failed_);
    return std::move(error_);
  }

 private:
  Error error_;
  bool failed_ = false;
};

/// Returns early from the enclosing function with the error of a failed Status or Result.
#define TANDEM_TRY(expr)                                                        \
  do {                                                                          \
    auto&& tandem_try_result_ = (expr);                                         \
    if (!tandem_try_result_.ok()) return std::move(tandem_try_result_).error(); \
  } while (0)

/// The Status of a Result, dropping its value.
template <typename T>
Status status_of(Result<T>&& result) {
  if (result.ok()) return {};
  return std::move(result).error();
}

#define TANDEM_CONCAT_INNER_(a, b) a##b
#define TANDEM_CONCAT_(a, b) TANDEM_CONCAT_INNER_(a, b)
/// Evaluates a Result; on error returns it from the enclosing function, else moves its value into `lhs`
/// (a declaration like `auto user` or an existing variable).
#define TANDEM_ASSIGN(lhs, expr)                                        \
  auto TANDEM_CONCAT_(tandem_assign_, __LINE__) = (expr);               \
  if (!TANDEM_CONCAT_(tandem_assign_, __LINE__).ok())                   \
    return std::move(TANDEM_CONCAT_(tandem_assign_, __LINE__)).error(); \
  lhs = std::move(TANDEM_CONCAT_(tandem_assign_, __LINE__)).value()

}  // namespace tandem
