#include <corothrift/detail/recycled_bytes.h>

#include <cstdlib>
#include <mutex>
#include <new>

namespace corothrift::detail {
namespace {

struct Kept {
  void* block;
  std::size_t capacity;
};

struct Pool {
  std::mutex mutex;
  Kept kept[RecycledBytes::kSlots] = {};
  std::size_t count = 0;
};

Pool& pool() {
  static Pool instance;  // never destroyed before a thread-exit free
  return instance;
}

bool recyclable(std::size_t bytes) noexcept {
  return bytes >= RecycledBytes::kMinBytes && bytes <= RecycledBytes::kMaxBytes;
}

}  // namespace

void* RecycledBytes::take(std::size_t bytes, std::size_t& capacity) {
  if (recyclable(bytes)) {
    Pool& p = pool();
    std::lock_guard lock(p.mutex);
    // The smallest kept block that fits.
    std::size_t best = p.count;
    for (std::size_t i = 0; i < p.count; ++i) {
      if (p.kept[i].capacity >= bytes &&
          (best == p.count || p.kept[i].capacity < p.kept[best].capacity)) {
        best = i;
      }
    }
    if (best != p.count) {
      Kept found = p.kept[best];
      p.kept[best] = p.kept[--p.count];
      capacity = found.capacity;
      return found.block;
    }
  }
  void* block = std::malloc(bytes);
  if (block == nullptr) throw std::bad_alloc();
  capacity = bytes;
  return block;
}

void RecycledBytes::give(void* block, std::size_t capacity) noexcept {
  if (block == nullptr) return;
  if (recyclable(capacity)) {
    Pool& p = pool();
    std::lock_guard lock(p.mutex);
    if (p.count < kSlots) {
      p.kept[p.count++] = {block, capacity};
      return;
    }
  }
  std::free(block);
}

void RecycledBytes::drop_all() noexcept {
  Pool& p = pool();
  std::lock_guard lock(p.mutex);
  while (p.count > 0) std::free(p.kept[--p.count].block);
}

std::size_t RecycledBytes::kept_bytes() noexcept {
  Pool& p = pool();
  std::lock_guard lock(p.mutex);
  std::size_t total = 0;
  for (std::size_t i = 0; i < p.count; ++i) total += p.kept[i].capacity;
  return total;
}

}  // namespace corothrift::detail
