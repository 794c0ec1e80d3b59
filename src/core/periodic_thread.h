// A background thread that runs a task at once and then at a fixed interval until it is stopped.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace tandem {

class PeriodicThread {
 public:
  PeriodicThread() = default;
  ~PeriodicThread();
  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

  /// Starts calling `task` now and then every `interval` on a thread of its own; does nothing when running.
  void start(std::chrono::milliseconds interval, std::function<void()> task);
  /// Stops the thread after its current call and waits for it. Idempotent; start() may follow.
  void stop();

 private:
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tandem
