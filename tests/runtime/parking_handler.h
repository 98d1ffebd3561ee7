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
    co_await Park{*this, value};
    finished.bump();
    co_return value;
  }

  // Resumes every parked handler (and lets later ones through) by posting
  // to its own loop. Thread-safe.
  void release_all() {
    release_where([](int32_t) { return true; }, true);
  }
  // Resumes the handlers of delay(_, value), parked now or later.
  void release(int32_t value) {
    release_where([value](int32_t v) { return v == value; }, false, value);
  }
  // The loops that parked handlers ran on.
  std::set<corothrift::EventLoop*> loops() const {
    std::lock_guard lock(mutex_);
    return loops_;
  }

  Counter parked;    // handlers that have parked
  Counter finished;  // handlers that have returned

 private:
  struct Parked {
    corothrift::EventLoop* loop;
    std::coroutine_handle<> handle;
    int32_t value;
  };
  struct Park {
    ParkingHandler& handler;
    int32_t value;
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h) {
      {
        std::lock_guard lock(handler.mutex_);
        if (handler.all_released_ || handler.released_values_.count(value) != 0) return false;
        corothrift::EventLoop* loop = corothrift::EventLoop::current();
        handler.parked_.push_back({loop, h, value});
        handler.loops_.insert(loop);
      }
      handler.parked.bump();
      return true;
    }
    void await_resume() const noexcept {}
  };

  template <class Match>
  void release_where(Match match, bool all, int32_t value = 0) {
    std::vector<Parked> woken;
    {
      std::lock_guard lock(mutex_);
      if (all) {
        all_released_ = true;
      } else {
        released_values_.insert(value);
      }
      std::vector<Parked> kept;
      for (const Parked& p : parked_) (match(p.value) ? woken : kept).push_back(p);
      parked_.swap(kept);
    }
    for (const Parked& p : woken) {
      std::coroutine_handle<> h = p.handle;
      p.loop->post([h] { h.resume(); });
    }
  }

  mutable std::mutex mutex_;
  bool all_released_ = false;
  std::set<int32_t> released_values_;
  std::vector<Parked> parked_;
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
