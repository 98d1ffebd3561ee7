// A self-owning coroutine for the channel's and server's own background work
// (connection readers and writers, one per server request). start() links it
// into its loop and runs it inline up to its first suspension; it frees its
// frame when it finishes, and the loop's destructor frees it if it never
// does. One frame allocation, nothing else.
#pragma once

#include <corothrift/detail/cancel.h>
#include <corothrift/event_loop.h>
#include <corothrift/log.h>

#include <coroutine>
#include <exception>
#include <utility>

namespace corothrift::detail {

class [[nodiscard]] Detached {
 public:
  struct promise_type {
    ~promise_type() { EventLoop::unlink_detached(link); }
    Detached get_return_object() noexcept {
      return Detached(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void return_void() const noexcept {}
    // Bodies catch what they expect; anything else is a bug worth a log line.
    void unhandled_exception() const noexcept {
      log(LogLevel::kError, "corothrift: background task ended by an unexpected exception");
    }
    DetachedLink link;
    // Operations awaited inside are cancelled through this scope (cancel.h).
    CancelScope* cancel_scope_ = nullptr;
  };

  explicit Detached(std::coroutine_handle<promise_type> h) noexcept : handle_(h) {}
  Detached(Detached&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Detached(const Detached&) = delete;
  Detached& operator=(const Detached&) = delete;
  ~Detached() {
    if (handle_) handle_.destroy();
  }

  // Runs the coroutine now, on the calling (loop) thread, in `scope` (which
  // must outlive it) when given.
  void start(EventLoop& loop, CancelScope* scope = nullptr) && {
    auto h = std::exchange(handle_, {});
    h.promise().cancel_scope_ = scope;
    h.promise().link.handle = h;
    loop.link_detached(h.promise().link);
    h.resume();
  }

 private:
  std::coroutine_handle<promise_type> handle_;
};

}  // namespace corothrift::detail
