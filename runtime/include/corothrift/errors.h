#pragma once
// The exceptions corothrift throws. Each of them, and each exception the
// compiler generates from an IDL, derives from one root, corothrift::Error:
//
//   Error                      (a std::runtime_error)
//   ├── RuntimeError           failures of the runtime, below
//   │   ├── TransportError     ├── ConnectionClosed, FrameTooLarge
//   │   ├── TimeoutError
//   │   ├── CancelledError
//   │   └── ProtocolError      malformed or over-limit input (exception.h)
//   └── ThriftException        what replies carry (exception.h):
//                              TApplicationException and IDL exceptions
//
// OS and peer failures travel as these exceptions through Task<T> to whoever
// awaits the failed operation. Misuse of the API (a malformed address,
// listen() twice) throws std::logic_error instead: a bug, not a failure.

#include <stdexcept>
#include <string>

namespace corothrift {

// The root: `catch (const corothrift::Error&)` catches every exception above.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Base of every exception the runtime itself throws.
class RuntimeError : public Error {
 public:
  using Error::Error;
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
