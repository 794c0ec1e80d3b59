// Versioned resources (items, projects): their strong ETag and the versions an If-Match accepts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "net/http.h"

namespace tandem::api {

/// The strong ETag of version `version` of the resource `id` of a kind ('i' item, 'p' project):
/// "i42.7", quotes included.
std::string version_etag(char kind, std::int64_t id, std::int64_t version);
/// The versions of resource `id` that the request's If-Match accepts: nullopt when there is no If-Match or
/// it is "*"; otherwise the versions its strong tags name for this resource (none, when no tag does).
std::optional<std::vector<std::int64_t>> if_match_versions(const net::Request& request, char kind,
                                                           std::int64_t id);

}  // namespace tandem::api
