// Request and response pieces the hierarchy resources share: pages in (position, id) order and boolean
// query parameters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "net/http.h"
#include "store/hierarchy/ordering.h"

namespace tandem::api {

/// `?limit=` (1..200, default 50) and `?cursor=` of a list in (position, id) order.
struct PositionPage {
  int limit = 50;
  std::optional<store::PositionCursor> after;
};

/// The page a request asks for. Errors: validation_failed (field "cursor") for a cursor this server did not
/// hand out.
Result<PositionPage> position_page(const net::Request& request);
/// `{"data":items,"next_cursor":…}` where the cursor points after (last_position, last_id) when the page is
/// full, and is null otherwise.
net::Response position_page_response(nlohmann::json items, const PositionPage& page, double last_position,
                                     std::int64_t last_id);

/// The boolean query parameter `name`: "true" or "false", `fallback` when absent. Errors: validation_failed.
Result<bool> bool_query(const net::Request& request, std::string_view name, bool fallback);

}  // namespace tandem::api
