// Per-item reply addresses and Tandem's own Message-IDs: what lets a reply find its ticket when the mail
// client dropped the headers. A reply address is the inbound address with "+NUMBER-TOKEN" after its local
// part (support+1042-k3j9x2ab@example.com); the token is a keyed hash of the number under the store's mail
// secret, so knowing a ticket number alone does not let anyone write into it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/database.h"

namespace tandem::service {

/// The store's mail secret (created by the migration that added mail threading).
Result<std::string> load_mail_secret(store::Txn& txn);

/// The reply address of item number `item_number` under `inbound_address` (e.g. support@example.com).
std::string reply_address(std::string_view inbound_address, std::int64_t item_number,
                          std::string_view secret);

/// The item number in a reply address made by reply_address for one of the inbound addresses' local
/// parts, or nullopt when `address` is not one or its token is wrong. Case-insensitive.
std::optional<std::int64_t> item_number_of_reply_address(std::string_view address, std::string_view secret);

/// A new Message-ID (without angle brackets) for mail about item number `item_number`, in `domain`.
std::string new_message_id(std::int64_t item_number, std::string_view domain);

}  // namespace tandem::service
