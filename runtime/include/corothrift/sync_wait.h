#pragma once
// Entry points from plain code into tasks.
//
// sync_wait(loop, task): runs the loop on the calling thread until task
// finishes; returns its value or rethrows its exception (for main and tests).
//
// spawn(loop, task): starts a detached task during the loop's next turn. An
// exception escaping it is logged (LogLevel::kError), never lost. Tasks still
// suspended when the loop is destroyed are destroyed with it. Call it on the
// loop's thread; from another thread, post() a function that calls it.

#include <corothrift/event_loop.h>
#include <corothrift/task.h>

#include <coroutine>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace corothrift {
namespace detail {

// Eager coroutine that stays suspended at its end so its owner sees done(),
// and stops the loop's run() when it gets there.
class SyncDriver {
 public:
  struct promise_type {
    explicit promise_type(EventLoop& loop, auto&...) noexcept : loop(loop) {}
    SyncDriver get_return_object() noexcept {
      return SyncDriver(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_never initial_suspend() const noexcept { return {}; }
    auto final_suspend() const noexcept {
      struct StopLoop : std::suspend_always {
        EventLoop& loop;
        bool stop;
        void await_suspend(std::coroutine_handle<>) const noexcept {
          if (stop) loop.stop();
        }
      };
      return StopLoop{{}, loop, stop_loop_when_done};
    }
    void return_void() const noexcept {}
    void unhandled_exception() const noexcept { std::terminate(); }
    EventLoop& loop;
    bool stop_loop_when_done = false;
  };
  explicit SyncDriver(std::coroutine_handle<promise_type> h) noexcept : handle_(h) {}
  SyncDriver(SyncDriver&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  SyncDriver& operator=(SyncDriver&&) = delete;
  ~SyncDriver() {
    if (handle_) handle_.destroy();
  }
  bool done() const noexcept { return handle_.done(); }
  void stop_loop_when_done() noexcept { handle_.promise().stop_loop_when_done = true; }

 private:
  std::coroutine_handle<promise_type> handle_;
};

template <typename T>
struct SyncResult {
  std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> value;
  std::exception_ptr error;
};

template <typename T>
SyncDriver drive(EventLoop&, Task<T>& task, SyncResult<T>& out) {
  try {
    if constexpr (std::is_void_v<T>) {
      co_await task;
      out.value.emplace(true);
    } else {
      T value = co_await task;
      out.value.emplace(std::move(value));
    }
  } catch (...) {
    out.error = std::current_exception();
  }
}

}  // namespace detail

template <typename T>
T sync_wait(EventLoop& loop, Task<T> task) {
  detail::SyncResult<T> result;
  {
    // The task starts here, before run(): it sees its loop as current too.
    CurrentLoopScope scope(loop);
    detail::SyncDriver driver = detail::drive(loop, task, result);
    // run() returns when the driver finishes (or on another stop()).
    if (!driver.done()) driver.stop_loop_when_done();
    while (!driver.done()) loop.run();
  }
  if (result.error) std::rethrow_exception(result.error);
  if constexpr (!std::is_void_v<T>) return std::move(*result.value);
}

void spawn(EventLoop& loop, Task<void> task);

}  // namespace corothrift
