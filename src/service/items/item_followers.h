// Following an item outside the item editor: a customer in the portal, a mail sender let in by a reply.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"
#include "store/items/item_repository.h"

namespace tandem::service {

/// Applies `edit` to the item's followers. When that changes them, stores them, bumps the item's version
/// and records an `item.updated` event by `actor` with the followers before and after; else does nothing.
Status change_followers(store::Txn& txn, const Actor& actor, std::int64_t item_id,
                        const std::function<void(std::vector<store::Party>&)>& edit, TimestampMs now);

}  // namespace tandem::service
