#include "store/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "core/waiting.h"
#include "store/sqlite/vfs.h"

namespace tandem::store {

namespace {

Error sqlite_error(sqlite3* db, std::string_view what) {
  const int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
  const std::string detail = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no connection");
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
    return Error{ErrorCode::conflict, "already exists", detail, {}};
  if ((code & 0xff) == SQLITE_CONSTRAINT)
    return Error{ErrorCode::validation_failed, "constraint violated", detail, {}};
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    return Error{ErrorCode::unavailable, "the store is busy", detail, {}};
  return Error::internal_error(detail);
}

// Hashes std::string and std::string_view alike, so cache lookups need no temporary string.
struct SqlHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
};

// SQLite counts every allocation in global statistics behind one process-wide mutex, which readers on
// several threads then contend for; nothing here reads those statistics. Must run before SQLite is first
// used (later it is refused, harmlessly).
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// One SQLite connection with its cache of prepared statements. Used by one thread at a time.
class Connection {
 public:
  ~Connection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    if (db_) sqlite3_close_v2(db_);
  }

  static Result<std::unique_ptr<Connection>> open(const SqliteOptions& options, bool read_only) {
    configure_sqlite_once();
    auto conn = std::make_unique<Connection>();
    const int flags =
        (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(options.path.c_str(), &conn->db_, flags, tandem_vfs()) != SQLITE_OK)
      return Error{ErrorCode::unavailable,
                   "the store cannot be opened",
                   sqlite_error(conn->db_, options.path).internal,
                   {}};
    sqlite3_busy_timeout(conn->db_, options.busy_timeout_ms);
    std::string pragmas =
        "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000; PRAGMA "
        "mmap_size=2147418112;";
    if (!read_only) {
      pragmas += "PRAGMA journal_mode=WAL; PRAGMA synchronous=";
      pragmas += options.synchronous_full ? "FULL;" : "NORMAL;";
    }
    if (sqlite3_exec(conn->db_, pragmas.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
      return Error{ErrorCode::unavailable,
                   "the store cannot be configured",
                   sqlite_error(conn->db_, "pragmas").internal,
                   {}};
    return conn;
  }

  Status exec(std::string_view sql, const std::vector<Value>& params,
              const std::function<void(const Row&)>& on_row) {
    sqlite3_stmt* stmt = prepare(sql);
    if (!stmt) return sqlite_error(db_, "prepare " + std::string(sql));
    Status status = bind(stmt, params);
    while (status.ok()) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        status = sqlite_error(db_, sql);
        break;
      }
      if (on_row) on_row(read_row(stmt));
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return status;
  }

  Status exec_script(std::string_view sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      Error error = Error::internal_error(std::string("script: ") + (message ? message : "unknown error"));
      sqlite3_free(message);
      return error;
    }
    return {};
  }

  // The read transaction a reader keeps open between reads: the store's commit count just before it began,
  // and when it began.
  struct Snapshot {
    std::uint64_t commits;
    std::chrono::steady_clock::time_point begun;
  };
  std::optional<Snapshot> snapshot;

  std::int64_t changes() const { return sqlite3_changes64(db_); }
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

  // Copies the WAL's committed pages into the database file without blocking the writer or readers.
  void checkpoint_passive() {
    const int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
      spdlog::warn("store: checkpoint failed: {}", sqlite3_errmsg(db_));
  }

  // Calls hook(wal_pages) after each commit of this connection, in place of SQLite's own checkpointing.
  void on_wal_commit(std::function<void(int)> hook) {
    wal_hook_ = std::move(hook);
    sqlite3_wal_autocheckpoint(db_, 0);
    sqlite3_wal_hook(
        db_,
        [](void* self, sqlite3*, const char*, int pages) {
          static_cast<Connection*>(self)->wal_hook_(pages);
          return SQLITE_OK;
        },
        this);
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr) != SQLITE_OK)
      return nullptr;
    statements_.emplace(std::string(sql), stmt);
    return stmt;
  }

  Status bind(sqlite3_stmt* stmt, const std::vector<Value>& params) {
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt))
      return Error::internal_error("statement expects " + std::to_string(sqlite3_bind_parameter_count(stmt)) +
                                   " parameters, got " + std::to_string(params.size()));
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      int rc = SQLITE_OK;
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>)
              rc = sqlite3_bind_null(stmt, index);
            else if constexpr (std::is_same_v<T, std::int64_t>)
              rc = sqlite3_bind_int64(stmt, index, v);
            else if constexpr (std::is_same_v<T, double>)
              rc = sqlite3_bind_double(stmt, index, v);
            else
              rc = sqlite3_bind_text(stmt, index, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
          },
          params[i]);
      if (rc != SQLITE_OK) return sqlite_error(db_, "bind");
    }
    return {};
  }

  static Row read_row(sqlite3_stmt* stmt) {
    const int n = sqlite3_column_count(stmt);
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, i)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(stmt, i));
          break;
        case SQLITE_NULL:
          values.emplace_back(nullptr);
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
          values.emplace_back(
              std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, i))));
        }
      }
    }
    return Row(std::move(values));
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
  std::function<void(int)> wal_hook_;
};

