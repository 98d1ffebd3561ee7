// A growable receive buffer: read() into writable(), parse readable(), consume().
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace bench {

class ByteBuffer {
 public:
  // At least `bytes` of room after the unread data, compacting or growing;
  // never zero-fills, since read() overwrites it.
  std::span<uint8_t> writable(size_t bytes);
  void commit(size_t bytes) { end_ += bytes; }

  std::span<const uint8_t> readable() const { return {data_.get() + begin_, end_ - begin_}; }
  void consume(size_t bytes);
  void clear() { begin_ = end_ = 0; }

 private:
  std::unique_ptr<uint8_t[]> data_;
  size_t capacity_ = 0;
  size_t begin_ = 0;
  size_t end_ = 0;
};

}  // namespace bench
