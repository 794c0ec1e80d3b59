#include "net/router.h"

#include <algorithm>

namespace tandem::net {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  out.reserve(8);
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  return out;
}

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool segments_match(const std::vector<std::string>& pattern, const std::vector<std::string_view>& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i)
    if (!is_param(pattern[i]) && pattern[i] != path[i]) return false;
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
  Route route{std::move(method), std::move(pattern), {}, std::move(handler)};
  for (auto segment : split_path(route.pattern)) {
    route.segments.emplace_back(segment);
    route.literals += is_param(segment) ? 0 : 1;
  }
  auto methods = std::find_if(by_method_.begin(), by_method_.end(),
                              [&](const MethodRoutes& routes) { return routes.method == route.method; });
  if (methods == by_method_.end()) methods = by_method_.insert(methods, MethodRoutes{route.method, {}});
  if (methods->by_length.size() <= route.segments.size())
    methods->by_length.resize(route.segments.size() + 1);
  methods->by_length[route.segments.size()].push_back(routes_.size());
  routes_.push_back(std::move(route));
}

void Router::find_best(std::string_view method, const std::vector<std::string_view>& parts,
                       const Route*& best) const {
  for (const MethodRoutes& methods : by_method_) {
    if (methods.method != method) continue;
    if (parts.size() >= methods.by_length.size()) return;
    for (const std::size_t index : methods.by_length[parts.size()]) {
      const Route& route = routes_[index];
      if ((!best || route.literals > best->literals) && segments_match(route.segments, parts)) best = &route;
    }
    return;
  }
}

Router::Match Router::match(std::string_view method, std::string_view path,
                            std::vector<std::pair<std::string, std::string>>& params) const {
  const auto parts = split_path(path);
  const Route* best = nullptr;
  Match result;
  find_best(method, parts, best);
  if (method == "HEAD") find_best("GET", parts, best);
  if (!best) {  // the methods the path does take, if any
    for (const auto& route : routes_)
      if (segments_match(route.segments, parts))
        result.allowed += (result.allowed.empty() ? "" : ", ") + route.method;
    result.outcome = result.allowed.empty() ? Outcome::not_found : Outcome::method_not_allowed;
    return result;
  }
  params.clear();
  for (std::size_t i = 0; i < best->segments.size(); ++i)
    if (is_param(best->segments[i]))
      params.emplace_back(best->segments[i].substr(1, best->segments[i].size() - 2),
                          percent_decode(parts[i]));
  result.outcome = Outcome::matched;
  result.handler = &best->handler;
  result.pattern = best->pattern;
  result.allowed.clear();
  return result;
}

std::vector<Router::RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const auto& route : routes_) out.push_back({route.method, route.pattern});
  return out;
}

}  // namespace tandem::net
