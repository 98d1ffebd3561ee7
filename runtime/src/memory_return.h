// Gives the kernel back the memory of server connections that have closed.
//
// glibc returns freed memory to the kernel only from the top of a heap; the
// small objects of thousands of connections, freed among objects still in
// use, stay resident (in a server that had 5,000 connections, 6.8 MB more
// than before them, after all had closed). Objects of the connections still
// open pin the pages around them, so freed pages come mostly once most have
// closed. A loop thread asks malloc_trim(0), which releases every whole free
// page of every arena, each time as many connections have closed since it
// last asked as remain open (at least kReturnEvery of them), and when its
// last connection closes (at least kReturnAtZero since the last time). The
// cost is a walk over the heap's free chunks, at most once per tens of
// closes, and only after as many closes as connections remain.
#pragma once

#include <cstddef>

namespace corothrift::detail {

inline constexpr std::size_t kReturnEvery = 256;
inline constexpr std::size_t kReturnAtZero = 32;

// Called on a loop thread as a connection of that loop starts and ends.
void note_connection_opened() noexcept;
void note_connection_closed() noexcept;

}  // namespace corothrift::detail
