#include "api/idempotency.h"

#include <nlohmann/json.hpp>

#include "api/error_response.h"
#include "service/auth/secrets.h"
#include "store/idempotency.h"

namespace tandem::api {

namespace {

constexpr TimestampMs kAbandonedAfterMs = 60'000;
constexpr std::string_view kRemembered[] = {"Content-Type", "Location", "ETag"};

bool acceptable_key(std::string_view key) {
  if (key.empty() || key.size() > 255) return false;
  for (const unsigned char c : key)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

net::Response replayed(const store::StoredResponse& stored) {
  net::Response response;
  response.status = stored.status;
  response.body = stored.body;
  const auto headers = nlohmann::json::parse(stored.headers, nullptr, false);
  if (headers.is_array())
    for (const auto& pair : headers)
      if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string())
        response.headers.add(pair[0].get<std::string>(), pair[1].get<std::string>());
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("Idempotent-Replayed", "true");
  return response;
}

}  // namespace

net::Response answer_idempotently(service::Services& services, net::Request& request,
                                  const std::function<net::Response()>& run) {
  const std::string key(request.headers.get("Idempotency-Key"));
  // An upload's body is in a file, not in `request.body`: it cannot be fingerprinted, so it just runs.
  if (request.method != "POST" || key.empty() || !request.actor.is_authenticated() ||
      !request.body_file.empty())
    return run();
  if (!acceptable_key(key))
    return error_response(
        Error::make(ErrorCode::validation_failed, "Idempotency-Key must be 1 to 255 visible ASCII characters")
            .with("field", "Idempotency-Key"),
        request.request_id);
  const std::string owner = request.actor.label();
  const std::string fingerprint =
      request.method + " " + request.target + " " + service::hash_secret(request.body);
  const TimestampMs now = services.clock.now_ms();
  store::IdempotencyClaim claim;
  Status claimed = services.db.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(claim,
                  store::claim_idempotency_key(txn, owner, key, fingerprint, now, now - kAbandonedAfterMs));
    return {};
  });
  if (!claimed.ok()) return error_response(claimed.error(), request.request_id);
  using Outcome = store::IdempotencyClaim::Outcome;
  if (claim.outcome == Outcome::replay) return replayed(*claim.response);
  if (claim.outcome == Outcome::different_request)
    return error_response(Error::make(ErrorCode::validation_failed,
                                      "this Idempotency-Key was used for a different request; use a new key")
                              .with("field", "Idempotency-Key"),
                          request.request_id);
  if (claim.outcome == Outcome::in_progress)
    return error_response(
        Error::make(ErrorCode::conflict, "a request with this Idempotency-Key is still running; retry later"),
        request.request_id);

  net::Response response = run();
  const bool keep = response.status >= 200 && response.status < 300 && response.file_path.empty();
  nlohmann::json headers = nlohmann::json::array();
  for (const auto name : kRemembered)
    if (response.headers.has(name))
      headers.push_back({std::string(name), std::string(response.headers.get(name))});
  Status stored = services.db.write([&](store::Txn& txn) -> Status {
    if (!keep) return store::release_idempotency_key(txn, owner, key);
    return store::complete_idempotency_key(txn, owner, key, {response.status, headers.dump(), response.body});
  });
  if (!stored.ok()) return error_response(stored.error(), request.request_id);
  return response;
}

}  // namespace tandem::api
