#include <corothrift/buffer.h>
#include <corothrift/detail/recycled_bytes.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace corothrift {

WriteBuffer::WriteBuffer(WriteBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)),
      ref_threshold_(other.ref_threshold_),
      refs_(std::move(other.refs_)) {}

WriteBuffer& WriteBuffer::operator=(WriteBuffer&& other) noexcept {
  if (this != &other) {
    detail::RecycledBytes::give(data_, capacity_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
    ref_threshold_ = other.ref_threshold_;
    refs_ = std::move(other.refs_);
  }
  return *this;
}

WriteBuffer::~WriteBuffer() { detail::RecycledBytes::give(data_, capacity_); }

void WriteBuffer::release() noexcept {
  clear();
  detail::RecycledBytes::give(std::exchange(data_, nullptr), capacity_);
  capacity_ = 0;
  refs_.reset();
}

void WriteBuffer::add_reference(const void* bytes, std::size_t n) {
  if (!refs_) refs_ = std::make_unique<References>();
  refs_->refs.push_back({size_, static_cast<const uint8_t*>(bytes), n});
  refs_->bytes += n;
}

void WriteBuffer::keep_alive(KeptObject kept) {
  try {
    if (!refs_) refs_ = std::make_unique<References>();
    refs_->owners.push_back(kept);
  } catch (...) {
    kept.destroy(kept.object);
    throw;
  }
}

void WriteBuffer::clear_references() noexcept {
  refs_->refs.clear();
  refs_->bytes = 0;
  refs_->release_owners(0);
}

void WriteBuffer::rollback(const Mark& mark) noexcept {
  size_ = mark.size;
  if (!refs_) return;
  while (refs_->refs.size() > mark.references) {
    refs_->bytes -= refs_->refs.back().size;
    refs_->refs.pop_back();
  }
  refs_->release_owners(mark.owners);
}

void WriteBuffer::grow_for(std::size_t extra) {
  std::size_t needed = size_ + extra;
  std::size_t doubled = capacity_ < 64 ? 64 : capacity_ * 2;
  grow_to(needed > doubled ? needed : doubled);
}

void WriteBuffer::grow_to(std::size_t capacity) {
  if (capacity < detail::RecycledBytes::kMinBytes) {
    // realloc keeps the bytes; the buffer holds plain bytes only.
    void* grown = std::realloc(data_, capacity);
    if (grown == nullptr) throw std::bad_alloc();
    data_ = static_cast<uint8_t*>(grown);
    capacity_ = capacity;
    return;
  }
  // Large: a reused block if one fits (detail/recycled_bytes.h).
  std::size_t taken = 0;
  auto* grown = static_cast<uint8_t*>(detail::RecycledBytes::take(capacity, taken));
  if (size_ != 0) std::memcpy(grown, data_, size_);
  detail::RecycledBytes::give(std::exchange(data_, grown), capacity_);
  capacity_ = taken;
}

}  // namespace corothrift
