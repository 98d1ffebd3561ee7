// Thin checked wrappers over the socket calls the benchmark programs need.
// Failures throw std::system_error carrying errno and the call's name.
#pragma once

#include <cstdint>

namespace bench {

// Returns `result`, or throws std::system_error(errno, what) when it is -1.
long check_syscall(long result, const char* what);

// A non-blocking listening socket on 127.0.0.1:port (SO_REUSEADDR).
int listen_loopback(uint16_t port);

// A connected, non-blocking, TCP_NODELAY socket to 127.0.0.1:port, or -1 with
// errno set when the connection is refused or reset (the caller retries).
int connect_loopback(uint16_t port);

void set_nonblocking(int fd);
void set_nodelay(int fd);

}  // namespace bench
