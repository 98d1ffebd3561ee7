// CPU time of the calling thread, in nanoseconds. The serialization benchmark
// times with it rather than the wall clock: on a shared machine a wall-clock
// run also counts time spent waiting for a core, and the longer of two runs
// waits more, which biases a comparison toward the faster side.
#pragma once

#include <time.h>

#include <cstdint>

namespace bench {

inline int64_t thread_cpu_ns() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
}

}  // namespace bench
