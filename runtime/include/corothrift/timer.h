#pragma once
// Sleeping on the loop's timers: co_await sleep_for(loop, 10ms).
// A sleep is cancellable (see cancel.h): cancelling removes its timer and
// makes the co_await throw CancelledError. No allocation.

#include <corothrift/detail/cancel.h>
#include <corothrift/errors.h>
#include <corothrift/event_loop.h>

#include <coroutine>

namespace corothrift {
namespace detail {

class SleepOp : public TimerNode, public CancelHook {
 public:
  SleepOp(EventLoop& loop, Clock::time_point deadline) noexcept
      : TimerNode(&on_fire), CancelHook(&on_cancel), loop_(loop), deadline_(deadline) {}
  ~SleepOp() { loop_.remove_timer(*this); }

  // A deadline already past completes without suspending.
  bool await_ready() const noexcept { return deadline_ <= loop_.now(); }
  template <typename P>
  bool await_suspend(std::coroutine_handle<P> h) {
    CancelScope* scope = scope_of(h);
    if (scope && scope->cancelled()) {
      cancelled_ = true;
      return false;
    }
    handle_ = h;
    loop_.add_timer(*this, deadline_);
    if (scope) scope->attach(*this);
    return true;
  }
  void await_resume() const {
    if (cancelled_) throw CancelledError();
  }

 private:
  static void on_fire(TimerNode* node) noexcept {
    auto& op = static_cast<SleepOp&>(*node);
    op.CancelHook::detach();
    op.loop_.schedule(op.handle_);
  }
  static void on_cancel(CancelHook* hook) noexcept {
    auto& op = static_cast<SleepOp&>(*hook);
    op.loop_.remove_timer(op);
    op.cancelled_ = true;
    op.loop_.schedule(op.handle_);
  }

  EventLoop& loop_;
  Clock::time_point deadline_;
  std::coroutine_handle<> handle_;
  bool cancelled_ = false;
};

}  // namespace detail

inline detail::SleepOp sleep_until(EventLoop& loop, Clock::time_point deadline) noexcept {
  return detail::SleepOp(loop, deadline);
}

inline detail::SleepOp sleep_for(EventLoop& loop, Clock::duration duration) noexcept {
  return detail::SleepOp(loop, loop.now() + duration);
}

}  // namespace corothrift
