#include <corothrift/detail/timer_heap.h>

#include <algorithm>
#include <utility>

namespace corothrift {

bool TimerHeap::before(const TimerNode* a, const TimerNode* b) const noexcept {
  if (a->deadline_ != b->deadline_) return a->deadline_ < b->deadline_;
  return a->seq_ < b->seq_;
}

void TimerHeap::place(std::size_t i, TimerNode* node) noexcept {
  heap_[i] = node;
  node->index_ = i;
}

void TimerHeap::sift_up(std::size_t i) noexcept {
  TimerNode* node = heap_[i];
  while (i > 0) {
    std::size_t parent = (i - 1) / 2;
    if (!before(node, heap_[parent])) break;
    place(i, heap_[parent]);
    i = parent;
  }
  place(i, node);
}

void TimerHeap::sift_down(std::size_t i) noexcept {
  TimerNode* node = heap_[i];
  const std::size_t n = heap_.size();
  for (;;) {
    std::size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
    if (!before(heap_[child], node)) break;
    place(i, heap_[child]);
    i = child;
  }
  place(i, node);
}

void TimerHeap::push(TimerNode& node, Clock::time_point deadline) {
  remove(node);
  node.deadline_ = deadline;
  node.seq_ = next_seq_++;
  heap_.push_back(&node);
  sift_up(heap_.size() - 1);
}

void TimerHeap::remove(TimerNode& node) noexcept {
  if (!node.queued()) return;
  std::size_t i = node.index_;
  node.index_ = TimerNode::kNotQueued;
  TimerNode* last = heap_.back();
  heap_.pop_back();
  if (last != &node) {
    place(i, last);
    sift_down(i);
    sift_up(last->index_);
  }
  if (heap_.capacity() > kKeptCapacity && heap_.size() < heap_.capacity() / 4) shrink();
}

void TimerHeap::shrink() noexcept {
  // Positions (and so the nodes' index_) stay as they are.
  try {
    std::vector<TimerNode*> smaller;
    smaller.reserve(std::max(kKeptCapacity, 2 * heap_.size()));
    smaller.assign(heap_.begin(), heap_.end());
    heap_.swap(smaller);
  } catch (...) {
    // Out of memory: keep the larger vector; a later removal tries again.
  }
}

void TimerHeap::fire_due(Clock::time_point now) {
  while (!heap_.empty() && heap_.front()->deadline_ <= now) {
    TimerNode* node = heap_.front();
    remove(*node);
    node->fn_(node);
  }
}

}  // namespace corothrift
