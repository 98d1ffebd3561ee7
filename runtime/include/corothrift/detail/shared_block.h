// A heap block of bytes owned by a reference count: a connection's read
// buffer, and the large binaries decoded from it that point into it instead
// of copying (see Binary). The count is atomic, so a binary may be destroyed
// on another thread than the connection's. Whoever writes into the block must
// first make sure nobody else holds it (unique()).
#pragma once

#include <corothrift/detail/recycled_bytes.h>

#include <atomic>
#include <cstddef>
#include <new>
#include <utility>

namespace corothrift::detail {

class SharedBlock {
 public:
  // A block of `capacity` uninitialised bytes with one reference; throws
  // std::bad_alloc.
  // Its capacity may be larger than asked (a reused block, RecycledBytes).
  static SharedBlock* create(std::size_t capacity) {
    std::size_t bytes = 0;
    void* memory = RecycledBytes::take(sizeof(SharedBlock) + capacity, bytes);
    return ::new (memory) SharedBlock(bytes - sizeof(SharedBlock));
  }
  SharedBlock(const SharedBlock&) = delete;
  SharedBlock& operator=(const SharedBlock&) = delete;

  std::byte* data() noexcept { return reinterpret_cast<std::byte*>(this + 1); }
  std::size_t capacity() const noexcept { return capacity_; }

  void retain() noexcept { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release() noexcept {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      const std::size_t bytes = sizeof(SharedBlock) + capacity_;
      this->~SharedBlock();
      RecycledBytes::give(this, bytes);
    }
  }
  // True when the caller's reference is the only one: nobody else can see a
  // write. Acquire pairs with the release of the last other holder.
  bool unique() const noexcept { return refs_.load(std::memory_order_acquire) == 1; }

 private:
  explicit SharedBlock(std::size_t capacity) noexcept : capacity_(capacity) {}
  ~SharedBlock() = default;

  // Keeps data() 16-byte aligned.
  alignas(16) std::atomic<std::size_t> refs_{1};
  std::size_t capacity_;
};

// One reference to a SharedBlock (or none).
class BlockRef {
 public:
  BlockRef() = default;
  // Takes over a reference the caller holds (from SharedBlock::create).
  static BlockRef adopt(SharedBlock* block) noexcept { return BlockRef(block); }
  // Adds a reference to `block`.
  static BlockRef share(SharedBlock* block) noexcept {
    if (block != nullptr) block->retain();
    return BlockRef(block);
  }
  BlockRef(const BlockRef& other) noexcept : BlockRef(share(other.block_)) {}
  BlockRef(BlockRef&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
  BlockRef& operator=(BlockRef other) noexcept {
    std::swap(block_, other.block_);
    return *this;
  }
  ~BlockRef() {
    if (block_ != nullptr) block_->release();
  }

  SharedBlock* get() const noexcept { return block_; }
  SharedBlock* operator->() const noexcept { return block_; }
  explicit operator bool() const noexcept { return block_ != nullptr; }
  void reset() noexcept { BlockRef().swap(*this); }
  void swap(BlockRef& other) noexcept { std::swap(block_, other.block_); }

 private:
  explicit BlockRef(SharedBlock* block) noexcept : block_(block) {}

  SharedBlock* block_ = nullptr;
};

}  // namespace corothrift::detail
