// Runs the cases of one file in order against a server, carrying captured variables and cookie jars along.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "case_file.h"
#include "cookie_jar.h"
#include "text_expansion.h"

namespace tandem::api_test {

class CaseRunner {
 public:
  CaseRunner(std::string host, int port) : host_(std::move(host)), port_(port) {}

  /// Sends the request of `c` (`c.repeat` times) and checks each response. Returns nullopt when every
  /// response was as expected, else a report of what differed with the request, the expectation and the
  /// response.
  std::optional<std::string> run(const Case& c);

  /// Sends `request` with the cookies of jar `jar` (which the response leaves unchanged), its ${NAME}s filled
  /// from the captured variables and then `extra`. Throws UndefinedVariable.
  HttpExchange send(const RequestSpec& request, const std::string& jar, const Variables& extra);

  /// The variables captured so far.
  const Variables& variables() const { return variables_; }

 private:
  std::optional<std::string> run_once(const Case& c);
  std::string build_request(const RequestSpec& spec, const CookieJar& jar, const Variables& variables) const;
  Expectation expand_expectation(Expectation expect) const;
  std::string explain_undefined(const UndefinedVariable& error) const;

  std::string host_;
  int port_;
  Variables variables_;
  std::map<std::string, int> failed_captures_;  // variable name -> line of the capture that did not happen
  std::map<std::string, CookieJar, std::less<>> jars_;
};

}  // namespace tandem::api_test
