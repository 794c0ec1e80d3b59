#include "store/database.h"

#include <cmath>

namespace tandem::store {

std::int64_t Row::int64(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(std::llround(*p));
  if (auto p = std::get_if<std::string>(&v)) return std::strtoll(p->c_str(), nullptr, 10);
  return 0;
}

double Row::real(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::strtod(p->c_str(), nullptr);
  return 0;
}

std::string Row::text(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return {};
}

std::optional<std::int64_t> Row::opt_int64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return int64(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

Result<std::vector<Row>> Txn::all(std::string_view sql, const std::vector<Value>& params) {
  std::vector<Row> rows;
  TANDEM_TRY(exec(sql, params, [&](const Row& row) { rows.push_back(row); }));
  return rows;
}

Result<std::optional<Row>> Txn::one(std::string_view sql, const std::vector<Value>& params) {
  std::optional<Row> first;
  TANDEM_TRY(exec(sql, params, [&](const Row& row) {
    if (!first) first = row;
  }));
  return first;
}

}  // namespace tandem::store
