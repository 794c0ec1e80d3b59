// Route registration, one function per resource file.
#pragma once

#include "core/result.h"
#include "net/http.h"
#include "service/users/user_service.h"
#include "store/files/file_repository.h"

namespace tandem::api {

class ApiApp;
struct RequestContext;

/// /api/v1/auth/login, /api/v1/auth/logout, /api/v1/me, /api/v1/me/tokens.
void register_auth_routes(ApiApp& app);
/// /api/v1/users.
void register_user_routes(ApiApp& app);
/// The user fields a PATCH body changes (name, role, app_levels, language). Errors: validation_failed.
Result<service::UserChanges> user_changes(const net::Request& request);
/// /api/v1/item-types, /api/v1/statuses, /api/v1/custom-fields.
void register_catalog_routes(ApiApp& app);
/// /api/v1/search.
void register_search_routes(ApiApp& app);
/// /api/v1/teams and their members.
void register_team_routes(ApiApp& app);
/// /api/v1/portfolios and the projects in them.
void register_portfolio_routes(ApiApp& app);
/// /api/v1/projects with their members and followers.
void register_project_routes(ApiApp& app);
/// /api/v1/projects/{id}/folders, /api/v1/folders and the navigation tree /api/v1/tree.
void register_folder_routes(ApiApp& app);
/// /api/v1/items (items, conversion, history, links), /api/v1/events, and the item web links.
void register_item_routes(ApiApp& app);
/// /healthz, /readyz, /metrics, /api/v1/openapi.json.
void register_ops_routes(ApiApp& app);
/// /api/v1/files: uploads, metadata and content.
void register_file_routes(ApiApp& app);
/// /api/v1/items/{id}/messages and /api/v1/items/{id}/attachments.
void register_message_routes(ApiApp& app);
/// /api/v1/settings/modules: the module switches.
void register_settings_routes(ApiApp& app);
/// /api/v1/projects/{id}/join-requests and /api/v1/join-requests.
void register_join_request_routes(ApiApp& app);

/// /api/v1/organizations, /api/v1/customers (invitations, conversion),
/// /api/v1/users/{id}/convert-to-customer, /api/v1/projects/share and /api/v1/settings/portal.
void register_customer_routes(ApiApp& app);
/// /portal/api/v1: customer sign-in, items, tickets, replies, follows, messages and files.
void register_portal_routes(ApiApp& app);

/// Stores the file of a streamed multipart upload (the part named `file`) as the request's actor.
/// Errors: those of FileService::upload.
Result<store::FileRow> receive_upload(ApiApp& app, RequestContext& context);
/// /api/v1/timers: start, pause, resume and stop timers.
void register_timer_routes(ApiApp& app);
/// /api/v1/timesheets: entry, import, the approval steps, invoicing and actual work; the time of a portal
/// item (/portal/api/v1/items/{id}/time).
void register_timesheet_routes(ApiApp& app);
/// /api/v1/reports/timesheets and its invoice-ready report.
void register_report_routes(ApiApp& app);
/// /api/v1/settings/time and /api/v1/rates.
void register_time_settings_routes(ApiApp& app);

/// The content of file `{id}` as the request's actor may read it (attachment download, sniffed type,
/// SHA-256 ETag). Errors: not_found.
Result<net::Response> file_download(ApiApp& app, RequestContext& context);

}  // namespace tandem::api
