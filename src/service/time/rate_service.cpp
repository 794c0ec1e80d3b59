#include "service/time/rate_service.h"

#include <array>

#include "core/policy.h"
#include "service/hierarchy/hierarchy_rules.h"
#include "service/time/time_rules.h"
#include "store/items/item_repository.h"

namespace tandem::service {

namespace {

Status require_rates(const Actor& actor) {
  if (!Policy::can(actor, Action::manage_rates))
    return Error::make(ErrorCode::forbidden, "only admins manage hourly rates");
  return {};
}

// The keys named in `body` (0 for the missing ones), each checked to exist. `rate_allowed`: the body may
// also carry hourly_rate. Errors: validation_failed.
Result<store::RateRow> checked_keys(store::Txn& txn, const nlohmann::json& body, bool rate_allowed) {
  struct Key {
    std::string_view field;
    std::string_view table;
    std::int64_t store::RateRow::*member;
  };
  constexpr std::array<Key, 3> kKeys = {
      {{"user_id", "users", &store::RateRow::user_id},
       {"project_id", "projects", &store::RateRow::project_id},
       {"organization_id", "organizations", &store::RateRow::organization_id}}};
  if (!body.is_object()) return invalid("rate", "a rate is a JSON object");
  store::RateRow rate;
  for (const auto& [name, value] : body.items()) {
    if (name == "hourly_rate" && rate_allowed) continue;
    const auto key = std::find_if(kKeys.begin(), kKeys.end(), [&](const Key& k) { return k.field == name; });
    if (key == kKeys.end()) return invalid(name, "a rate has no field " + name);
    if (value.is_null()) continue;
    if (!value.is_number_integer() || value.get<std::int64_t>() <= 0)
      return invalid(name, name + " must be an id or null");
    TANDEM_ASSIGN(const bool exists, store::row_exists(txn, key->table, value.get<std::int64_t>()));
    if (!exists)
      return invalid(name, "there is no such " + std::string(key->table.substr(0, key->table.size() - 1)));
    rate.*(key->member) = value.get<std::int64_t>();
  }
  return rate;
}

nlohmann::json keys_json(const store::RateRow& rate) {
  return {
      {"user_id", rate.user_id}, {"project_id", rate.project_id}, {"organization_id", rate.organization_id}};
}

}  // namespace

Result<std::vector<store::RateRow>> RateService::list(const Actor& actor) {
  TANDEM_TRY(require_rates(actor));
  std::vector<store::RateRow> rates;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(rates, store::list_rates(txn));
    return {};
  }));
  return rates;
}

Result<store::RateRow> RateService::put(const Actor& actor, const nlohmann::json& body) {
  TANDEM_TRY(require_rates(actor));
  const auto amount = body.is_object() ? body.find("hourly_rate") : body.end();
  if (!body.is_object() || amount == body.end() || !amount->is_number())
    return invalid("hourly_rate", "hourly_rate is required: an amount per hour, e.g. 120.5");
  TANDEM_ASSIGN(const std::int64_t cents, cents_of(amount->get<double>(), "hourly_rate"));
  store::RateRow rate;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(rate, checked_keys(txn, body, true));
    rate.rate_cents = cents;
    const TimestampMs now = clock_.now_ms();
    TANDEM_TRY(store::put_rate(txn, rate, now));
    nlohmann::json payload = keys_json(rate);
    payload["rate_cents"] = cents;
    return record_event(txn, actor, now, "rate", 0, "rate.changed", payload);
  }));
  return rate;
}

Status RateService::remove(const Actor& actor, const nlohmann::json& body) {
  TANDEM_TRY(require_rates(actor));
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto keys, checked_keys(txn, body, false));
    TANDEM_ASSIGN(const bool deleted, store::delete_rate(txn, keys));
    if (!deleted) return Error::make(ErrorCode::not_found, "no rate has these keys");
    return record_event(txn, actor, clock_.now_ms(), "rate", 0, "rate.deleted", keys_json(keys));
  });
}

}  // namespace tandem::service
