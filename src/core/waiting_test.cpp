#include "core/waiting.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>

namespace tandem {
namespace {

TEST(Waiting, APlainThreadBlocksUntilAnotherThreadResumesIt) {
  std::atomic<bool> resumed{false};
  std::thread resumer;
  wait_until_resumed([&](Resume resume) {
    resumer = std::thread([&, resume = std::move(resume)] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      resumed = true;
      resume();
    });
  });
  EXPECT_TRUE(resumed);
  resumer.join();
}

TEST(Waiting, APlainThreadRunsBlockingWorkItselfAndGetsItsExceptions) {
  EXPECT_EQ(current_suspender(), nullptr);
  std::thread::id ran_on;
  EXPECT_EQ(run_blocking([&] {
              ran_on = std::this_thread::get_id();
              return std::string("done");
            }),
            "done");
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  EXPECT_THROW(run_blocking([]() -> int { throw std::runtime_error("failed"); }), std::runtime_error);
}

}  // namespace
}  // namespace tandem
