// Idempotency-Key on POST: the first answer of a request is kept for a day and replayed to retries.
#pragma once

#include <functional>

#include "net/http.h"
#include "service/services.h"

namespace tandem::api {

/// Answers `request` with `run()` the first time its actor sends its Idempotency-Key, and with the stored
/// answer (plus `Idempotent-Replayed: true`) on every retry. Only 2xx answers are kept, so a failed
/// request may be retried. Reusing a key for another request → 422; a retry while the first is still
/// running → 409. Requests without the header, or from anonymous actors, just run.
net::Response answer_idempotently(service::Services& services, net::Request& request,
                                  const std::function<net::Response()>& run);

}  // namespace tandem::api
