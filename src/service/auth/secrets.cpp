#include "service/auth/secrets.h"

#include <sodium.h>

#include <cstdlib>
#include <vector>

#include "core/waiting.h"

namespace tandem::service {

namespace {

// OWASP's argon2id minimum: 19 MiB, 2 iterations. Enough to make offline guessing costly, cheap enough
// for a login endpoint on a small server.
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19 * 1024 * 1024;

}  // namespace

void init_secrets() {
  if (sodium_init() < 0) std::abort();
}

Result<std::string> hash_password(std::string_view password) {
  return run_blocking([&]() -> Result<std::string> {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
      return Error::internal_error("argon2id hashing failed (out of memory?)");
    return std::string(out);
  });
}

const std::string& dummy_password_hash() {
  static const std::string hash = hash_password(random_token()).value();
  return hash;
}

bool verify_password(std::string_view hash, std::string_view password) {
  const std::string terminated(hash);
  return run_blocking(
      [&] { return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0; });
}

std::string random_token(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string hash_secret(std::string_view secret) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tandem::service
