#include <corothrift/detail/cancel.h>

namespace corothrift {

CancelScope::CancelScope(CancelScope* parent) noexcept {
  head_.prev_ = head_.next_ = &head_;
  if (!parent) return;
  if (parent->cancelled()) {
    cancelled_ = true;
  } else {
    parent->attach(parent_hook_);
  }
}

CancelScope::~CancelScope() {
  parent_hook_.detach();
  // Operations outliving their scope is a bug, but leave them a valid list.
  while (head_.next_ != &head_) head_.next_->detach();
  head_.prev_ = head_.next_ = nullptr;
}

void CancelScope::attach(CancelHook& hook) noexcept {
  if (cancelled_) return;
  hook.detach();
  hook.prev_ = head_.prev_;
  hook.next_ = &head_;
  head_.prev_->next_ = &hook;
  head_.prev_ = &hook;
}

void CancelScope::cancel() noexcept {
  if (cancelled_) return;
  cancelled_ = true;
  // A hook's function may detach other hooks, so take them one at a time.
  while (head_.next_ != &head_) {
    CancelHook* hook = head_.next_;
    hook->detach();
    hook->fn_(hook);
  }
}

void CancelScope::on_parent_cancel(CancelHook* hook) noexcept {
  static_cast<ParentLink*>(hook)->scope->cancel();
}

}  // namespace corothrift
