#pragma once
// Task<T>: a lazy, move-only coroutine returning T (or void).
//
//   Task<int> add(int a, int b) { co_return a + b; }
//   Task<void> caller() { int x = co_await add(1, 2); ... }
//
// Nothing runs until the Task is awaited (or handed to spawn / sync_wait).
// An exception leaving the coroutine is rethrown at the co_await. Awaiting
// allocates nothing beyond the coroutine frame itself.
//
// Deep synchronous awaits: the awaiter starts the child inline from
// await_suspend and returns false when the child already finished, so a loop
// of a million awaits that complete synchronously never grows the stack, on
// any compiler and optimisation level (no reliance on tail calls). The child's
// final_suspend resumes the parent only when the parent really suspended;
// a two-sided flag decides which side continues.
//
// Threads: a Task runs on the thread that resumes it; everything awaited
// inside a task chain must be resumed on that same loop thread.

#include <corothrift/detail/cancel.h>

#include <cassert>
#include <coroutine>
#include <exception>
#include <type_traits>
#include <utility>
#include <variant>

namespace corothrift {

template <typename T = void>
class [[nodiscard]] Task;

namespace detail {

class PromiseBase {
 public:
  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    template <typename P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> self) noexcept {
      PromiseBase& p = self.promise();
      // Parent already suspended: hand control to it. Otherwise the parent is
      // still inside await_suspend and continues there without suspending.
      if (std::exchange(p.other_side_done_, true)) return p.continuation_;
      return std::noop_coroutine();
    }
    void await_resume() const noexcept {}
  };

  std::suspend_always initial_suspend() const noexcept { return {}; }
  FinalAwaiter final_suspend() const noexcept { return {}; }

  std::coroutine_handle<> continuation_;
  CancelScope* cancel_scope_ = nullptr;
  // Set by whichever of {child finished, parent suspended} happens first.
  bool other_side_done_ = false;
};

template <typename T>
class Promise final : public PromiseBase {
 public:
  Task<T> get_return_object() noexcept;
  void unhandled_exception() noexcept { result_.template emplace<2>(std::current_exception()); }
  // U defaults to T so that `co_return {a, b};` works.
  template <typename U = T>
  requires std::is_convertible_v<U&&, T>
  void return_value(U&& value) noexcept(std::is_nothrow_constructible_v<T, U&&>) {
    result_.template emplace<1>(std::forward<U>(value));
  }
  T take_result() {
    if (result_.index() == 2) std::rethrow_exception(std::get<2>(result_));
    assert(result_.index() == 1 && "Task result taken twice or task never finished");
    return std::move(std::get<1>(result_));
  }

 private:
  std::variant<std::monostate, T, std::exception_ptr> result_;
};

template <>
class Promise<void> final : public PromiseBase {
 public:
  Task<void> get_return_object() noexcept;
  void unhandled_exception() noexcept { exception_ = std::current_exception(); }
  void return_void() noexcept {}
  void take_result() {
    if (exception_) std::rethrow_exception(exception_);
  }

 private:
  std::exception_ptr exception_;
};

template <typename T>
class TaskAwaiter {
 public:
  explicit TaskAwaiter(std::coroutine_handle<Promise<T>> child) noexcept : child_(child) {}
  bool await_ready() const noexcept { return false; }
  template <typename P>
  bool await_suspend(std::coroutine_handle<P> parent) noexcept {
    Promise<T>& cp = child_.promise();
    cp.continuation_ = parent;
    if (!cp.cancel_scope_) cp.cancel_scope_ = scope_of(parent);
    child_.resume();
    // true: the child finished inline, so do not suspend.
    return !std::exchange(cp.other_side_done_, true);
  }
  T await_resume() { return child_.promise().take_result(); }

 private:
  std::coroutine_handle<Promise<T>> child_;
};

}  // namespace detail

template <typename T>
class [[nodiscard]] Task {
  static_assert(!std::is_reference_v<T>, "Task<T&> is not supported: return a pointer");

 public:
  using promise_type = detail::Promise<T>;
  using value_type = T;

  Task() noexcept = default;
  explicit Task(std::coroutine_handle<promise_type> h) noexcept : handle_(h) {}
  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  // Destroying a Task that is suspended mid-way destroys its frame, which
  // unregisters any pending operation inside it; never do so while it runs.
  ~Task() { destroy(); }

  bool valid() const noexcept { return static_cast<bool>(handle_); }

  // Awaiting consumes the task's result; await each Task once.
  detail::TaskAwaiter<T> operator co_await() && noexcept {
    assert(handle_ && "awaiting an empty Task");
    return detail::TaskAwaiter<T>(handle_);
  }
  detail::TaskAwaiter<T> operator co_await() & noexcept {
    assert(handle_ && "awaiting an empty Task");
    return detail::TaskAwaiter<T>(handle_);
  }

  // Runs the task under `scope` instead of the awaiting task's scope
  // (with_timeout uses this). Call before the first co_await.
  void set_cancel_scope(CancelScope* scope) noexcept { handle_.promise().cancel_scope_ = scope; }

 private:
  void destroy() noexcept {
    if (handle_) handle_.destroy();
  }

  std::coroutine_handle<promise_type> handle_;
};

namespace detail {

template <typename T>
Task<T> Promise<T>::get_return_object() noexcept {
  return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}

inline Task<void> Promise<void>::get_return_object() noexcept {
  return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}

// co_await CurrentScope{} yields the running task's CancelScope without suspending.
struct CurrentScope {
  CancelScope* scope = nullptr;
  bool await_ready() const noexcept { return false; }
  template <typename P>
  bool await_suspend(std::coroutine_handle<P> h) noexcept {
    scope = scope_of(h);
    return false;
  }
  CancelScope* await_resume() const noexcept { return scope; }
};

}  // namespace detail
}  // namespace corothrift
