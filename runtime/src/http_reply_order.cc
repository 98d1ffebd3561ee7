#include "http_reply_order.h"

namespace corothrift::detail {

ReplySink& HttpReplyOrder::open() {
  if (!slots_) slots_.emplace();
  Slot& slot = slots_->emplace_back();
  slot.order = this;
  slot.framed = false;
  slot.http = true;
  slot.loop = target_.loop;
  slot.on_reply = &on_slot_reply;
  return slot;
}

void HttpReplyOrder::on_slot_reply(ReplySink* slot) noexcept {
  static_cast<Slot*>(slot)->order->complete(*slot);
}

void HttpReplyOrder::complete(ReplySink& sink) {
  auto& slot = static_cast<Slot&>(sink);
  if (slot.complete) return;
  slot.complete = true;
  held_bytes_ += slot.out.size();
  release();
}

void HttpReplyOrder::finish(ReplySink& sink) {
  static_cast<Slot&>(sink).finished = true;
  release();
}

void HttpReplyOrder::release() noexcept {
  if (!slots_) return;
  std::deque<Slot>& slots = *slots_;
  bool moved = false;
  for (; released_ < slots.size(); ++released_) {
    Slot& slot = slots[released_];
    if (!slot.complete) {
      if (!slot.finished) break;
      stalled_ = true;
      continue;
    }
    held_bytes_ -= slot.out.size();
    if (!stalled_ && !slot.out.empty()) {
      // Slots hold no references (no threshold is set): bytes() is all.
      target_.out.append(slot.out.bytes());
      moved = true;
    }
    slot.out.clear();
  }
  while (released_ > 0 && slots.front().finished) {
    slots.pop_front();
    --released_;
  }
  if (slots.empty()) slots_.reset();
  if (moved && target_.on_reply) target_.on_reply(&target_);
}

}  // namespace corothrift::detail
