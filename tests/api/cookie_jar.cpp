#include "cookie_jar.h"

#include <string_view>

#include "text_util.h"

namespace tandem::api_test {
namespace {

// True when an attribute list (the part after the first ';') carries Max-Age=0 or a negative Max-Age.
bool expires_now(std::string_view attributes) {
  while (!attributes.empty()) {
    const auto end = attributes.find(';');
    const std::string_view attribute = trim(attributes.substr(0, end));
    const auto equals = attribute.find('=');
    if (equals != std::string_view::npos && equals_ignoring_case(attribute.substr(0, equals), "Max-Age")) {
      const std::string_view value = trim(attribute.substr(equals + 1));
      return value == "0" || value.starts_with('-');
    }
    if (end == std::string_view::npos) break;
    attributes.remove_prefix(end + 1);
  }
  return false;
}

}  // namespace

void CookieJar::update(const HttpResponse& response) {
  for (const std::string& set_cookie : response.header_values("Set-Cookie")) {
    const std::string_view text = set_cookie;
    const auto semicolon = text.find(';');
    const std::string_view pair = text.substr(0, semicolon);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    const std::string name(trim(pair.substr(0, equals)));
    const std::string_view value = trim(pair.substr(equals + 1));
    const bool removed =
        value.empty() || (semicolon != std::string_view::npos && expires_now(text.substr(semicolon + 1)));
    if (removed) {
      cookies_.erase(name);
    } else {
      cookies_[name] = std::string(value);
    }
  }
}

std::string CookieJar::header() const {
  std::string out;
  for (const auto& [name, value] : cookies_) {
    if (!out.empty()) out += "; ";
    out += name + "=" + value;
  }
  return out;
}

}  // namespace tandem::api_test
