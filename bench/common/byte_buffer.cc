#include "common/byte_buffer.h"

#include <algorithm>
#include <cstring>

namespace bench {

std::span<uint8_t> ByteBuffer::writable(size_t bytes) {
  size_t unread = end_ - begin_;
  if (capacity_ - end_ < bytes) {
    if (capacity_ - unread >= bytes) {
      std::memmove(data_.get(), data_.get() + begin_, unread);
    } else {
      size_t grown = std::max(capacity_ * 2, unread + bytes);
      auto bigger = std::make_unique_for_overwrite<uint8_t[]>(grown);
      if (unread != 0) std::memcpy(bigger.get(), data_.get() + begin_, unread);
      data_ = std::move(bigger);
      capacity_ = grown;
    }
    begin_ = 0;
    end_ = unread;
  }
  return {data_.get() + end_, capacity_ - end_};
}

void ByteBuffer::consume(size_t bytes) {
  begin_ += bytes;
  if (begin_ == end_) begin_ = end_ = 0;
}

}  // namespace bench
