// The store's whole face: a Database runs read transactions on the calling thread and write
// transactions on one writer thread that commits them in groups. Only store/ sees SQL drivers.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace tandem::store {

/// A value bound to, or read from, a statement.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

/// One result row, owning its values.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(values_.at(i)); }
  /// The value in column i as SQLite returned it.
  const Value& value(std::size_t i) const { return values_.at(i); }
  /// The integer in column i (0 for NULL, converted for doubles).
  std::int64_t int64(std::size_t i) const;
  /// The double in column i (0 for NULL).
  double real(std::size_t i) const;
  /// The text in column i ("" for NULL; numbers are formatted).
  std::string text(std::size_t i) const;
  /// The integer in column i, or nullopt for NULL.
  std::optional<std::int64_t> opt_int64(std::size_t i) const;
  /// The text in column i, or nullopt for NULL.
  std::optional<std::string> opt_text(std::size_t i) const;

 private:
  std::vector<Value> values_;
};

/// A transaction. Valid only inside the callback it was handed to; not thread-safe.
/// SQL uses `?` placeholders; statements are prepared once per connection and cached.
class Txn {
 public:
  virtual ~Txn() = default;

  /// Runs `sql` with `params`; calls `on_row` for each result row (may be empty).
  virtual Status exec(std::string_view sql, const std::vector<Value>& params,
                      const std::function<void(const Row&)>& on_row = {}) = 0;
  /// Rows changed by the last INSERT/UPDATE/DELETE.
  virtual std::int64_t changes() const = 0;
  /// True inside a write transaction.
  virtual bool writable() const = 0;
  /// Runs an INSERT of one row into a table with an integer key and returns the new row's key.
  virtual Result<std::int64_t> insert(std::string_view sql, const std::vector<Value>& params) = 0;
  /// Runs several `;`-separated statements without parameters (migrations).
  virtual Status exec_script(std::string_view sql) = 0;

  /// Remembers an event appended in this transaction; subscribers hear of it after commit.
  void note_event(std::int64_t event_id) { noted_events_.push_back(event_id); }

  /// All rows of a query.
  Result<std::vector<Row>> all(std::string_view sql, const std::vector<Value>& params = {});
  /// The first row of a query, or nullopt when it has none.
  Result<std::optional<Row>> one(std::string_view sql, const std::vector<Value>& params = {});

 protected:
  std::vector<std::int64_t> noted_events_;
};

using TxnFn = std::function<Status(Txn&)>;

class Database {
 public:
  virtual ~Database() = default;

  /// Runs `fn` in a read transaction on a connection of the calling thread (a consistent snapshot).
  /// Thread-safe. Returns fn's status, or `unavailable` when the store cannot serve.
  virtual Status read(const TxnFn& fn) = 0;
  /// Queues `fn` for the writer thread and blocks until its group has committed. `fn` runs in its own
  /// savepoint: when it fails, only its changes are rolled back and its error is returned. Thread-safe.
  virtual Status write(TxnFn fn) = 0;
  /// Queues `fn` like write() but returns at once, for bookkeeping a reader must not wait on (a token's last
  /// use); a failure is only logged. Later writes of the same thread commit after it. Thread-safe.
  virtual void write_later(TxnFn fn) = 0;
  /// Cheap liveness probe of the store (a trivial query).
  virtual Status ping() = 0;
  /// Write transactions queued and not yet committed; for metrics.
  virtual std::size_t write_queue_depth() const = 0;
  /// Finishes queued writes, stops the writer and closes every connection. Idempotent.
  virtual void close() = 0;
  /// Has the writer run `fn` once per group, after its writes and before COMMIT, outside their savepoints
  /// (for index maintenance the writes queued); when it fails, the whole group fails.
  virtual void set_before_commit(TxnFn fn) = 0;
  /// Called on the writer thread after each committed group, with the ids of the events appended in it.
  virtual void set_on_commit(std::function<void(const std::vector<std::int64_t>& event_ids)> callback) = 0;
};

}  // namespace tandem::store
