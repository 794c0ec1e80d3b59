#include "core/waiting.h"

#include <condition_variable>
#include <mutex>

namespace tandem {

namespace {

thread_local Suspender* current = nullptr;

}  // namespace

Suspender* current_suspender() {
  return current;
}

SuspenderScope::SuspenderScope(Suspender* suspender) : previous_(current) {
  current = suspender;
}

SuspenderScope::~SuspenderScope() {
  current = previous_;
}

void wait_until_resumed(const std::function<void(Resume)>& start) {
  if (Suspender* suspender = current_suspender()) {
    suspender->suspend(start);
    return;
  }
  std::mutex mutex;
  std::condition_variable resumed;
  bool done = false;
  start([&] {
    std::lock_guard lock(mutex);
    done = true;
    resumed.notify_one();  // under the lock: once it is released, the waiter may return and end `resumed`
  });
  std::unique_lock lock(mutex);
  resumed.wait(lock, [&] { return done; });
}

}  // namespace tandem
