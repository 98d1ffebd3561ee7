// What the soak watches of a process: resident memory and open fds, read
// from /proc (Linux only, like the runtime).
#pragma once

#include <cstdint>

namespace soak {

// Resident set size of this process in KiB (/proc/self/statm).
uint64_t rss_kib();
// Open file descriptors of this process (/proc/self/fd), not counting the
// one used to list them.
uint64_t fd_count();

}  // namespace soak
