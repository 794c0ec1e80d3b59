#include <charconv>

#include "api/api_app.h"
#include "api/etag.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "api/serializers.h"

namespace tandem::api {

namespace {

std::string item_etag(const store::ItemJson& item) {
  return version_etag('i', item.id, item.version);
}

net::Response item_response(int status, store::ItemJson item) {
  net::Response response = net::Response::json(status, std::move(item.json));
  response.headers.add("ETag", item_etag(item));
  response.headers.add("Cache-Control", "private, no-cache");
  return response;
}

// `?after=` and `?limit=` of history-like lists.
std::pair<std::int64_t, int> after_and_limit(const net::Request& request, int default_limit) {
  std::int64_t after = 0;
  int limit = default_limit;
  const std::string after_text = request.query_param("after"), limit_text = request.query_param("limit");
  std::from_chars(after_text.data(), after_text.data() + after_text.size(), after);
  std::from_chars(limit_text.data(), limit_text.data() + limit_text.size(), limit);
  return {std::max<std::int64_t>(after, 0), limit};
}

Result<net::Response> list_items(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto page, app.services().items.list_items(context.actor(), context.request.query_params()));
  std::string body = "{\"data\":[";
  for (std::size_t i = 0; i < page.items.size(); ++i) (body += i ? "," : "") += page.items[i].json;
  body += "],\"next_cursor\":" +
          (page.next_cursor.empty() ? std::string("null") : "\"" + page.next_cursor + "\"");
  if (page.groups) body += ",\"groups\":" + page.groups->dump();
  body += "}";
  net::Response response = net::Response::json(200, std::move(body));
  response.headers.add("Cache-Control", "no-store");
  return response;
}

Result<net::Response> create_item(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  const std::string_view source = context.request.session_id != 0 ? "agent" : "api";
  TANDEM_ASSIGN(auto item, app.services().items.create_item(context.actor(), body, source));
  const std::string location = "/api/v1/items/" + std::to_string(item.id);
  net::Response response = item_response(201, std::move(item));
  response.headers.add("Location", location);
  return response;
}

Result<net::Response> get_item(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto item, app.services().items.get_item(context.actor(), id));
  if (context.request.headers.get("If-None-Match") == item_etag(item)) {
    net::Response response = net::Response::empty(304);
    response.headers.add("ETag", item_etag(item));
    return response;
  }
  return item_response(200, std::move(item));
}

Result<net::Response> update_item(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto item, app.services().items.update_item(context.actor(), id, body,
                                                            if_match_versions(context.request, 'i', id)));
  return item_response(200, std::move(item));
}

Result<net::Response> convert_item(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(const auto type, string_field(body, "type"));
  TANDEM_ASSIGN(auto item, app.services().items.convert_item(context.actor(), id, type));
  return item_response(200, std::move(item));
}

Result<net::Response> delete_item(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_TRY(app.services().items.delete_item(context.actor(), id));
  return net::Response::empty(204);
}

Result<net::Response> item_history(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  const auto [after, limit] = after_and_limit(context.request, 100);
  TANDEM_ASSIGN(auto events, app.services().items.item_history(context.actor(), id, after, limit));
  nlohmann::json data = nlohmann::json::array();
  for (const auto& event : events) data.push_back(event_json(event));
  const bool more = static_cast<int>(events.size()) == std::clamp(limit, 1, 200);
  return page_response(std::move(data), more ? std::to_string(events.back().id) : "");
}

Result<net::Response> list_links(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto links, app.services().items.list_links(context.actor(), id));
  nlohmann::json data = nlohmann::json::array();
  for (const auto& link : links) data.push_back(link_json(link));
  return page_response(std::move(data), "");
}

Result<net::Response> add_link(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto link, app.services().items.add_link(context.actor(), id, body));
  return json_response(201, link_json(link));
}

Result<net::Response> remove_link(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(const auto link_id, id_param(context.request, "link_id"));
  TANDEM_TRY(app.services().items.remove_link(context.actor(), id, link_id));
  return net::Response::empty(204);
}

Result<net::Response> event_feed(ApiApp& app, RequestContext& context) {
  const auto [after, limit] = after_and_limit(context.request, 100);
  TANDEM_ASSIGN(auto page, app.services().events.page(context.actor(), after, limit));
  nlohmann::json data = nlohmann::json::array();
  for (const auto& event : page.events) data.push_back(event_json(event));
  return json_response(200, {{"data", std::move(data)},
                             {"next_cursor", std::to_string(page.last_scanned_id)},
                             {"has_more", page.more}});
}

// Old web links to an item (/tickets/N, /tasks/N, /items/N): 301 to its current address when that
// differs and the signed-in actor may see it; 404 module_disabled when its type's module is off;
// otherwise the web app answers as for any page.
Result<net::Response> item_web_link(ApiApp& app, RequestContext& context) {
  const std::string_view text = context.request.param("number");
  std::int64_t number = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec == std::errc() && ptr == text.data() + text.size() && number > 0 &&
      context.actor().is_authenticated()) {
    auto url = app.services().items.item_url(context.actor(), number);
    if (!url.ok() && url.error().code == ErrorCode::module_disabled) return std::move(url).error();
    if (url.ok() && url.value() != context.request.path) {
      net::Response response = net::Response::empty(301);
      response.headers.add("Location", url.value());
      return response;
    }
  }
  return app.web_page(context.request);
}

}  // namespace

void register_item_routes(ApiApp& app) {
  const auto route = [&app](auto handler) {
    return [&app, handler](RequestContext& context) { return handler(app, context); };
  };
  app.add("GET", "/api/v1/items", Access::signed_in, route(list_items));
  app.add("POST", "/api/v1/items", Access::signed_in, route(create_item));
  app.add("GET", "/api/v1/items/{id}", Access::signed_in, route(get_item));
  app.add("PATCH", "/api/v1/items/{id}", Access::signed_in, route(update_item));
  app.add("DELETE", "/api/v1/items/{id}", Access::signed_in, route(delete_item));
  app.add("POST", "/api/v1/items/{id}/convert", Access::signed_in, route(convert_item));
  app.add("GET", "/api/v1/items/{id}/history", Access::signed_in, route(item_history));
  app.add("GET", "/api/v1/items/{id}/links", Access::signed_in, route(list_links));
  app.add("POST", "/api/v1/items/{id}/links", Access::signed_in, route(add_link));
  app.add("DELETE", "/api/v1/items/{id}/links/{link_id}", Access::signed_in, route(remove_link));
  app.add("GET", "/api/v1/events", Access::signed_in, route(event_feed));
  for (const char* prefix : {"/tickets/", "/tasks/", "/items/"})
    app.add("GET", std::string(prefix) + "{number}", Access::anyone, route(item_web_link));
}

}  // namespace tandem::api
