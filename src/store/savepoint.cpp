#include "store/savepoint.h"

#include <exception>
#include <string>

namespace tandem::store {

Status in_savepoint(Txn& txn, const TxnFn& fn) {
  TANDEM_TRY(txn.exec("SAVEPOINT part", {}));
  Status status;
  try {
    status = fn(txn);
  } catch (const std::exception& e) {
    status = Error::internal_error(std::string("exception in transaction: ") + e.what());
  }
  if (!status.ok()) TANDEM_TRY(txn.exec("ROLLBACK TO SAVEPOINT part", {}));
  TANDEM_TRY(txn.exec("RELEASE SAVEPOINT part", {}));
  return status;
}

}  // namespace tandem::store
