#include <corothrift/log.h>
#include <corothrift/sync_wait.h>

#include <exception>

namespace corothrift {
namespace {

// A fire-and-forget coroutine: started by the loop, frees itself at its end,
// and is linked into the loop so that the loop can destroy it if unfinished.
struct Detached {
  struct promise_type {
    promise_type(EventLoop& loop, Task<void>&) noexcept {
      link.handle = std::coroutine_handle<promise_type>::from_promise(*this);
      loop.link_detached(link);
    }
    ~promise_type() { EventLoop::unlink_detached(link); }
    Detached get_return_object() noexcept {
      return {std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void return_void() const noexcept {}
    void unhandled_exception() const noexcept {
      log(LogLevel::kError, "spawned task failed with an unknown exception");
    }
    detail::DetachedLink link;
  };
  std::coroutine_handle<promise_type> handle;
};

Detached run_detached(EventLoop&, Task<void> task) {
  try {
    co_await std::move(task);
  } catch (const std::exception& e) {
    log(LogLevel::kError, "spawned task failed: {}", e.what());
  }
}

}  // namespace

void spawn(EventLoop& loop, Task<void> task) {
  loop.schedule(run_detached(loop, std::move(task)).handle);
}

}  // namespace corothrift
