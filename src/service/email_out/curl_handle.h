// A libcurl easy handle set up for a mail server: TLS as the settings ask (STARTTLS required when asked
// for), a login when a user is set, timeouts, and an error text for failures.
#pragma once

#include <chrono>
#include <string>

#include <curl/curl.h>

#include "core/result.h"
#include "service/email/email_settings.h"

namespace tandem::service {

class CurlHandle {
 public:
  /// A handle with `security`, the login (none when `user` is empty) and the timeouts set.
  /// Errors: internal (libcurl could not make a handle).
  static Result<CurlHandle> make(MailSecurity security, const std::string& user, const std::string& password,
                                 std::chrono::seconds connect_timeout, std::chrono::seconds timeout);
  CurlHandle(CurlHandle&& other) noexcept;
  CurlHandle& operator=(CurlHandle&&) = delete;
  ~CurlHandle();

  CURL* get() const { return handle_; }
  /// Runs the transfer set up on the handle. Errors: unavailable naming `what` and libcurl's reason.
  Status perform(const std::string& what);

 private:
  explicit CurlHandle(CURL* handle);

  CURL* handle_;
  std::string error_buffer_;
};

}  // namespace tandem::service
