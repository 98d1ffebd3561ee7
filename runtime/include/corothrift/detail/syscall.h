#pragma once
// One checked-syscall helper: every OS call of the runtime goes through it so
// that EINTR is retried and errno is captured before anything can clobber it.

#include <sys/types.h>
#include <cerrno>

namespace corothrift {

// The outcome of a syscall: value >= 0 on success, else error holds errno.
struct SysResult {
  long value = 0;
  int error = 0;

  bool ok() const noexcept { return error == 0; }
  bool would_block() const noexcept { return error == EAGAIN || error == EWOULDBLOCK; }
};

// Calls fn() (which returns the raw syscall result, -1 on failure) until it
// does not fail with EINTR.
template <typename F>
SysResult sys_call(F&& fn) noexcept {
  for (;;) {
    long r = static_cast<long>(fn());
    if (r >= 0) return {r, 0};
    if (errno != EINTR) return {-1, errno};
  }
}

// Throws TransportError("<what>: <errno text>", error); ConnectionClosed for
// EPIPE/ECONNRESET so callers can tell a vanished peer from other failures.
[[noreturn]] void throw_sys_error(const char* what, int error);

// sys_call that throws on any failure and returns the successful value.
template <typename F>
long sys_check(const char* what, F&& fn) {
  SysResult r = sys_call(static_cast<F&&>(fn));
  if (!r.ok()) throw_sys_error(what, r.error);
  return r.value;
}

}  // namespace corothrift
