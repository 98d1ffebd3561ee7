#include <corothrift/buffer.h>

#include <cstdlib>
#include <new>
#include <utility>

namespace corothrift {

WriteBuffer::WriteBuffer(WriteBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

WriteBuffer& WriteBuffer::operator=(WriteBuffer&& other) noexcept {
  if (this != &other) {
    std::free(data_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

WriteBuffer::~WriteBuffer() { std::free(data_); }

void WriteBuffer::grow_for(std::size_t extra) {
  std::size_t needed = size_ + extra;
  std::size_t doubled = capacity_ < 64 ? 64 : capacity_ * 2;
  grow_to(needed > doubled ? needed : doubled);
}

void WriteBuffer::grow_to(std::size_t capacity) {
  // realloc keeps the bytes; the buffer holds plain bytes only.
  void* grown = std::realloc(data_, capacity);
  if (grown == nullptr) throw std::bad_alloc();
  data_ = static_cast<uint8_t*>(grown);
  capacity_ = capacity;
}

}  // namespace corothrift
