#include "service/email_out/curl_handle.h"

#include <mutex>

namespace tandem::service {

namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

CurlHandle::CurlHandle(CURL* handle) : handle_(handle), error_buffer_(CURL_ERROR_SIZE + 1, '\0') {
  curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error_buffer_.data());
}

CurlHandle::CurlHandle(CurlHandle&& other) noexcept
    : handle_(other.handle_), error_buffer_(std::move(other.error_buffer_)) {
  other.handle_ = nullptr;
  if (handle_) curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error_buffer_.data());
}

CurlHandle::~CurlHandle() {
  if (handle_) curl_easy_cleanup(handle_);
}

Result<CurlHandle> CurlHandle::make(MailSecurity security, const std::string& user,
                                    const std::string& password, std::chrono::seconds connect_timeout,
                                    std::chrono::seconds timeout) {
  global_init();
  CURL* raw = curl_easy_init();
  if (!raw) return Error::make(ErrorCode::internal, "libcurl could not make a handle");
  CurlHandle handle(raw);
  curl_easy_setopt(raw, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(raw, CURLOPT_CONNECTTIMEOUT, static_cast<long>(connect_timeout.count()));
  curl_easy_setopt(raw, CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));
  if (security == MailSecurity::starttls)
    curl_easy_setopt(raw, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!user.empty()) {
    curl_easy_setopt(raw, CURLOPT_USERNAME, user.c_str());
    curl_easy_setopt(raw, CURLOPT_PASSWORD, password.c_str());
  }
  return handle;
}

Status CurlHandle::perform(const std::string& what) {
  error_buffer_[0] = '\0';
  const CURLcode code = curl_easy_perform(handle_);
  if (code == CURLE_OK) return {};
  const std::string reason = error_buffer_[0] ? error_buffer_.c_str() : curl_easy_strerror(code);
  return Error::make(ErrorCode::unavailable, what + ": " + reason);
}

}  // namespace tandem::service
