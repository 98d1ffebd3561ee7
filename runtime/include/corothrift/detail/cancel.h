#pragma once
// Cooperative cancellation without allocation.
//
// Every Task carries a CancelScope* that it inherits from the task awaiting it
// (with_timeout and when_all pass theirs down). An operation that suspends on
// the loop (a socket read, a sleep, a readiness wait) attaches a CancelHook to
// the scope of the task that awaits it and detaches it when it completes.
// CancelScope::cancel() marks the scope and calls each attached hook once: the
// hook unregisters its operation from the loop (releasing the fd interest or
// timer) and schedules the waiting coroutine, whose co_await then throws
// CancelledError. Operations that would wait in a cancelled scope throw at once
// (one that can complete without waiting still completes).
//
// A scope made with a parent is cancelled together with it. Scopes and hooks
// are used by one loop thread only; neither may be moved once attached.

#include <coroutine>
#include <type_traits>

namespace corothrift {

class CancelScope;

// An intrusive list node: embed it in the cancellable operation.
class CancelHook {
 public:
  using Fn = void (*)(CancelHook*);
  explicit CancelHook(Fn fn) noexcept : fn_(fn) {}
  CancelHook(const CancelHook&) = delete;
  CancelHook& operator=(const CancelHook&) = delete;
  ~CancelHook() { detach(); }

  bool attached() const noexcept { return next_ != nullptr; }
  void detach() noexcept {
    if (!next_) return;
    prev_->next_ = next_;
    next_->prev_ = prev_;
    prev_ = next_ = nullptr;
  }

 private:
  friend class CancelScope;
  Fn fn_;
  CancelHook* prev_ = nullptr;
  CancelHook* next_ = nullptr;
};

class CancelScope {
 public:
  // With a parent, cancelling the parent cancels this scope too.
  explicit CancelScope(CancelScope* parent = nullptr) noexcept;
  CancelScope(const CancelScope&) = delete;
  CancelScope& operator=(const CancelScope&) = delete;
  ~CancelScope();

  bool cancelled() const noexcept { return cancelled_; }
  // Idempotent. Hooks are detached before their function runs.
  void cancel() noexcept;
  // Ignored (the caller should check cancelled() first) once cancelled.
  void attach(CancelHook& hook) noexcept;

 private:
  struct ParentLink : CancelHook {
    explicit ParentLink(CancelScope* self) noexcept : CancelHook(&on_parent_cancel), scope(self) {}
    CancelScope* scope;
  };
  static void on_parent_cancel(CancelHook* hook) noexcept;

  CancelHook head_{nullptr};
  ParentLink parent_hook_{this};
  bool cancelled_ = false;
};

namespace detail {

template <typename P>
concept HasCancelScope = requires(P& p) {
  { p.cancel_scope_ } -> std::convertible_to<CancelScope*>;
};

// The scope of the coroutine behind h, or nullptr for foreign coroutines.
template <typename P>
CancelScope* scope_of(std::coroutine_handle<P> h) noexcept {
  if constexpr (HasCancelScope<P>) {
    return h.promise().cancel_scope_;
  } else {
    return nullptr;
  }
}

}  // namespace detail
}  // namespace corothrift
