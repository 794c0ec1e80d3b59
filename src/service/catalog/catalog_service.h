// Item types and their lifecycle statuses: everyone signed in reads them, admins change them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/catalog/catalog_repository.h"
#include "store/database.h"

namespace tandem::service {

struct NewStatus {
  std::string name;
  std::string color;               // "#rrggbb"
  std::string state;               // not_started, in_progress, finished
  std::optional<double> position;  // default: after the type's last status
};

struct NewItemType {
  std::string key;  // [a-z][a-z0-9_]{0,31}
  std::string name;
  std::optional<std::vector<NewStatus>> statuses;  // default: To do, In progress, Done
};

struct ItemTypeChanges {
  std::optional<std::string> name;
  std::optional<double> position;
};

struct StatusChanges {
  std::optional<std::string> name;
  std::optional<std::string> color;
  std::optional<std::string> state;
  std::optional<double> position;
};

/// An item type with its statuses in order.
struct ItemType {
  store::ItemTypeRow type;
  std::vector<store::StatusRow> statuses;
};

class CatalogService {
 public:
  CatalogService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// Every item type with its statuses, in position order. Errors: forbidden.
  Result<std::vector<ItemType>> list_item_types(const Actor& actor);
  /// One item type with its statuses. Errors: forbidden, not_found.
  Result<ItemType> get_item_type(const Actor& actor, std::int64_t id);
  /// Adds a custom item type with its statuses and records `item_type.created`. Errors: forbidden (not an
  /// admin), validation_failed (details.field), conflict (key taken).
  Result<ItemType> create_item_type(const Actor& actor, const NewItemType& input);
  /// Renames or moves an item type and records `item_type.updated` with the changes. Errors: forbidden,
  /// not_found, validation_failed.
  Result<ItemType> update_item_type(const Actor& actor, std::int64_t id, const ItemTypeChanges& changes);
  /// Deletes a custom item type no item is of, with its statuses, and records `item_type.deleted`.
  /// Errors: forbidden, not_found, conflict (built-in, or in use).
  Status delete_item_type(const Actor& actor, std::int64_t id);

  /// The statuses of one type, or of every type, in order. Errors: forbidden.
  Result<std::vector<store::StatusRow>> list_statuses(const Actor& actor,
                                                      std::optional<std::int64_t> type_id);
  /// Adds a status to a type and records `status.created`. Errors: forbidden, validation_failed (also for
  /// an unknown type_id), conflict (name taken in the type).
  Result<store::StatusRow> create_status(const Actor& actor, std::int64_t type_id, const NewStatus& input);
  /// Changes a status and records `status.updated`; a new state is copied to the items in the status in
  /// the same transaction. Errors: forbidden, not_found, validation_failed, conflict (name taken).
  Result<store::StatusRow> update_status(const Actor& actor, std::int64_t id, const StatusChanges& changes);
  /// Deletes a status no item is in, unless it is its type's last one; records `status.deleted`.
  /// Errors: forbidden, not_found, conflict (in use, or the last of its type).
  Status delete_status(const Actor& actor, std::int64_t id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace tandem::service
