// A Calc handler whose delay() waits, on its server loop, until the test
// releases it (the milliseconds argument is ignored): the test knows exactly
// how many calls are inside handlers, on which loops, and when they finish.
#pragma once

#include <corothrift/event_loop.h>
#include <corothrift/task.h>

#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <set>
#include <utility>
#include <vector>

#include "calc_service.h"
#include "test_events.h"

namespace calc {

class ParkingHandler : public TestHandler {
 public:
  corothrift::Task<int32_t> delay(int32_t, int32_t value) override {
    co_await Park{*this};
    finished.bump();
    co_return value;
  }

  // Resumes every parked handler (and lets later ones through) by posting
  // to its own loop. Thread-safe.
  void release_all() {
    std::vector<std::pair<corothrift::EventLoop*, std::coroutine_handle<>>> parked;
    {
      std::lock_guard lock(mutex_);
      released_ = true;
      parked.swap(parked_);
    }
    for (const auto& entry : parked) {
      std::coroutine_handle<> h = entry.second;
      entry.first->post([h] { h.resume(); });
    }
  }
  // The loops that parked handlers ran on.
  std::set<corothrift::EventLoop*> loops() const {
    std::lock_guard lock(mutex_);
    return loops_;
  }

  Counter parked;    // handlers that have parked
  Counter finished;  // handlers that have returned

 private:
  struct Park {
    ParkingHandler& handler;
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h) {
      {
        std::lock_guard lock(handler.mutex_);
        if (handler.released_) return false;
        corothrift::EventLoop* loop = corothrift::EventLoop::current();
        handler.parked_.emplace_back(loop, h);
        handler.loops_.insert(loop);
      }
      handler.parked.bump();
      return true;
    }
    void await_resume() const noexcept {}
  };

  mutable std::mutex mutex_;
  bool released_ = false;
  std::vector<std::pair<corothrift::EventLoop*, std::coroutine_handle<>>> parked_;
  std::set<corothrift::EventLoop*> loops_;
};

// Releases the parked calls when it goes out of scope. Declared after the
// server, so that a test failing half-way does not stop the server with
// handlers parked forever.
struct ReleaseAtExit {
  ParkingHandler& handler;
  ~ReleaseAtExit() { handler.release_all(); }
};

}  // namespace calc
