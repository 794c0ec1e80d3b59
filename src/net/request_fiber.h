// Request fibers: a state-changing request runs on a fiber of its connection's loop thread. When it waits
// for a commit (or for work sent elsewhere, see core/waiting.h) the fiber is suspended and the loop serves
// other connections; the commit resumes it on the loop. This spares each such request two thread hand-offs.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>
#include <boost/context/stack_context.hpp>

namespace tandem::net {

/// The stacks of one loop's fibers, kept for reuse. Used by that loop's thread only.
class FiberStacks {
 public:
  static constexpr std::size_t kStackBytes = 8 * 1024 * 1024;  // a thread's default; only used pages cost
  static constexpr std::size_t kKept = 64;                     // idle stacks kept for the next fibers

  FiberStacks();
  ~FiberStacks();
  FiberStacks(const FiberStacks&) = delete;
  FiberStacks& operator=(const FiberStacks&) = delete;

  /// A stack with a guard page below it: a kept one, or a new one.
  boost::context::stack_context take();
  /// Keeps `stack` for reuse, or frees it when enough are kept.
  void give_back(boost::context::stack_context& stack) noexcept;

 private:
  boost::context::protected_fixedsize_stack allocator_{kStackBytes};
  std::vector<boost::context::stack_context> idle_;
};

/// Where a loop's fibers are resumed. Shared by the fibers' Resumes, which may outlive the loop: once the
/// loop is closed, a late Resume does nothing (its fiber is left suspended and its memory kept).
/// Posts gather in a batch that the loop runs in one go: the writer resumes a whole group's fibers with
/// one wake-up of the loop.
class FiberMailbox : public std::enable_shared_from_this<FiberMailbox> {
 public:
  explicit FiberMailbox(boost::asio::io_context& loop) : loop_(&loop) {}
  /// Runs `fn` on the loop's thread, unless the loop was closed.
  void post(std::function<void()> fn);
  /// Drops every later post. Call it once the loop has stopped running, before it is destroyed.
  void close();

 private:
  void run_batch();

  std::mutex mutex_;
  boost::asio::io_context* loop_;
  std::vector<std::function<void()>> batch_;  // posted, not yet run; the loop is told once per batch
};

/// Runs `body` on a new fiber on the calling thread, which runs `mailbox`'s loop, until `body` returns or
/// first waits; then returns. Once `body` has returned, `done` runs on the loop. `body` must not throw.
/// Work that `body` sends elsewhere (run_blocking) runs on `workers`.
void start_fiber(FiberStacks& stacks, std::shared_ptr<FiberMailbox> mailbox,
                 boost::asio::thread_pool& workers, std::function<void()> body, std::function<void()> done);

}  // namespace tandem::net
