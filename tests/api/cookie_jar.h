// The cookies one simulated client holds between requests.
#pragma once

#include <map>
#include <string>

#include "http_client.h"

namespace tandem::api_test {

class CookieJar {
 public:
  /// Applies each Set-Cookie of `response`: stores name=value; an empty value or Max-Age<=0 removes the
  /// cookie.
  void update(const HttpResponse& response);
  /// The value for a Cookie request header ("a=1; b=2"), or an empty string when the jar is empty.
  std::string header() const;

 private:
  std::map<std::string, std::string> cookies_;
};

}  // namespace tandem::api_test
