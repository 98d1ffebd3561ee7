#pragma once
// Entry points from plain code into tasks.
//
// sync_wait(loop, task): runs the loop on the calling thread until task
// finishes; returns its value or rethrows its exception (for main and tests).
//
// spawn(loop, task): starts a detached task during the loop's next turn. An
// exception escaping it is logged (LogLevel::kError), never lost. Tasks still
// suspended when the loop is destroyed are destroyed with it.

#include <corothrift/event_loop.h>
#include <corothrift/task.h>

#include <coroutine>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace corothrift {
namespace detail {

// Eager coroutine that stays suspended at its end so its owner sees done().
class SyncDriver {
 public:
  struct promise_type {
    SyncDriver get_return_object() noexcept {
      return SyncDriver(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_never initial_suspend() const noexcept { return {}; }
    std::suspend_always final_suspend() const noexcept { return {}; }
    void return_void() const noexcept {}
    void unhandled_exception() const noexcept { std::terminate(); }
  };
  explicit SyncDriver(std::coroutine_handle<promise_type> h) noexcept : handle_(h) {}
  SyncDriver(const SyncDriver&) = delete;
  SyncDriver& operator=(const SyncDriver&) = delete;
  ~SyncDriver() { handle_.destroy(); }
  bool done() const noexcept { return handle_.done(); }

 private:
  std::coroutine_handle<promise_type> handle_;
};

template <typename T>
struct SyncResult {
  std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> value;
  std::exception_ptr error;
};

template <typename T>
SyncDriver drive(Task<T>& task, SyncResult<T>& out) {
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
    detail::SyncDriver driver = detail::drive(task, result);
    while (!driver.done()) loop.run_once();
  }
  if (result.error) std::rethrow_exception(result.error);
  if constexpr (!std::is_void_v<T>) return std::move(*result.value);
}

void spawn(EventLoop& loop, Task<void> task);

}  // namespace corothrift
