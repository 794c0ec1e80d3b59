#include "service/email/reply_address.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "service/auth/secrets.h"
#include "store/settings/settings_repository.h"

namespace tandem::service {

namespace {

constexpr std::size_t kTokenChars = 8;

// The first kTokenChars hex digits of a keyed BLAKE2b hash of the number.
std::string token_of(std::int64_t item_number, std::string_view secret) {
  const std::string number = std::to_string(item_number);
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(number.data()),
                     number.size(), reinterpret_cast<const unsigned char*>(secret.data()),
                     std::min<std::size_t>(secret.size(), crypto_generichash_KEYBYTES_MAX));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (std::size_t i = 0; token.size() < kTokenChars; ++i) {
    token += kHex[digest[i] >> 4];
    token += kHex[digest[i] & 0xf];
  }
  return token;
}

}  // namespace

Result<std::string> load_mail_secret(store::Txn& txn) {
  TANDEM_ASSIGN(const auto stored, store::load_setting(txn, "mail_secret"));
  if (!stored) return Error::internal_error("the store has no mail secret");
  return nlohmann::json::parse(*stored).get<std::string>();
}

std::string reply_address(std::string_view inbound_address, std::int64_t item_number,
                          std::string_view secret) {
  const auto at = inbound_address.find('@');
  const std::string_view local = inbound_address.substr(0, at);
  const std::string_view domain = at == std::string_view::npos ? "" : inbound_address.substr(at);
  return std::string(local) + "+" + std::to_string(item_number) + "-" + token_of(item_number, secret) +
         std::string(domain);
}

std::optional<std::int64_t> item_number_of_reply_address(std::string_view address, std::string_view secret) {
  const auto at = address.find('@');
  const std::string_view local = address.substr(0, at);
  const auto plus = local.rfind('+');
  if (plus == std::string_view::npos) return std::nullopt;
  const std::string_view tag = local.substr(plus + 1);
  const auto dash = tag.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(tag.data(), tag.data() + dash, number);
  if (error != std::errc() || end != tag.data() + dash || number <= 0) return std::nullopt;
  std::string token(tag.substr(dash + 1));
  std::transform(token.begin(), token.end(), token.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!constant_time_equals(token, token_of(number, secret))) return std::nullopt;
  return number;
}

std::string new_message_id(std::int64_t item_number, std::string_view domain) {
  return "tandem." + std::to_string(item_number) + "." + random_token(12) + "@" + std::string(domain);
}

}  // namespace tandem::service
