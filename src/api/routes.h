// Route registration, one function per resource file.
#pragma once

namespace tandem::api {

class ApiApp;

/// /api/v1/auth/login, /api/v1/auth/logout, /api/v1/me, /api/v1/me/tokens.
void register_auth_routes(ApiApp& app);
/// /api/v1/users.
void register_user_routes(ApiApp& app);
/// /healthz, /readyz, /metrics, /api/v1/openapi.json.
void register_ops_routes(ApiApp& app);
/// /api/v1/files: uploads, metadata and content.
void register_file_routes(ApiApp& app);
/// /api/v1/items/{id}/messages and /api/v1/items/{id}/attachments.
void register_message_routes(ApiApp& app);

}  // namespace tandem::api
