#include <utility>  // before Asio: Boost 1.74 with C++20 needs it first

#include "net/request_fiber.h"

#include <boost/asio/post.hpp>
#include <boost/context/fiber.hpp>

#include "core/waiting.h"

namespace tandem::net {

namespace asio = boost::asio;
namespace context = boost::context;

namespace {

// Boost.Context's stack allocator interface over a loop's FiberStacks.
class KeptStack {
 public:
  explicit KeptStack(FiberStacks& stacks) : stacks_(&stacks) {}
  context::stack_context allocate() { return stacks_->take(); }
  void deallocate(context::stack_context& stack) noexcept { stacks_->give_back(stack); }

 private:
  FiberStacks* stacks_;
};

// One fiber and what runs it. It deletes itself when its body has returned; a fiber whose Resume never
// comes stays suspended, and its memory is kept rather than unwound under a loop that is gone.
class RequestFiber final : public Suspender {
 public:
  RequestFiber(std::shared_ptr<FiberMailbox> mailbox, asio::thread_pool& workers, std::function<void()> body,
               std::function<void()> done)
      : mailbox_(std::move(mailbox)), workers_(workers), body_(std::move(body)), done_(std::move(done)) {}

  // Makes the fiber, on a stack of `stacks`; it starts at the first run().
  void make(FiberStacks& stacks) {
    fiber_ = context::fiber(std::allocator_arg, KeptStack(stacks), [this](context::fiber&& loop) {
      loop_ = std::move(loop);
      body_();
      mailbox_->post(std::move(done_));
      finished_ = true;
      return std::move(loop_);
    });
  }

  // Runs the fiber on this (the loop's) thread until it returns or waits; deletes it once it has returned.
  void run() {
    {
      SuspenderScope scope(this);
      fiber_ = std::move(fiber_).resume();
    }
    if (finished_) delete this;
  }

  void suspend(const std::function<void(Resume)>& start) override {
    start([this, mailbox = mailbox_] { mailbox->post([this] { run(); }); });
    loop_ = std::move(loop_).resume();
  }

  void offload(std::function<void()> work) override { asio::post(workers_, std::move(work)); }

 private:
  std::shared_ptr<FiberMailbox> mailbox_;
  asio::thread_pool& workers_;
  std::function<void()> body_;
  std::function<void()> done_;
  context::fiber fiber_;  // the request's side, while it is suspended
  context::fiber loop_;   // the loop's side, while the request runs
  bool finished_ = false;
};

}  // namespace

FiberStacks::~FiberStacks() {
  for (auto& stack : idle_) allocator_.deallocate(stack);
}

FiberStacks::FiberStacks() {
  idle_.reserve(kKept);  // so that give_back never allocates
}

context::stack_context FiberStacks::take() {
  if (idle_.empty()) return allocator_.allocate();
  const context::stack_context stack = idle_.back();
  idle_.pop_back();
  return stack;
}

void FiberStacks::give_back(context::stack_context& stack) noexcept {
  if (idle_.size() < kKept) {
    idle_.push_back(stack);
    return;
  }
  allocator_.deallocate(stack);
}

void FiberMailbox::post(std::function<void()> fn) {
  std::lock_guard lock(mutex_);
  if (loop_ == nullptr) return;
  batch_.push_back(std::move(fn));
  if (batch_.size() == 1) asio::post(*loop_, [self = shared_from_this()] { self->run_batch(); });
}

void FiberMailbox::run_batch() {
  std::vector<std::function<void()>> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(batch_);
  }
  for (auto& fn : batch) fn();
}

void FiberMailbox::close() {
  std::lock_guard lock(mutex_);
  loop_ = nullptr;
}

void start_fiber(FiberStacks& stacks, std::shared_ptr<FiberMailbox> mailbox, asio::thread_pool& workers,
                 std::function<void()> body, std::function<void()> done) {
  auto fiber = std::make_unique<RequestFiber>(std::move(mailbox), workers, std::move(body), std::move(done));
  fiber->make(stacks);
  fiber.release()->run();
}

}  // namespace tandem::net
