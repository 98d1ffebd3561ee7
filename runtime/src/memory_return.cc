#include "memory_return.h"

#include <algorithm>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace corothrift::detail {
namespace {

// Per loop thread: its connections now, and those closed since the last
// return.
struct Counts {
  std::size_t live = 0;
  std::size_t closed = 0;
};
thread_local Counts counts;

}  // namespace

void note_connection_opened() noexcept { ++counts.live; }

void note_connection_closed() noexcept {
  // A connection may end on another thread as a server is torn down.
  if (counts.live == 0) return;
  --counts.live;
  ++counts.closed;
  const std::size_t due = counts.live == 0 ? kReturnAtZero : std::max(kReturnEvery, counts.live);
  if (counts.closed < due) return;
  counts.closed = 0;
#if defined(__GLIBC__)
  ::malloc_trim(0);
#endif
}

}  // namespace corothrift::detail
