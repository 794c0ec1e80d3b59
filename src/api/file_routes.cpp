#include "api/api_app.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "api/serializers.h"
#include "service/files/file_names.h"

namespace tandem::api {

Result<store::FileRow> receive_upload(ApiApp& app, RequestContext& context) {
  const net::Request& request = context.request;
  if (request.body_file.empty())
    return Error::internal_error("an upload reached its handler without a spooled body");
  return app.services().files.upload(context.actor(), request.body_file, request.headers.get("Content-Type"));
}

namespace {

Result<net::Response> upload_file(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto file, receive_upload(app, context));
  net::Response response = json_response(201, file_json(file));
  response.headers.add("Location", "/api/v1/files/" + std::to_string(file.id));
  return response;
}

Result<net::Response> get_file(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto file, app.services().files.get_file(context.actor(), id));
  return json_response(200, file_json(file));
}

}  // namespace

// The content, typed as sniffed at upload, offered for download (only safe raster images inline). Contents
// never change, so the SHA-256 is the ETag.
Result<net::Response> file_download(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto content, app.services().files.open_file(context.actor(), id));
  const store::FileRow& file = content.file;
  net::Response response;
  const std::string etag = "\"" + file.sha256 + "\"";
  response.headers.add("ETag", etag);
  response.headers.add("Cache-Control", "private");
  response.headers.add("X-Content-Type-Options", "nosniff");
  if (context.request.headers.get("If-None-Match") == etag) {
    response.status = 304;
    return response;
  }
  response.headers.add("Content-Type", file.mime);
  response.headers.add("Content-Disposition",
                       service::content_disposition(file.name, service::displays_inline(file.mime)));
  response.headers.add("Content-Security-Policy", "sandbox");
  response.file_path = content.path.string();
  return response;
}

void register_file_routes(ApiApp& app) {
  app.add("POST", std::string(kUploadPath), Access::signed_in,
          [&app](RequestContext& c) { return upload_file(app, c); });
  app.add("GET", "/api/v1/files/{id}", Access::signed_in,
          [&app](RequestContext& c) { return get_file(app, c); });
  app.add("GET", "/api/v1/files/{id}/content", Access::signed_in,
          [&app](RequestContext& c) { return file_download(app, c); });
}

}  // namespace tandem::api
