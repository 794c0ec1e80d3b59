// Whether an actor may change an item: the facts the Policy decides on, gathered from the store.
#pragma once

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/policy.h"
#include "core/result.h"
#include "store/database.h"

namespace tandem::service {

/// What the Policy needs to decide on changing or deleting `item` (its API JSON) as `actor`.
Result<ItemFacts> item_facts(store::Txn& txn, const Actor& actor, const nlohmann::json& item);

/// Ok when Policy::can_change_item lets `actor` change `item` (its API JSON); else forbidden.
Status check_may_change_item(store::Txn& txn, const Actor& actor, const nlohmann::json& item);

}  // namespace tandem::service
