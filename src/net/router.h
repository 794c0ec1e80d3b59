// Maps (method, path) to a handler. Patterns are literal segments and `{name}` parameters:
// "/api/v1/users/{id}". Matching is by segments; literal segments win over parameters.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "net/http.h"

namespace tandem::net {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  enum class Outcome { matched, not_found, method_not_allowed };

  struct Match {
    Outcome outcome = Outcome::not_found;
    const Handler* handler = nullptr;  // set when matched; owned by the router
    std::string pattern;               // the matched route pattern
    std::string allowed;               // "GET, POST" when method_not_allowed
  };

  struct RouteInfo {
    std::string method;
    std::string pattern;
  };

  /// Registers a handler. Not thread-safe: add every route before the server starts.
  void add(std::string method, std::string pattern, Handler handler);
  /// Finds the route for a request and writes its path parameters into `params`. Thread-safe.
  Match match(std::string_view method, std::string_view path,
              std::vector<std::pair<std::string, std::string>>& params) const;
  /// Every registered (method, pattern), in registration order.
  std::vector<RouteInfo> routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "{x}" marks a parameter
    Handler handler;
    int literals = 0;  // segments that are not parameters: among routes matching a path, the most wins
  };
  // The routes of one method, by their number of segments: the only ones a path of that length can match.
  struct MethodRoutes {
    std::string method;
    std::vector<std::vector<std::size_t>> by_length;  // indexes into routes_
  };

  // Sets `best` to the route of `method` that matches `parts` with the most literal segments, if it beats
  // `best`.
  void find_best(std::string_view method, const std::vector<std::string_view>& parts,
                 const Route*& best) const;

  std::vector<Route> routes_;
  std::vector<MethodRoutes> by_method_;
};

}  // namespace tandem::net
