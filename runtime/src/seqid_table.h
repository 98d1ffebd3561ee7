// The calls waiting on one client connection, found by seqid. Seqids are
// handed out in increasing order, so `seqid & mask` spreads live calls over
// distinct slots; the table doubles when two live calls would share one.
// No allocation per call once the table has grown. Loop thread only.
#pragma once

#include <corothrift/channel.h>

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace corothrift::detail {

class SeqidTable {
 public:
  SeqidTable() : slots_(kInitialSlots, nullptr) {}

  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }

  void insert(PendingCall& call) {
    while (slot(call.seqid()) != nullptr) grow();
    slot(call.seqid()) = &call;
    ++count_;
  }
  // The call waiting for `seqid`, removed from the table; nullptr if none.
  PendingCall* take(int32_t seqid) noexcept {
    PendingCall*& s = slot(seqid);
    PendingCall* call = s;
    if (call == nullptr || call->seqid() != seqid) return nullptr;
    s = nullptr;
    --count_;
    return call;
  }
  // Removes every call, handing each to f (which must not insert).
  template <class F>
  void drain(F&& f) {
    for (PendingCall*& s : slots_) {
      if (s == nullptr) continue;
      --count_;
      f(*std::exchange(s, nullptr));
    }
  }

 private:
  static constexpr std::size_t kInitialSlots = 64;

  PendingCall*& slot(int32_t seqid) noexcept {
    return slots_[static_cast<uint32_t>(seqid) & (slots_.size() - 1)];
  }
  void grow() {
    std::vector<PendingCall*> old(slots_.size() * 2, nullptr);
    old.swap(slots_);
    for (PendingCall* call : old) {
      if (call == nullptr) continue;
      while (slot(call->seqid()) != nullptr) grow();
      slot(call->seqid()) = call;
    }
  }

  std::vector<PendingCall*> slots_;
  std::size_t count_ = 0;
};

}  // namespace corothrift::detail
