#include "memory_return.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace corothrift::detail {
namespace {

// Per loop thread: its connections now, and the most since the last return.
struct Counts {
  std::size_t live = 0;
  std::size_t peak = 0;
};
thread_local Counts counts;

}  // namespace

void note_connection_opened() noexcept {
  ++counts.live;
  if (counts.live > counts.peak) counts.peak = counts.live;
}

void note_connection_closed() noexcept {
  // A connection may end on another thread as a server is torn down.
  if (counts.live == 0) return;
  --counts.live;
  if (counts.peak < kReturnAfterPeak || counts.live > counts.peak / 4) return;
  counts.peak = counts.live;
#if defined(__GLIBC__)

#endif
}

}  // namespace corothrift::detail
