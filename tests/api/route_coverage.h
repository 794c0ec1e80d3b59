// Which documented routes the rows of matrix files exercise.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "matrix_file.h"

namespace tandem::api_test {

/// Every operation of an OpenAPI document, as "METHOD /pattern" (e.g. "GET /api/v1/items/{id}").
std::set<std::string> documented_routes(const nlohmann::json& document);

/// The route of `routes` that a request `method` `target` (as written in a row) exercises: same method, the
/// same number of path segments, each equal or standing for a `{parameter}` segment; when several match,
/// the one with the most equal segments. nullopt when none does.
std::optional<std::string> route_of(std::string_view method, std::string_view target,
                                    const std::set<std::string>& routes);

/// The rows of `files` that exercise no route of `routes` (a typo, or an undocumented endpoint), each as
/// "PATH:LINE: METHOD /target".
std::vector<std::string> rows_without_route(const std::set<std::string>& routes,
                                            const std::vector<MatrixFile>& files);

/// The routes of `routes` that no row of `files` exercises, in order.
std::vector<std::string> uncovered_routes(const std::set<std::string>& routes,
                                          const std::vector<MatrixFile>& files);

}  // namespace tandem::api_test
