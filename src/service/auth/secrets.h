// Password hashing (argon2id) and random secrets for sessions and tokens, on libsodium.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace tandem::service {

/// Makes sure libsodium is initialised; call once at start. Aborts the process if it cannot be.
void init_secrets();
/// Hashes a password with argon2id into a self-describing string (on a worker when called on a request
/// fiber, see core/waiting.h). Errors: `internal` when out of memory.
Result<std::string> hash_password(std::string_view password);
/// True when `password` matches `hash` (a string from hash_password). Constant-time in the password; runs
/// where hash_password does.
bool verify_password(std::string_view hash, std::string_view password);
/// The hash of a random password, made on the first call (it takes as long as hash_password) and kept:
/// verified against when an account has no hash, so the time a sign-in takes does not tell. Thread-safe.
/// Throws when hashing fails (out of memory), and hashes again on the next call.
const std::string& dummy_password_hash();
/// `bytes` random bytes as unpadded base64url text.
std::string random_token(std::size_t bytes = 32);
/// The SHA-256 of `secret` as lowercase hex: how secrets are stored and looked up.
std::string hash_secret(std::string_view secret);
/// Compares two strings in time independent of where they differ.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace tandem::service
