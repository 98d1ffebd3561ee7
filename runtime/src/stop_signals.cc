#include "stop_signals.h"

#include <corothrift/detail/syscall.h>

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <stdexcept>

namespace corothrift::detail {
namespace {

sigset_t stop_signal_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

// The self-pipe the handler writes to. Made once and never closed: a handler
// still running on another thread while the handlers are restored must not
// write into a descriptor number that something else has reused.
struct SignalPipe {
  int read_fd = -1;
  int write_fd = -1;

  SignalPipe() {
    int fds[2];
    sys_check("pipe2", [&] { return ::pipe2(fds, O_CLOEXEC); });
    read_fd = fds[0];
    write_fd = fds[1];
    // The handler must never block; the reader does.
    sys_check("fcntl", [&] { return ::fcntl(write_fd, F_SETFL, O_NONBLOCK); });
  }
};

SignalPipe& signal_pipe() {
  static SignalPipe pipe;
  return pipe;
}

std::atomic<int> handler_fd{-1};
std::atomic<bool> handlers_active{false};

// Async-signal-safe: one write, errno kept for the code it interrupted. A
// full pipe loses nothing that matters: a signal is already waiting there.
void on_stop_signal(int signal) {
  int saved = errno;
  auto byte = static_cast<unsigned char>(signal);
  int fd = handler_fd.load(std::memory_order_relaxed);
  if (fd >= 0 && ::write(fd, &byte, 1) < 0) {
  }
  errno = saved;
}

// Installs on_stop_signal for `signal` unless it is ignored; says whether it did.
bool install(int signal, struct sigaction& previous) {
  sys_check("sigaction", [&] { return ::sigaction(signal, nullptr, &previous); });
  if (previous.sa_handler == SIG_IGN) return false;
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  sys_check("sigaction", [&] { return ::sigaction(signal, &action, nullptr); });
  return true;
}

void drain_stale_bytes(int fd) {
  int flags = static_cast<int>(sys_check("fcntl", [&] { return ::fcntl(fd, F_GETFL); }));
  sys_check("fcntl", [&] { return ::fcntl(fd, F_SETFL, flags | O_NONBLOCK); });
  unsigned char bytes[64];
  while (::read(fd, bytes, sizeof bytes) > 0) {
  }
  sys_check("fcntl", [&] { return ::fcntl(fd, F_SETFL, flags); });
}

}  // namespace

BlockStopSignals::BlockStopSignals() {
  sigset_t set = stop_signal_set();
  pthread_sigmask(SIG_BLOCK, &set, &previous_);
}

BlockStopSignals::~BlockStopSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

StopSignalHandlers::StopSignalHandlers() {
  if (handlers_active.exchange(true)) {
    throw std::logic_error("corothrift: serve_until_signal is already waiting in this process");
  }
  try {
    SignalPipe& pipe = signal_pipe();
    drain_stale_bytes(pipe.read_fd);
    handler_fd.store(pipe.write_fd);
    install_int_ = install(SIGINT, previous_int_);
    install_term_ = install(SIGTERM, previous_term_);
  } catch (...) {
    restore();
    handlers_active.store(false);
    throw;
  }
}

StopSignalHandlers::~StopSignalHandlers() {
  restore();
  handlers_active.store(false);
}

int StopSignalHandlers::wait() {
  unsigned char byte = 0;
  sys_check("read", [&] { return ::read(signal_pipe().read_fd, &byte, 1); });
  return byte;
}

void StopSignalHandlers::restore() noexcept {
  if (install_int_) ::sigaction(SIGINT, &previous_int_, nullptr);
  if (install_term_) ::sigaction(SIGTERM, &previous_term_, nullptr);
  install_int_ = install_term_ = false;
}

}  // namespace corothrift::detail
