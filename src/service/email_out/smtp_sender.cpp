#include "service/email_out/smtp_sender.h"

#include <cstring>
#include <memory>

#include <curl/curl.h>

#include "service/email_out/curl_handle.h"

namespace tandem::service {

namespace {

struct Upload {
  std::string_view data;
  std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->sent);
  std::memcpy(buffer, upload->data.data() + upload->sent, n);
  upload->sent += n;
  return n;
}

std::string smtp_url(const SmtpRelay& relay) {
  return std::string(relay.security == MailSecurity::tls ? "smtps://" : "smtp://") + relay.host + ":" +
         std::to_string(relay.port);
}

}  // namespace

Status send_smtp(const SmtpRelay& relay, const Envelope& envelope, std::chrono::seconds connect_timeout,
                 std::chrono::seconds timeout) {
  if (relay.host.empty())
    return Error::make(ErrorCode::unavailable, "no SMTP relay is configured; the mail waits for one");
  TANDEM_ASSIGN(CurlHandle curl,
                CurlHandle::make(relay.security, relay.user, relay.password, connect_timeout, timeout));
  const std::string url = smtp_url(relay);
  const std::string from = "<" + envelope.from + ">";
  const std::string to = "<" + envelope.to + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
      curl_slist_append(nullptr, to.c_str()), curl_slist_free_all);
  Upload upload{envelope.message};
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  if (!relay.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, relay.ca_file.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(envelope.message.size()));
  return curl.perform("SMTP relay " + url);
}

}  // namespace tandem::service
