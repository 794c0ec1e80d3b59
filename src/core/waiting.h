// How code waits for work that finishes on another thread. A plain thread blocks. Code that runs on a
// request fiber (net/request_fiber.h) suspends its fiber instead, and the fiber's loop serves other
// connections meanwhile; the code itself is written the same way in both cases.
// Hold no lock across a wait: another fiber of the same thread may need it, and would block the thread.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

namespace tandem {

/// Wakes a waiting caller. Call it exactly once, from any thread.
using Resume = std::function<void()>;

/// What hosts a fiber does for the code running on it.
class Suspender {
 public:
  virtual ~Suspender() = default;
  /// Calls `start` with a Resume that continues the calling fiber, then suspends the fiber until then.
  virtual void suspend(const std::function<void(Resume)>& start) = 0;
  /// Runs `work` on a thread where it may block or take long.
  virtual void offload(std::function<void()> work) = 0;
};

/// The Suspender of the fiber running on this thread; null on a plain thread.
Suspender* current_suspender();

/// Makes a Suspender the current one of this thread while it lives (a fiber host, around running a fiber).
class SuspenderScope {
 public:
  explicit SuspenderScope(Suspender* suspender);
  ~SuspenderScope();
  SuspenderScope(const SuspenderScope&) = delete;
  SuspenderScope& operator=(const SuspenderScope&) = delete;

 private:
  Suspender* previous_;
};

/// Calls `start` with a Resume, then returns once that Resume has been called.
void wait_until_resumed(const std::function<void(Resume)>& start);

/// Runs `work`, which may block or take long (hashing a password), and returns its result: on a worker
/// thread when called on a fiber, so that the fiber's loop goes on serving, else right here. Exceptions
/// reach the caller.
template <class Work>
std::invoke_result_t<Work&> run_blocking(Work&& work) {
  using Out = std::invoke_result_t<Work&>;
  static_assert(!std::is_void_v<Out>, "run_blocking returns what the work returns");
  Suspender* suspender = current_suspender();
  if (suspender == nullptr) return work();
  std::optional<Out> out;
  std::exception_ptr failure;
  suspender->suspend([&](Resume resume) {
    suspender->offload([&, resume = std::move(resume)] {
      try {
        out.emplace(work());
      } catch (...) {
        failure = std::current_exception();
      }
      resume();
    });
  });
  if (failure) std::rethrow_exception(failure);
  return std::move(*out);
}

}  // namespace tandem
