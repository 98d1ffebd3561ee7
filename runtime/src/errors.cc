#include <corothrift/detail/syscall.h>
#include <corothrift/errors.h>

#include <fmt/core.h>

#include <cstring>

namespace corothrift {

std::string errno_text(int errno_value) {
  char buf[256];
  // GNU strerror_r may return a static string instead of filling buf.
  return strerror_r(errno_value, buf, sizeof buf);
}

void throw_sys_error(const char* what, int error) {
  std::string message = fmt::format("{}: {}", what, errno_text(error));
  if (error == EPIPE || error == ECONNRESET) throw ConnectionClosed(message, error);
  throw TransportError(message, error);
}

}  // namespace corothrift
