// Events that tests wait for instead of sleeping: LoopEvent between
// coroutines of one loop, Counter between a server's loop threads and the
// test thread.
#pragma once

#include <corothrift/event_loop.h>

#include <chrono>
#include <condition_variable>
#include <coroutine>
#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>

namespace calc {

// Set once; coroutines awaiting wait() resume on the loop's next turn (at
// once if already set). Loop thread only.
class LoopEvent {
 public:
  explicit LoopEvent(corothrift::EventLoop& loop) : loop_(loop) {}

  void set() {
    set_ = true;
    for (std::coroutine_handle<> h : std::exchange(waiters_, {})) loop_.schedule(h);
  }
  bool is_set() const noexcept { return set_; }

  auto wait() noexcept {
    struct Awaiter {
      LoopEvent& event;
      bool await_ready() const noexcept { return event.set_; }
      void await_suspend(std::coroutine_handle<> h) { event.waiters_.push_back(h); }
      void await_resume() const noexcept {}
    };
    return Awaiter{*this};
  }

 private:
  corothrift::EventLoop& loop_;
  bool set_ = false;
  std::vector<std::coroutine_handle<>> waiters_;
};

// A count that any thread bumps and the test thread waits on.
class Counter {
 public:
  void bump() {
    std::lock_guard lock(mutex_);
    ++count_;
    changed_.notify_all();
  }
  std::size_t value() const {
    std::lock_guard lock(mutex_);
    return count_;
  }
  // False if the count has not reached n within `limit` (a bound for a
  // broken build, far above what a loaded machine needs).
  bool wait_for(std::size_t n, std::chrono::seconds limit = std::chrono::seconds(20)) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, limit, [&] { return count_ >= n; });
  }

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::size_t count_ = 0;
};

}  // namespace calc
