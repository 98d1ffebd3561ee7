#include <corothrift/detail/transport.h>

#include <fmt/core.h>

#include <algorithm>
#include <cstring>

namespace corothrift {
namespace detail {
namespace {

// Above this the buffer returns to its initial size once drained.
constexpr std::size_t kShrinkAbove = 1024 * 1024;
constexpr std::size_t kHeaderSize = 4;

std::uint32_t load_be32(const std::byte* p) noexcept {
  return (std::to_integer<std::uint32_t>(p[0]) << 24) |
         (std::to_integer<std::uint32_t>(p[1]) << 16) |
         (std::to_integer<std::uint32_t>(p[2]) << 8) | std::to_integer<std::uint32_t>(p[3]);
}

void store_be32(std::byte* p, std::uint32_t v) noexcept {
  p[0] = std::byte(v >> 24);
  p[1] = std::byte(v >> 16);
  p[2] = std::byte(v >> 8);
  p[3] = std::byte(v);
}

// One try_read into the buffer's free tail; false when it must wait (the op
// then waits for the readiness the stream named). Sets eof at end of stream.
template <typename Op>
bool read_into(Op& op, ByteStream& stream, ReadBuffer& buffer, std::size_t min_free, int& error,
               bool& eof) noexcept {
  std::span<std::byte> tail;
  try {
    tail = buffer.tail(min_free);
  } catch (...) {
    error = ENOMEM;
    return true;
  }
  IoResult r = stream.try_read(tail);
  if (op.must_wait(r)) return false;
  eof = r.status == IoStatus::kEnd;
  if (r.status == IoStatus::kDone) buffer.commit(r.bytes);
  return true;
}

}  // namespace

ReadBuffer::ReadBuffer(std::size_t initial_capacity)
    : initial_(std::max<std::size_t>(initial_capacity, 64)),
      block_(BlockRef::adopt(SharedBlock::create(initial_))) {}

void ReadBuffer::consume(std::size_t n) noexcept {
  begin_ += n;
  if (begin_ != end_) return;
  if (block_->capacity() > kShrinkAbove && block_->capacity() > initial_) {
    // Keep the big block if allocation fails: correctness does not depend on it.
    try {
      block_ = BlockRef::adopt(SharedBlock::create(initial_));
      begin_ = end_ = 0;
    } catch (...) {
    }
  }
  // Empty now; tail() starts again at the block's start once nobody else
  // holds it (rewinding now could write over bytes a binary points to).
}

std::span<std::byte> ReadBuffer::tail(std::size_t min_free) {
  min_free = std::max<std::size_t>(min_free, 1);
  if (begin_ == end_ && begin_ != 0 && block_->unique()) begin_ = end_ = 0;
  const std::size_t capacity = block_->capacity();
  if (capacity - end_ >= min_free) return {block_->data() + end_, capacity - end_};
  const std::size_t used = end_ - begin_;
  if (capacity - used < min_free) {
    move_to_new_block(std::max(capacity * 2, used + min_free));
  } else if (block_->unique()) {
    std::memmove(block_->data(), block_->data() + begin_, used);
    begin_ = 0;
    end_ = used;
  } else {
    // Someone holds this block: move the unread bytes to a new one, as large
    // as this one unless this one grew past kShrinkAbove for a huge message.
    move_to_new_block(std::max({initial_, used + min_free, std::min(capacity, kShrinkAbove)}));
  }
  return {block_->data() + end_, block_->capacity() - end_};
}

void ReadBuffer::move_to_new_block(std::size_t capacity) {
  const std::size_t used = end_ - begin_;
  BlockRef block = BlockRef::adopt(SharedBlock::create(capacity));
  std::memcpy(block->data(), block_->data() + begin_, used);
  block_ = std::move(block);
  begin_ = 0;
  end_ = used;
}

bool FillOp::attempt() noexcept {
  for (;;) {
    if (need_ == 0 ? read_once_ : buffer_->size() >= need_) return true;
    std::size_t missing = need_ > buffer_->size() ? need_ - buffer_->size() : 1;
    if (!read_into(*this, *stream_, *buffer_, missing, error_, eof_)) return false;
    read_once_ = true;
    if (error_ || eof_) return true;
  }
}

void FillOp::await_resume() const {
  throw_if_failed("read");
  if (eof_) throw ConnectionClosed("connection closed by peer");
}

std::size_t FrameReadOp::frame_size() const noexcept {
  if (buffer_->size() < kHeaderSize) return 0;
  return load_be32(buffer_->data().data());
}

bool FrameReadOp::attempt() noexcept {
  if (*pending_consume_) {
    buffer_->consume(*pending_consume_);
    *pending_consume_ = 0;
  }
  for (;;) {
    std::size_t need = kHeaderSize;
    if (buffer_->size() >= kHeaderSize) {
      announced_ = frame_size();
      if (announced_ > max_frame_size_) {
        too_large_ = true;
        return true;
      }
      need += announced_;
      if (buffer_->size() >= need) return true;
    }
    if (!read_into(*this, *stream_, *buffer_, need - buffer_->size(), error_, eof_)) {
      return false;
    }
    if (error_ || eof_) return true;
  }
}

std::span<const std::byte> FrameReadOp::await_resume() {
  throw_if_cancelled();
  if (too_large_) {
    throw FrameTooLarge(fmt::format("frame of {} bytes exceeds the limit of {} bytes", announced_,
                                    max_frame_size_));
  }
  throw_if_failed("read");
  if (eof_) throw ConnectionClosed("connection closed by peer");
  *pending_consume_ = kHeaderSize + announced_;
  return buffer_->data().subspan(kHeaderSize, announced_);
}

}  // namespace detail

BufferedStream::BufferedStream(std::unique_ptr<ByteStream> stream, std::size_t initial_capacity)
    : stream_(std::move(stream)), buffer_(initial_capacity) {}

BufferedStream::BufferedStream(Socket socket, std::size_t initial_capacity)
    : BufferedStream(std::make_unique<Socket>(std::move(socket)), initial_capacity) {}

detail::FillOp BufferedStream::read_more() noexcept { return detail::FillOp(*stream_, buffer_, 0); }

detail::FillOp BufferedStream::read_at_least(std::size_t n) noexcept {
  return detail::FillOp(*stream_, buffer_, n);
}

detail::WritevOp BufferedStream::write_buffer(const WriteBuffer& out, std::size_t offset) {
  iov_.clear();
  out.for_each_piece(offset, [&](std::span<const uint8_t> piece) {
    // sendmsg never writes through iov_base; the cast only fits its C type.
    iov_.push_back({const_cast<uint8_t*>(piece.data()), piece.size()});
    return true;
  });
  return stream_->writev(iov_);
}

FramedTransport::FramedTransport(std::unique_ptr<ByteStream> stream, std::size_t initial_capacity)
    : stream_(std::move(stream)), buffer_(initial_capacity) {}

FramedTransport::FramedTransport(Socket socket, std::size_t initial_capacity)
    : FramedTransport(std::make_unique<Socket>(std::move(socket)), initial_capacity) {}

detail::FrameReadOp FramedTransport::read_frame(std::size_t max_frame_size) noexcept {
  return detail::FrameReadOp(*stream_, buffer_, pending_consume_, max_frame_size);
}

detail::WritevOp FramedTransport::write_frames(
    std::span<const std::span<const std::byte>> payloads) {
  headers_.resize(payloads.size());
  iov_.clear();
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    detail::store_be32(headers_[i].data(), static_cast<std::uint32_t>(payloads[i].size()));
    iov_.push_back({headers_[i].data(), detail::kHeaderSize});
    // sendmsg never writes through iov_base; the cast only fits its C type.
    if (!payloads[i].empty()) {
      iov_.push_back({const_cast<std::byte*>(payloads[i].data()), payloads[i].size()});
    }
  }
  return stream_->writev(iov_);
}

detail::WritevOp FramedTransport::write_frame(std::span<const std::byte> payload) {
  return write_frames(std::span(&payload, 1));
}

}  // namespace corothrift
