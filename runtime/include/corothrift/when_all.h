#pragma once
// Runs several tasks concurrently on the current loop and waits for all.
//
//   auto [a, b] = co_await when_all(fetch(1), fetch(2));       // std::tuple
//   std::vector<int> all = co_await when_all(std::move(tasks));  // std::vector
//
// Each child starts in turn and runs until it first suspends, so children
// interleave on the loop. A void child yields std::monostate. When children
// fail, all still run to completion, then the first exception is rethrown.
// Children inherit the caller's CancelScope.

#include <corothrift/task.h>

#include <array>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <optional>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace corothrift {
namespace detail {

template <typename T>
using WhenAllValue = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

struct WhenAllState {
  // Children still running, plus one for the awaiting when_all itself.
  std::size_t remaining;
  std::coroutine_handle<> parent;
  std::exception_ptr first_error;
};

// Wraps one child; its end counts down the shared state and resumes the
// when_all coroutine after the last one (if that one really suspended).
class WhenAllChild {
 public:
  struct promise_type {
    WhenAllChild get_return_object() noexcept {
      return WhenAllChild(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    auto final_suspend() const noexcept {
      struct Awaiter {
        bool await_ready() const noexcept { return false; }
        std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
          WhenAllState& s = *h.promise().state;
          if (--s.remaining == 0) return s.parent;
          return std::noop_coroutine();
        }
        void await_resume() const noexcept {}
      };
      return Awaiter{};
    }
    void return_void() const noexcept {}
    void unhandled_exception() const noexcept { std::terminate(); }

    WhenAllState* state = nullptr;
    CancelScope* cancel_scope_ = nullptr;
  };

  explicit WhenAllChild(std::coroutine_handle<promise_type> h) noexcept : handle_(h) {}
  WhenAllChild(WhenAllChild&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  WhenAllChild& operator=(WhenAllChild&&) = delete;
  ~WhenAllChild() {
    if (handle_) handle_.destroy();
  }

  void start(WhenAllState& state, CancelScope* scope) noexcept {
    handle_.promise().state = &state;
    handle_.promise().cancel_scope_ = scope;
    handle_.resume();
  }

 private:
  std::coroutine_handle<promise_type> handle_;
};

template <typename T>
WhenAllChild when_all_child(Task<T> task, std::optional<WhenAllValue<T>>& slot,
                            WhenAllState& state) {
  try {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(task);
      slot.emplace();
    } else {
      T value = co_await std::move(task);
      slot.emplace(std::move(value));
    }
  } catch (...) {
    if (!state.first_error) state.first_error = std::current_exception();
  }
}

struct StartAll {
  std::span<WhenAllChild> children;
  WhenAllState& state;
  CancelScope* scope;

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> parent) noexcept {
    state.parent = parent;
    for (WhenAllChild& child : children) child.start(state, scope);
    return --state.remaining != 0;
  }
  void await_resume() const noexcept {}
};

}  // namespace detail

template <typename... Ts>
Task<std::tuple<detail::WhenAllValue<Ts>...>> when_all(Task<Ts>... tasks) {
  CancelScope* scope = co_await detail::CurrentScope{};
  detail::WhenAllState state{sizeof...(Ts) + 1, {}, {}};
  std::tuple<std::optional<detail::WhenAllValue<Ts>>...> slots;
  auto children = [&]<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<detail::WhenAllChild, sizeof...(Ts)>{
        detail::when_all_child(std::move(tasks), std::get<I>(slots), state)...};
  }
  (std::index_sequence_for<Ts...>{});
  detail::StartAll start{children, state, scope};
  co_await start;
  if (state.first_error) std::rethrow_exception(state.first_error);
  co_return std::apply(
      [](auto&... slot) { return std::tuple<detail::WhenAllValue<Ts>...>(std::move(*slot)...); },
      slots);
}

template <typename T>
Task<std::vector<detail::WhenAllValue<T>>> when_all(std::vector<Task<T>> tasks) {
  CancelScope* scope = co_await detail::CurrentScope{};
  detail::WhenAllState state{tasks.size() + 1, {}, {}};
  std::vector<std::optional<detail::WhenAllValue<T>>> slots(tasks.size());
  std::vector<detail::WhenAllChild> children;
  children.reserve(tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    children.push_back(detail::when_all_child(std::move(tasks[i]), slots[i], state));
  }
  detail::StartAll start{children, state, scope};
  co_await start;
  if (state.first_error) std::rethrow_exception(state.first_error);
  std::vector<detail::WhenAllValue<T>> results;
  results.reserve(slots.size());
  for (auto& slot : slots) results.push_back(std::move(*slot));
  co_return results;
}

}  // namespace corothrift
