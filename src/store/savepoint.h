// Part of a write transaction that may fail alone: its changes are undone, the rest of the transaction stays.
#pragma once

#include "store/database.h"

namespace tandem::store {

/// Runs `fn` in a savepoint of `txn`: when it fails (or throws), only its changes are undone and its error
/// is returned. Errors: fn's, or the store's.
Status in_savepoint(Txn& txn, const TxnFn& fn);

}  // namespace tandem::store
