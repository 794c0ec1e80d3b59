// The OpenAPI document (docs/openapi.yaml), converted to JSON at build time and embedded in the binary.
#pragma once

#include <string_view>

namespace tandem::api {

/// The OpenAPI document as JSON text.
std::string_view openapi_json();

}  // namespace tandem::api
