#pragma once
// The runtime's exception hierarchy. OS and peer failures travel as these
// exceptions through Task<T> to whoever awaits the failed operation.

#include <stdexcept>
#include <string>

namespace corothrift {

// Base of every exception the runtime itself throws.
class RuntimeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A socket or stream failed; errno_value() is 0 when no syscall was involved.
class TransportError : public RuntimeError {
 public:
  explicit TransportError(const std::string& what, int errno_value = 0)
      : RuntimeError(what), errno_value_(errno_value) {}
  int errno_value() const noexcept { return errno_value_; }

 private:
  int errno_value_;
};

// The peer closed the connection (read returned 0 or the write side got EPIPE).
class ConnectionClosed : public TransportError {
 public:
  using TransportError::TransportError;
};

// A frame header announced more bytes than the reader allows; nothing was allocated.
class FrameTooLarge : public TransportError {
 public:
  using TransportError::TransportError;
};

// with_timeout's deadline passed before the awaited operation completed.
class TimeoutError : public RuntimeError {
 public:
  using RuntimeError::RuntimeError;
};

// The awaited operation was cancelled through its CancelScope (see cancel.h).
class CancelledError : public RuntimeError {
 public:
  CancelledError() : RuntimeError("operation cancelled") {}
};

// errno_text(EAGAIN) == "Resource temporarily unavailable" (thread-safe strerror).
std::string errno_text(int errno_value);

}  // namespace corothrift