// Checkpoints the WAL on a thread of its own, so the writer does not wait for the copy and its fsyncs.
// Past kWriterCheckpointPages the writer checkpoints itself: under a steady stream of commits a background
// checkpoint may never catch up, and only a complete one lets the WAL start over from its beginning.
class Checkpointer {
 public:
  static constexpr int kBackgroundCheckpointPages = 1000;  // new pages between wakeups (SQLite's own default)
  static constexpr int kWriterCheckpointPages = 16000;

  /// before_checkpoint runs before every checkpoint, on the thread that checkpoints.
  Checkpointer(std::unique_ptr<Connection> conn, std::function<void()> before_checkpoint)
      : conn_(std::move(conn)), before_checkpoint_(std::move(before_checkpoint)) {
    thread_ = std::thread([this] { run(); });
  }
  ~Checkpointer() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wakeup_.notify_one();
    thread_.join();
  }

  /// Called on the writer thread after each commit with the WAL's size in pages.
  void committed(Connection& writer, int wal_pages) {
    if (wal_pages < pages_at_last_wakeup_) pages_at_last_wakeup_ = 0;  // the WAL started over
    if (wal_pages >= kWriterCheckpointPages) {
      before_checkpoint_();
      writer.checkpoint_passive();
    } else if (wal_pages - pages_at_last_wakeup_ >= kBackgroundCheckpointPages) {
      pages_at_last_wakeup_ = wal_pages;
      {
        std::lock_guard lock(mutex_);
        wanted_ = true;
      }
      wakeup_.notify_one();
    }
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wakeup_.wait(lock, [this] { return stopping_ || wanted_; });
      if (stopping_) return;
      wanted_ = false;
      lock.unlock();
      before_checkpoint_();
      conn_->checkpoint_passive();
      lock.lock();
    }
  }

  std::unique_ptr<Connection> conn_;
  std::function<void()> before_checkpoint_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool wanted_ = false;
  bool stopping_ = false;
  int pages_at_last_wakeup_ = 0;  // the writer's: the WAL's size when it last woke the thread
  std::thread thread_;
};

class SqliteTxn final : public Txn {
 public:
  SqliteTxn(Connection& conn, bool writable) : conn_(conn), writable_(writable) {}
  Status exec(std::string_view sql, const std::vector<Value>& params,
              const std::function<void(const Row&)>& on_row) override {
    return conn_.exec(sql, params, on_row);
  }
  std::int64_t changes() const override { return conn_.changes(); }
  // The key comes from the connection rather than a RETURNING clause, which SQLite serves through a
  // temporary table opened for each statement.
  Result<std::int64_t> insert(std::string_view sql, const std::vector<Value>& params) override {
    TANDEM_TRY(conn_.exec(sql, params, {}));
    return conn_.last_insert_id();
  }
  bool writable() const override { return writable_; }
  Status exec_script(std::string_view sql) override { return conn_.exec_script(sql); }
  std::vector<std::int64_t>& noted_events() { return noted_events_; }

 private:
  Connection& conn_;
  bool writable_;
};

