#pragma once
// EventLoop: one per thread, passed explicitly (there is no global loop).
//
// A turn of the loop runs the ready coroutines, computes how long it may
// sleep, polls epoll, then fires due timers. run() repeats turns until stop().
// All members except post() and stop() must be called on the loop's thread.
//
// File descriptors register once through FdWatch (edge-triggered, read and
// write), so waiting for readiness costs no syscall per operation; socket
// operations try the syscall first and wait only after EAGAIN.

#include <corothrift/timer_heap.h>

#include <atomic>
#include <coroutine>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

namespace corothrift {

class EventLoop;

enum class Interest { kRead, kWrite };

// One operation waiting on an FdWatch. on_ready runs on the loop thread when
// the fd may be ready or has failed; it returns true when the operation is
// finished (the watch then forgets it) and false to keep waiting. It runs in
// the middle of a batch of epoll events, so it must not destroy any FdWatch:
// schedule a coroutine to do further work instead. It waits in its own
// direction's slot (reader or writer) but for the readiness in ready_on,
// which may be the other one (a TLS read that needs the socket writable);
// the operation may change ready_on from on_ready before returning false.
class IoWaiter {
 public:
  using Fn = bool (*)(IoWaiter*);
  using AbandonFn = void (*)(IoWaiter*);
  // on_abandon runs when the FdWatch is destroyed (the socket closed) while
  // this operation waits; the watch is still alive during the call, not after.
  explicit IoWaiter(Fn on_ready, AbandonFn on_abandon = nullptr) noexcept
      : on_ready_(on_ready), on_abandon_(on_abandon) {}

  Interest ready_on = Interest::kRead;

 private:
  friend class FdWatch;
  Fn on_ready_;
  AbandonFn on_abandon_;
};

// Registers fd with the loop's epoll for the watch's lifetime (it does not own
// or close the fd). At most one reader and one writer wait at a time, each
// woken by the readiness it asked for (IoWaiter::ready_on) or a failure. Not
// movable: epoll holds its address. Destroying it while operations wait hands
// each to its on_abandon (socket operations then throw ConnectionClosed).
class FdWatch {
 public:
  FdWatch(EventLoop& loop, int fd);
  FdWatch(const FdWatch&) = delete;
  FdWatch& operator=(const FdWatch&) = delete;
  ~FdWatch();

  EventLoop& loop() const noexcept { return loop_; }
  int fd() const noexcept { return fd_; }

  // Readiness hint for reads (sound because the watch is edge-triggered): a
  // read that found the socket drained (EAGAIN or a short read) calls
  // drained(); new input makes epoll report an edge, which sets it again.
  // Reads skip their syscall while it is false and go straight to waiting.
  // Once the peer's end of stream (or an error) was reported, reads always
  // try: a short read does not consume a FIN that came in the same edge.
  bool may_read() const noexcept { return may_read_ || read_closed_; }
  void drained() noexcept { may_read_ = false; }

  void wait(Interest interest, IoWaiter* waiter) noexcept;
  void stop_waiting(Interest interest) noexcept { slot(interest) = nullptr; }
  bool waiting(Interest interest) noexcept { return slot(interest) != nullptr; }

  // Called by the loop with epoll's event bits.
  void notify(std::uint32_t events) noexcept;

 private:
  IoWaiter*& slot(Interest interest) noexcept {
    return interest == Interest::kRead ? reader_ : writer_;
  }
  static void wake(IoWaiter*& slot, bool readable, bool writable) noexcept;

  EventLoop& loop_;
  int fd_;
  IoWaiter* reader_ = nullptr;
  IoWaiter* writer_ = nullptr;
  bool may_read_ = true;
  bool read_closed_ = false;
};

namespace detail {
// Links a detached (spawned) coroutine into its loop so that the loop can
// destroy it if it is still suspended when the loop is destroyed.
struct DetachedLink {
  DetachedLink* prev = nullptr;
  DetachedLink* next = nullptr;
  std::coroutine_handle<> handle;
};
}  // namespace detail

class EventLoop;

// Makes `loop` what EventLoop::current() returns on this thread for the
// scope's lifetime, then restores the previous one (loops can nest: a
// sync_wait inside a task of another loop).
class CurrentLoopScope {
 public:
  explicit CurrentLoopScope(EventLoop& loop) noexcept;
  CurrentLoopScope(const CurrentLoopScope&) = delete;
  CurrentLoopScope& operator=(const CurrentLoopScope&) = delete;
  ~CurrentLoopScope();

 private:
  EventLoop* previous_;
};

class EventLoop {
 public:
  EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;
  // Destroys spawned tasks that are still suspended, then closes the epoll fd.
  ~EventLoop();

  // Runs turns until stop() is called; stop() before run() makes run() return
  // after one turn. The stop request is consumed when run() returns. Never
  // call run(), run_once() or sync_wait() from a task running on this loop.
  void run();
  // One turn. Blocks in epoll only when nothing is ready.
  void run_once();
  // The loop whose run(), run_once() or sync_wait() is executing on the
  // calling thread (the innermost one), or null. A server handler, given only
  // its arguments, reaches its loop this way, e.g. for sleep_for.
  static EventLoop* current() noexcept;
  // Thread-safe.
  void stop() noexcept;
  // Thread-safe: fn runs on the loop thread during a later turn.
  void post(std::function<void()> fn);

  // Resumes h during the next turn's ready phase (FIFO).
  void schedule(std::coroutine_handle<> h) { ready_.push_back(h); }

  // co_await loop.yield(): lets the other ready coroutines run first.
  auto yield() noexcept {
    struct Awaiter {
      EventLoop& loop;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<> h) { loop.schedule(h); }
      void await_resume() const noexcept {}
    };
    return Awaiter{*this};
  }

  Clock::time_point now() const noexcept { return Clock::now(); }
  void add_timer(TimerNode& node, Clock::time_point deadline) { timers_.push(node, deadline); }
  void remove_timer(TimerNode& node) noexcept { timers_.remove(node); }

  // Used by FdWatch and spawn; not for general use.
  int epoll_fd() const noexcept { return epoll_fd_; }
  void link_detached(detail::DetachedLink& link) noexcept;
  static void unlink_detached(detail::DetachedLink& link) noexcept;

 private:
  // One turn without marking the loop current (run and run_once do).
  void turn();
  void run_ready();
  int poll_timeout_ms() const;
  void poll(int timeout_ms);
  void fire_timers();
  void drain_posted();
  void wake() noexcept;

  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::vector<std::coroutine_handle<>> ready_;
  std::vector<std::coroutine_handle<>> running_;
  TimerHeap timers_;
  detail::DetachedLink detached_;
  std::atomic<bool> stop_requested_{false};
  std::mutex post_mutex_;
  std::vector<std::function<void()>> posted_;
};

}  // namespace corothrift
