#include "core/periodic_thread.h"

#include <utility>

namespace tandem {

PeriodicThread::~PeriodicThread() {
  stop();
}

void PeriodicThread::start(std::chrono::milliseconds interval, std::function<void()> task) {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, interval, task = std::move(task)] {
    for (;;) {
      task();
      std::unique_lock lock(mutex_);
      wakeup_.wait_for(lock, interval, [this] { return stopping_; });
      if (stopping_) return;
    }
  });
}

void PeriodicThread::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeup_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace tandem
