#pragma once
// The loop's timer queue: an intrusive binary min-heap. Nodes live inside the
// operations that wait (a sleep, a deadline), so arming and removing a timer
// allocates nothing once the heap's vector has grown (it shrinks again when
// mostly empty). Equal deadlines fire in
// arming order.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace corothrift {

using Clock = std::chrono::steady_clock;

// Embed in an operation; fn runs on the loop thread when the deadline passes
// (the node is already out of the queue then). Not movable while queued.
class TimerNode {
 public:
  using Fn = void (*)(TimerNode*);
  explicit TimerNode(Fn fn) noexcept : fn_(fn) {}
  TimerNode(const TimerNode&) = delete;
  TimerNode& operator=(const TimerNode&) = delete;

  bool queued() const noexcept { return index_ != kNotQueued; }
  Clock::time_point deadline() const noexcept { return deadline_; }

 private:
  friend class TimerHeap;
  static constexpr std::size_t kNotQueued = std::numeric_limits<std::size_t>::max();

  Fn fn_;
  Clock::time_point deadline_{};
  std::uint64_t seq_ = 0;
  std::size_t index_ = kNotQueued;
};

class TimerHeap {
 public:
  void push(TimerNode& node, Clock::time_point deadline);
  // No-op when the node is not queued.
  void remove(TimerNode& node) noexcept;
  bool empty() const noexcept { return heap_.empty(); }
  Clock::time_point earliest() const noexcept { return heap_.front()->deadline_; }
  // Pops every node due at `now` and runs its function, earliest first.
  // Nodes armed by those functions for `now` or earlier fire in this call too.
  void fire_due(Clock::time_point now);

 private:
  bool before(const TimerNode* a, const TimerNode* b) const noexcept;
  void place(std::size_t i, TimerNode* node) noexcept;
  void sift_up(std::size_t i) noexcept;
  void sift_down(std::size_t i) noexcept;
  // Gives back most of the vector once three quarters of it are unused: a
  // burst of connections, each with a timer (ServerOptions::frame_read_timeout),
  // must not leave its high-water mark behind (docs/connection-memory.md).
  void shrink() noexcept;
  static constexpr std::size_t kKeptCapacity = 256;

  std::vector<TimerNode*> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace corothrift