// Runs fn, turning an escaped exception into an internal error: one bad request never kills a thread.
Status run_guarded(const TxnFn& fn, Txn& txn) {
  try {
    return fn(txn);
  } catch (const std::exception& e) {
    return Error::internal_error(std::string("exception in transaction: ") + e.what());
  }
}

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(SqliteOptions options) : options_(std::move(options)) {}
  ~SqliteDatabase() override { close(); }

  Status start() {
    auto writer = Connection::open(options_, false);
    if (!writer.ok()) return std::move(writer).error();
    writer_conn_ = std::move(writer.value());
    auto checkpoint_conn = Connection::open(options_, false);
    if (!checkpoint_conn.ok()) return std::move(checkpoint_conn).error();
    checkpointer_ =
        std::make_unique<Checkpointer>(std::move(checkpoint_conn.value()), [this] { end_idle_snapshots(); });
    writer_conn_->on_wal_commit([this](int pages) { checkpointer_->committed(*writer_conn_, pages); });
    writer_thread_ = std::thread([this] { writer_loop(); });
    return {};
  }

  Status read(const TxnFn& fn) override {
    auto conn = acquire_reader();
    if (!conn.ok()) return std::move(conn).error();
    Connection& c = *conn.value();
    Status status = use_current_snapshot(c);
    if (status.ok()) {
      SqliteTxn txn(c, false);
      status = run_guarded(fn, txn);
    }
    if (!status.ok() || !snapshot_current(c, std::chrono::steady_clock::now())) end_snapshot(c);
    release_reader(std::move(conn.value()));
    return status;
  }

  Status write(TxnFn fn) override {
    Status result;
    wait_until_resumed([&](Resume resume) {
      enqueue({std::move(fn), [&result, resume = std::move(resume)](Status status) {
                 result = std::move(status);
                 resume();
               }});
    });
    return result;
  }

  void write_later(TxnFn fn) override {
    enqueue({std::move(fn), [](const Status& status) {
               if (!status.ok())
                 spdlog::warn("store: a write nobody waits for failed: {}", status.error().internal);
             }});
  }

  Status ping() override {
    return read([](Txn& txn) { return txn.exec("SELECT 1", {}, {}); });
  }

  std::size_t write_queue_depth() const override {
    std::lock_guard lock(queue_mutex_);
    return queue_.size();
  }

  void close() override {
    {
      std::lock_guard lock(queue_mutex_);
      if (closed_) return;
      closed_ = true;
    }
    queue_cv_.notify_all();
    if (writer_thread_.joinable()) writer_thread_.join();
    checkpointer_.reset();
    std::lock_guard lock(readers_mutex_);
    idle_readers_.clear();
    writer_conn_.reset();
  }

  void set_on_commit(std::function<void(const std::vector<std::int64_t>&)> callback) override {
    std::lock_guard lock(queue_mutex_);
    on_commit_ = std::move(callback);
  }

  void set_before_commit(TxnFn fn) override {
    std::lock_guard lock(queue_mutex_);
    before_commit_ = std::move(fn);
  }

 private:
  struct PendingWrite {
    TxnFn fn;
    std::function<void(Status)> done;  // answers write()'s waiting caller, or logs write_later()'s failure
  };

  // Hands `write` to the writer thread, or answers it with `unavailable` once the store is closed.
  void enqueue(PendingWrite write) {
    std::unique_lock lock(queue_mutex_);
    if (closed_) {
      lock.unlock();
      write.done(Error{ErrorCode::unavailable, "the store is closed", "write after close", {}});
      return;
    }
    queue_.push_back(std::move(write));
    lock.unlock();
    queue_cv_.notify_one();
  }

  // A reader keeps its read transaction open after a read, and the next read on it runs in the same
  // snapshot while nothing has been committed since it began (so every read sees every write that finished
  // before it) and for at most kSnapshotReuse (which bounds how late a write of another process is seen).
  // That spares most reads SQLite's start and end of a transaction: the WAL index's locks, and a page cache
  // that a new snapshot may have to drop.
  static constexpr auto kSnapshotReuse = std::chrono::milliseconds(10);

  bool snapshot_current(const Connection& c, std::chrono::steady_clock::time_point now) const {
    return c.snapshot && c.snapshot->commits == commits_.load(std::memory_order_acquire) &&
           now - c.snapshot->begun < kSnapshotReuse;
  }

  // Leaves c in a read transaction that sees every commit finished before this call.
  Status use_current_snapshot(Connection& c) {
    const auto now = std::chrono::steady_clock::now();
    if (snapshot_current(c, now)) return {};
    end_snapshot(c);
    // Counted before BEGIN: SQLite takes the snapshot at the first read after it, which sees these commits.
    const std::uint64_t commits = commits_.load(std::memory_order_acquire);
    TANDEM_TRY(c.exec("BEGIN", {}, {}));
    c.snapshot = Connection::Snapshot{commits, now};
    return {};
  }

  // Ends the read transaction c keeps open, if any.
  static void end_snapshot(Connection& c) {
    if (!c.snapshot) return;
    c.snapshot.reset();
    if (!c.exec("COMMIT", {}, {}).ok()) (void)c.exec("ROLLBACK", {}, {});
  }

  // Ends the snapshots of the idle readers: a checkpoint copies no page past the oldest open snapshot.
  void end_idle_snapshots() {
    std::lock_guard lock(readers_mutex_);
    for (auto& conn : idle_readers_) end_snapshot(*conn);
  }

  Result<std::unique_ptr<Connection>> acquire_reader() {
    {
      std::lock_guard lock(readers_mutex_);
      if (!idle_readers_.empty()) {
        auto conn = std::move(idle_readers_.back());
        idle_readers_.pop_back();
        return conn;
      }
    }
    return Connection::open(options_, true);
  }

  void release_reader(std::unique_ptr<Connection> conn) {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.push_back(std::move(conn));
  }

  void writer_loop() {
    std::vector<PendingWrite> group;
    for (;;) {
      std::function<void(const std::vector<std::int64_t>&)> on_commit;
      TxnFn before_commit;
      {
        std::unique_lock lock(queue_mutex_);
        queue_cv_.wait(lock, [&] { return closed_ || !queue_.empty(); });
        if (queue_.empty()) return;  // closed and drained
        while (!queue_.empty() && group.size() < options_.max_group_size) {
          group.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
        on_commit = on_commit_;
        before_commit = before_commit_;
      }
      commit_group(group, before_commit, on_commit);
      group.clear();
    }
  }

  // Runs each write in its own savepoint inside one transaction, then before_commit, commits once, then
  // answers every caller.
  // A write alone in its group runs without a savepoint: its failure rolls the transaction back. (An open
  // savepoint keeps every page the transaction changes in the sub-journal, which each statement's end walks:
  // a large lone write would slow down with the square of its size.)
  void commit_group(std::vector<PendingWrite>& group, const TxnFn& before_commit,
                    const std::function<void(const std::vector<std::int64_t>&)>& on_commit) {
    Connection& c = *writer_conn_;
    const bool alone = group.size() == 1;
    std::vector<Status> results(group.size());
    std::vector<std::int64_t> events;
    Status begin = c.exec("BEGIN IMMEDIATE", {}, {});
    if (begin.ok()) {
      for (std::size_t i = 0; i < group.size(); ++i) {
        SqliteTxn txn(c, true);
        Status sp = alone ? Status{} : c.exec("SAVEPOINT w", {}, {});
        results[i] = sp.ok() ? run_guarded(group[i].fn, txn) : sp;
        if (!results[i].ok() && !alone)
          (void)c.exec("ROLLBACK TO w", {}, {});
        else if (results[i].ok())
          events.insert(events.end(), txn.noted_events().begin(), txn.noted_events().end());
        if (sp.ok() && !alone) (void)c.exec("RELEASE w", {}, {});
      }
      const bool undo = alone && !results[0].ok();
      Status commit;
      if (!undo && before_commit) {
        SqliteTxn txn(c, true);
        commit = run_guarded(before_commit, txn);
      }
      if (commit.ok()) commit = c.exec(undo ? "ROLLBACK" : "COMMIT", {}, {});
      if (!undo)
        commits_.fetch_add(1, std::memory_order_release);  // (a failed commit only refreshes readers)
      if (!commit.ok() && !undo) {
        (void)c.exec("ROLLBACK", {}, {});
        spdlog::error("store: commit of a group of {} failed: {}", group.size(), commit.error().internal);
        for (auto& r : results)
          r = Error{ErrorCode::unavailable, "the store could not commit", commit.error().internal, {}};
        events.clear();
      }
    } else {
      spdlog::error("store: BEGIN failed: {}", begin.error().internal);
      for (auto& r : results) r = begin;
    }
    for (std::size_t i = 0; i < group.size(); ++i) group[i].done(std::move(results[i]));
    if (on_commit && !events.empty()) on_commit(events);
  }

  SqliteOptions options_;
  std::unique_ptr<Connection> writer_conn_;
  std::unique_ptr<Checkpointer> checkpointer_;
  std::thread writer_thread_;

  mutable std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<PendingWrite> queue_;
  bool closed_ = false;
  std::function<void(const std::vector<std::int64_t>&)> on_commit_;
  TxnFn before_commit_;

  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  std::atomic<std::uint64_t> commits_{0};  // the writer's commits so far
};

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite(const SqliteOptions& options) {
  auto db = std::make_unique<SqliteDatabase>(options);
  TANDEM_TRY(db->start());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace tandem::store
