#pragma once
// with_timeout(loop, 50ms, task): awaits task; when the time passes first,
// the task's pending operation is cancelled (its fd interest or timer is
// released and the wait ends, see cancel.h), the task unwinds with
// CancelledError, and with_timeout throws TimeoutError once it has finished.
//
// The task runs in a CancelScope nested in the caller's, so an outer timeout
// or cancellation reaches it too. A task that does not await anything
// cancellable cannot be interrupted; it finishes and its result is returned.
// Cancelling a read half-way through a message leaves that stream mid-message:
// callers that must keep the connection (per-call RPC timeouts) should time
// out the wait for the reply, not the shared reader.

#include <corothrift/detail/cancel.h>
#include <corothrift/errors.h>
#include <corothrift/event_loop.h>
#include <corothrift/task.h>

#include <type_traits>
#include <utility>

namespace corothrift {
namespace detail {

// Cancels `scope` when the deadline passes; disarms on destruction.
class Deadline : public TimerNode {
 public:
  Deadline(EventLoop& loop, Clock::time_point when, CancelScope& scope)
      : TimerNode(&on_fire), loop_(loop), scope_(scope) {
    loop.add_timer(*this, when);
  }
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;
  ~Deadline() { loop_.remove_timer(*this); }

  bool fired() const noexcept { return fired_; }

 private:
  static void on_fire(TimerNode* node) noexcept {
    auto& self = static_cast<Deadline&>(*node);
    self.fired_ = true;
    self.scope_.cancel();
  }

  EventLoop& loop_;
  CancelScope& scope_;
  bool fired_ = false;
};

}  // namespace detail

template <typename T>
Task<T> with_deadline(EventLoop& loop, Clock::time_point deadline, Task<T> task) {
  CancelScope* outer = co_await detail::CurrentScope{};
  CancelScope scope(outer);
  detail::Deadline timer(loop, deadline, scope);
  task.set_cancel_scope(&scope);
  try {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(task);
      co_return;
    } else {
      co_return co_await std::move(task);
    }
  } catch (const CancelledError&) {
    if (!timer.fired()) throw;
  }
  throw TimeoutError("operation timed out");
}

template <typename T>
Task<T> with_timeout(EventLoop& loop, Clock::duration timeout, Task<T> task) {
  return with_deadline(loop, loop.now() + timeout, std::move(task));
}

}  // namespace corothrift
