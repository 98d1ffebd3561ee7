// Storage for the runtime's byte blocks (read blocks, write buffers), with a
// few recently freed large ones kept for reuse. A connection gives its
// buffers back whenever it has nothing buffered (docs/connection-memory.md),
// so with 64 KiB messages every call would malloc and free its blocks; glibc
// then hands the freed top of the heap back to the kernel and faults it in
// again on the next call (measured: a 64 KiB echo 3.5x slower). Reusing a
// freed block avoids that. Bounded for the whole process (kSlots blocks of
// at most kMaxBytes), so what it keeps is no cost of any one connection.
// Thread-safe: a block may be freed on another thread than the one that
// took it (a Binary pointing into a read block).
#pragma once

#include <cstddef>

namespace corothrift::detail {

struct RecycledBytes {
  // Blocks outside [kMinBytes, kMaxBytes] come from malloc and go back to it.
  static constexpr std::size_t kMinBytes = 16 * 1024;
  static constexpr std::size_t kMaxBytes = 128 * 1024 + 256;
  static constexpr std::size_t kSlots = 8;

  // Storage for at least `bytes` bytes (a kept block, or malloc's); sets
  // `capacity` to what it holds. Throws std::bad_alloc.
  static void* take(std::size_t bytes, std::size_t& capacity);
  // Gives back storage from take() or malloc, `capacity` bytes large;
  // nullptr is ignored.
  static void give(void* block, std::size_t capacity) noexcept;
  // Frees every kept block (for tests that measure memory per connection).
  static void drop_all() noexcept;
  // Bytes held in kept blocks.
  static std::size_t kept_bytes() noexcept;
};

}  // namespace corothrift::detail
