// The only file that includes <sys/epoll.h>.
#include <corothrift/event_loop.h>
#include <corothrift/log.h>
#include <corothrift/syscall.h>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <exception>
#include <utility>

namespace corothrift {
namespace {

constexpr int kMaxEvents = 256;

void epoll_control(int epoll_fd, int op, int fd, std::uint32_t events, void* data) {
  epoll_event ev{};
  ev.events = events;
  ev.data.ptr = data;
  sys_check("epoll_ctl", [&] { return ::epoll_ctl(epoll_fd, op, fd, &ev); });
}

}  // namespace

// ---- FdWatch ----

FdWatch::FdWatch(EventLoop& loop, int fd) : loop_(loop), fd_(fd) {
  epoll_control(loop.epoll_fd(), EPOLL_CTL_ADD, fd, EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET,
                this);
}

FdWatch::~FdWatch() {
  for (IoWaiter* waiter : {std::exchange(reader_, nullptr), std::exchange(writer_, nullptr)}) {
    if (waiter && waiter->on_abandon_) waiter->on_abandon_(waiter);
  }
  epoll_event ev{};
  ::epoll_ctl(loop_.epoll_fd(), EPOLL_CTL_DEL, fd_, &ev);
}

void FdWatch::wait(Interest interest, IoWaiter* waiter) noexcept {
  assert(!slot(interest) && "two operations waiting in the same direction on one fd");
  slot(interest) = waiter;
}

void FdWatch::wake(IoWaiter*& slot, bool readable, bool writable) noexcept {
  IoWaiter* waiter = slot;
  if (waiter == nullptr) return;
  if (!(waiter->ready_on == Interest::kRead ? readable : writable)) return;
  if (waiter->on_ready_(waiter) && slot == waiter) slot = nullptr;
}

void FdWatch::notify(std::uint32_t events) noexcept {
  constexpr std::uint32_t kFailed = EPOLLERR | EPOLLHUP;
  if (events & (EPOLLRDHUP | kFailed)) read_closed_ = true;
  const bool readable = (events & (EPOLLIN | EPOLLRDHUP | kFailed)) != 0;
  const bool writable = (events & (EPOLLOUT | kFailed)) != 0;
  if (readable) may_read_ = true;
  wake(reader_, readable, writable);
  wake(writer_, readable, writable);
}

// ---- EventLoop ----

EventLoop::EventLoop() {
  epoll_fd_ =
      static_cast<int>(sys_check("epoll_create1", [] { return ::epoll_create1(EPOLL_CLOEXEC); }));
  wake_fd_ = static_cast<int>(
      sys_check("eventfd", [] { return ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }));
  // A null data pointer marks the wake-up eventfd.
  epoll_control(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, EPOLLIN, nullptr);
  detached_.prev = detached_.next = &detached_;
  ready_.reserve(256);
  running_.reserve(256);
}

EventLoop::~EventLoop() {
  // Destroying a detached frame unlinks it, so always take the first one.
  while (detached_.next != &detached_) detached_.next->handle.destroy();
  ::close(wake_fd_);
  ::close(epoll_fd_);
}

namespace {

thread_local EventLoop* t_current_loop = nullptr;

}  // namespace

CurrentLoopScope::CurrentLoopScope(EventLoop& loop) noexcept
    : previous_(std::exchange(t_current_loop, &loop)) {}

CurrentLoopScope::~CurrentLoopScope() { t_current_loop = previous_; }

EventLoop* EventLoop::current() noexcept { return t_current_loop; }

void EventLoop::run() {
  CurrentLoopScope scope(*this);
  while (!stop_requested_.load(std::memory_order_acquire)) turn();
  stop_requested_.store(false, std::memory_order_relaxed);
}

void EventLoop::run_once() {
  CurrentLoopScope scope(*this);
  turn();
}

void EventLoop::turn() {
  run_ready();
  poll(poll_timeout_ms());
  fire_timers();
}

void EventLoop::stop() noexcept {
  stop_requested_.store(true, std::memory_order_release);
  wake();
}

void EventLoop::post(std::function<void()> fn) {
  {
    std::lock_guard lock(post_mutex_);
    posted_.push_back(std::move(fn));
  }
  wake();
}

void EventLoop::wake() noexcept {
  std::uint64_t one = 1;
  // EAGAIN means the counter is already non-zero: the loop will wake anyway.
  (void)sys_call([&] { return ::write(wake_fd_, &one, sizeof one); });
}

void EventLoop::run_ready() {
  // Coroutines scheduled while these run wait for the next turn, so a
  // coroutine that keeps yielding cannot starve I/O.
  std::swap(ready_, running_);
  for (std::size_t i = 0; i < running_.size(); ++i) running_[i].resume();
  running_.clear();
}

int EventLoop::poll_timeout_ms() const {
  if (!ready_.empty() || stop_requested_.load(std::memory_order_relaxed)) return 0;
  if (timers_.empty()) return -1;
  auto wait = timers_.earliest() - Clock::now();
  if (wait <= Clock::duration::zero()) return 0;
  // Round up so that a timer is never polled for early and spun on.
  auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
  return static_cast<int>(std::min<decltype(ms)>(ms, 60'000));
}

void EventLoop::poll(int timeout_ms) {
  epoll_event events[kMaxEvents];
  SysResult r = sys_call([&] { return ::epoll_wait(epoll_fd_, events, kMaxEvents, timeout_ms); });
  if (!r.ok()) throw_sys_error("epoll_wait", r.error);
  bool woken = false;
  for (long i = 0; i < r.value; ++i) {
    if (events[i].data.ptr == nullptr) {
      woken = true;
    } else {
      static_cast<FdWatch*>(events[i].data.ptr)->notify(events[i].events);
    }
  }
  // Only after the batch: a posted function may destroy a watch named in it.
  if (woken) drain_posted();
}

void EventLoop::fire_timers() {
  if (!timers_.empty()) timers_.fire_due(Clock::now());
}

void EventLoop::drain_posted() {
  std::uint64_t count = 0;
  (void)sys_call([&] { return ::read(wake_fd_, &count, sizeof count); });
  std::vector<std::function<void()>> batch;
  {
    std::lock_guard lock(post_mutex_);
    batch.swap(posted_);
  }
  for (auto& fn : batch) {
    try {
      fn();
    } catch (const std::exception& e) {
      log(LogLevel::kError, "posted function threw: {}", e.what());
    }
  }
}

void EventLoop::link_detached(detail::DetachedLink& link) noexcept {
  link.prev = &detached_;
  link.next = detached_.next;
  detached_.next->prev = &link;
  detached_.next = &link;
}

void EventLoop::unlink_detached(detail::DetachedLink& link) noexcept {
  if (!link.next) return;
  link.prev->next = link.next;
  link.next->prev = link.prev;
  link.prev = link.next = nullptr;
}

}  // namespace corothrift
