// A read position in the pieces of a write (ByteStream::try_write), for a
// writer that takes them a record at a time.
#pragma once

#include <sys/uio.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstring>
#include <span>

namespace corothrift::tls::detail {

class PieceCursor {
 public:
  // Looks at the first IOV_MAX pieces only, as a socket would.
  explicit PieceCursor(std::span<const iovec> pieces) noexcept
      : pieces_(pieces.first(std::min<std::size_t>(pieces.size(), IOV_MAX))) {
    skip_used();
  }
  bool done() const noexcept { return index_ == pieces_.size(); }
  // The rest of the current piece (not empty unless done()).
  std::span<const std::byte> head() const noexcept {
    const iovec& piece = pieces_[index_];
    return {static_cast<const std::byte*>(piece.iov_base) + offset_, piece.iov_len - offset_};
  }
  // Moves past n bytes (at most what is left).
  void advance(std::size_t n) noexcept {
    while (n > 0 && !done()) {
      std::size_t take = std::min(n, pieces_[index_].iov_len - offset_);
      offset_ += take;
      n -= take;
      skip_used();
    }
  }
  // Copies up to `limit` bytes from here to `to` without moving; returns
  // how many.
  std::size_t copy_to(unsigned char* to, std::size_t limit) const noexcept {
    std::size_t copied = 0;
    for (std::size_t i = index_, offset = offset_; i < pieces_.size() && copied < limit; ++i) {
      std::size_t take = std::min(pieces_[i].iov_len - offset, limit - copied);
      std::memcpy(to + copied, static_cast<const std::byte*>(pieces_[i].iov_base) + offset, take);
      copied += take;
      offset = 0;
    }
    return copied;
  }

 private:
  void skip_used() noexcept {
    while (index_ < pieces_.size() && offset_ == pieces_[index_].iov_len) {
      ++index_;
      offset_ = 0;
    }
  }

  std::span<const iovec> pieces_;
  std::size_t index_ = 0;
  std::size_t offset_ = 0;
};

}  // namespace corothrift::tls::detail
