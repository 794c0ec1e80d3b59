#include "route_coverage.h"

#include <cctype>

namespace tandem::api_test {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  path = path.substr(0, path.find('?'));
  std::vector<std::string_view> parts;
  std::size_t pos = 1;  // after the leading '/'
  while (pos <= path.size()) {
    const auto end = std::min(path.find('/', pos), path.size());
    parts.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return parts;
}

bool is_parameter(std::string_view segment) {
  return segment.starts_with('{') && segment.ends_with('}');
}

// How many segments of `target` equal those of `pattern`, or -1 when it does not match.
int match_score(std::string_view pattern, std::string_view target) {
  const auto wanted = segments(pattern);
  const auto given = segments(target);
  if (wanted.size() != given.size()) return -1;
  int score = 0;
  for (std::size_t k = 0; k < wanted.size(); ++k) {
    if (wanted[k] == given[k]) {
      ++score;
    } else if (!is_parameter(wanted[k]) || given[k].empty()) {
      return -1;
    }
  }
  return score;
}

}  // namespace

std::set<std::string> documented_routes(const nlohmann::json& document) {
  static const std::set<std::string, std::less<>> kMethods = {"get",     "put",  "post",  "delete",
                                                              "options", "head", "patch", "trace"};
  std::set<std::string> routes;
  for (const auto& [path, item] : document.at("paths").items()) {
    for (const auto& [key, operation] : item.items()) {
      if (!kMethods.contains(key)) continue;  // path-level parameters, summary, servers …
      std::string method = key;
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      routes.insert(method + " " + path);
    }
  }
  return routes;
}

std::optional<std::string> route_of(std::string_view method, std::string_view target,
                                    const std::set<std::string>& routes) {
  std::optional<std::string> best;
  int best_score = -1;
  for (const std::string& route : routes) {
    const auto space = route.find(' ');
    if (std::string_view(route).substr(0, space) != method) continue;
    const int score = match_score(std::string_view(route).substr(space + 1), target);
    if (score > best_score) {
      best = route;
      best_score = score;
    }
  }
  return best;
}

std::vector<std::string> rows_without_route(const std::set<std::string>& routes,
                                            const std::vector<MatrixFile>& files) {
  std::vector<std::string> strays;
  for (const MatrixFile& file : files) {
    for (const MatrixRow& row : file.rows) {
      if (!route_of(row.method, row.target, routes))
        strays.push_back(file.preamble.path + ":" + std::to_string(row.line) + ": " + row.method + " " +
                         row.target);
    }
  }
  return strays;
}

std::vector<std::string> uncovered_routes(const std::set<std::string>& routes,
                                          const std::vector<MatrixFile>& files) {
  std::set<std::string> covered;
  for (const MatrixFile& file : files) {
    for (const MatrixRow& row : file.rows) {
      if (auto route = route_of(row.method, row.target, routes)) covered.insert(std::move(*route));
    }
  }
  std::vector<std::string> missing;
  for (const std::string& route : routes)
    if (!covered.contains(route)) missing.push_back(route);
  return missing;
}

}  // namespace tandem::api_test
