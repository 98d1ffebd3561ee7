// Gives the kernel back the memory of server connections that have closed.
//
// glibc returns freed memory to the kernel only from the top of a heap; the
// small objects of thousands of connections, freed among objects still in
// use, stay resident (after 1,500 connections opened and closed, 2 MiB more
// than before them, for good). So when the connections of a loop thread have
// fallen to a quarter of their peak, the thread asks malloc_trim(0), which
// releases every whole free page of every arena. The cost is a walk over
// the free chunks of the heap; it comes at most once per four-fold fall
// from a peak of at least kReturnAfterPeak connections, so at most one per
// hundreds of closes.
#pragma once

#include <cstddef>

namespace corothrift::detail {

inline constexpr std::size_t kReturnAfterPeak = 256;

// Called on a loop thread as a connection of that loop starts and ends.
void note_connection_opened() noexcept;
void note_connection_closed() noexcept;

}  // namespace corothrift::detail
