#pragma once
// The awaiter shape shared by every stream and socket operation
// (byte_stream.h, socket.h): await_ready tries the operation; only when it
// cannot progress does the coroutine suspend, with the operation parked on
// its FdWatch in its direction's slot. The loop retries when epoll reports
// the readiness the operation asked for, and resumes the coroutine once it
// finished. Nothing is allocated; the operation lives in the awaiting
// coroutine's frame.
//
// Derived must provide `bool attempt() noexcept`: try the operation, store
// the result (or an error code in error_) and return true when finished,
// false when it must wait. Before returning false it may call wait_for() to
// name the readiness it needs (by default: its own direction's).

#include <corothrift/detail/cancel.h>
#include <corothrift/errors.h>
#include <corothrift/event_loop.h>

#include <coroutine>
#include <utility>

namespace corothrift::detail {

template <typename Derived>
class IoOp : public IoWaiter, public CancelHook {
 public:
  // `direction` picks the watch's slot: one read and one write operation
  // may wait on a watch at a time.
  IoOp(FdWatch& watch, Interest direction) noexcept
      : IoWaiter(&on_ready, &on_abandon),
        CancelHook(&on_cancel),
        watch_(&watch),
        interest_(direction) {
    ready_on = direction;
  }
  IoOp(const IoOp&) = delete;
  IoOp& operator=(const IoOp&) = delete;
  // The frame holding a suspended operation was destroyed: forget the wait.
  ~IoOp() {
    if (suspended_) watch_->stop_waiting(interest_);
  }

  bool await_ready() noexcept { return derived().attempt(); }

  template <typename P>
  bool await_suspend(std::coroutine_handle<P> h) noexcept {
    CancelScope* scope = scope_of(h);
    if (scope && scope->cancelled()) {
      cancelled_ = true;
      return false;
    }
    handle_ = h;
    suspended_ = true;
    watch_->wait(interest_, this);
    if (scope) scope->attach(*this);
    return true;
  }

 protected:
  // The readiness to wait for until the next attempt.
  void wait_for(Interest readiness) noexcept { ready_on = readiness; }
  // Call first in await_resume.
  void throw_if_cancelled() const {
    if (cancelled_) throw CancelledError();
    if (abandoned_) throw ConnectionClosed("socket closed while an operation was waiting on it");
  }

  FdWatch* watch_;
  int error_ = 0;

 private:
  Derived& derived() noexcept { return static_cast<Derived&>(*this); }

  static bool on_ready(IoWaiter* waiter) noexcept {
    Derived& op = static_cast<Derived&>(*waiter);
    if (!op.attempt()) return false;
    op.resume_later();
    return true;
  }
  static void on_cancel(CancelHook* hook) noexcept {
    Derived& op = static_cast<Derived&>(*hook);
    op.watch_->stop_waiting(op.interest_);
    op.cancelled_ = true;
    op.resume_later();
  }
  // The watch is being destroyed: finish now, and never touch it again.
  static void on_abandon(IoWaiter* waiter) noexcept {
    Derived& op = static_cast<Derived&>(*waiter);
    op.abandoned_ = true;
    op.resume_later();
  }
  void resume_later() noexcept {
    suspended_ = false;
    CancelHook::detach();
    watch_->loop().schedule(handle_);
  }

  Interest interest_;
  bool suspended_ = false;
  bool cancelled_ = false;
  bool abandoned_ = false;
  std::coroutine_handle<> handle_;
};

// co_await watch-readiness once (used by connect, not on the hot path).
class ReadinessOp : public IoOp<ReadinessOp> {
 public:
  using IoOp::IoOp;
  bool attempt() noexcept { return !std::exchange(first_, false); }
  void await_resume() const { throw_if_cancelled(); }

 private:
  bool first_ = true;
};

}  // namespace corothrift::detail
