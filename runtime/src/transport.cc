#include <corothrift/detail/transport.h>

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

namespace corothrift {
namespace detail {
namespace {

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

// A read straight into a block's free tail needs at least this much room
// (or all the bytes still missing); smaller tails read through the scratch
// space, which takes up to kDefaultReadBufferSize at once.
constexpr std::size_t kMinDirectRead = 4096;
// Blocks are sized in these steps.
constexpr std::size_t kBlockGranule = 64;

std::size_t round_up(std::size_t n) noexcept {
  return (n + kBlockGranule - 1) / kBlockGranule * kBlockGranule;
}

// Where reads land when a buffer's block has no room: one per thread, used
// only between a read_space and its commit_read (no suspension between
// them), so the connections of a loop share it.
std::span<std::byte> scratch_space() {
  thread_local std::unique_ptr<std::byte[]> scratch;
  if (!scratch) scratch = std::make_unique_for_overwrite<std::byte[]>(kDefaultReadBufferSize);
  return {scratch.get(), kDefaultReadBufferSize};
}

// One try_read into the buffer; false when it must wait (the op then waits
// for the readiness the stream named). Sets eof at end of stream.
template <typename Op>
bool read_into(Op& op, ByteStream& stream, ReadBuffer& buffer, std::size_t missing, int& error,
               bool& eof, ReadGoal goal = ReadGoal::kMessageEnd) noexcept {
  try {
    IoResult r = stream.try_read(buffer.read_space(missing, goal));
    if (op.must_wait(r)) return false;
    eof = r.status == IoStatus::kEnd;
    if (r.status == IoStatus::kDone) buffer.commit_read(r.bytes);
  } catch (...) {
    error = ENOMEM;
  }
  return true;
}

}  // namespace

ReadBuffer::ReadBuffer(std::size_t max_read)
    : max_read_(std::clamp<std::size_t>(max_read, 64, kDefaultReadBufferSize)) {}

void ReadBuffer::consume(std::size_t n) noexcept {
  begin_ += n;
  if (begin_ != end_) return;
  // Whoever still points into the block keeps it alive; an idle buffer
  // holds nothing.
  block_.reset();
  begin_ = end_ = 0;
}

std::span<std::byte> ReadBuffer::read_space(std::size_t missing, ReadGoal goal) {
  scratch_read_ = false;
  const std::size_t capacity = block_ ? block_->capacity() : 0;
  if (block_ && begin_ == end_ && block_->unique()) begin_ = end_ = 0;
  const std::size_t free = capacity - end_;
  if (block_ && free != 0 &&
      free >= std::min(missing == 0 ? kMinDirectRead : missing, kMinDirectRead)) {
    return {block_->data() + end_, free};
  }
  scratch_read_ = true;
  // Held bytes plus the whole rest of the message: the most worth holding
  // (unknown for a lower bound).
  scratch_capacity_ = missing == 0 || goal == ReadGoal::kAtLeast ? SIZE_MAX : size() + missing;
  return scratch_space().first(max_read_);
}

void ReadBuffer::commit_read(std::size_t n) {
  if (!scratch_read_) {
    end_ += n;
    return;
  }
  scratch_read_ = false;
  if (n == 0) return;
  // Growth doubles what is held (so copying stays linear in the bytes
  // received) but never past the message's announced end, and never beyond
  // twice the bytes actually held.
  const std::size_t held = size() + n;
  std::size_t wanted = std::max(held, std::min(2 * size(), scratch_capacity_));
  if (n == max_read_) {
    // A read that filled the scratch space most likely left more behind
    // (a 64 KiB message and its header): room for as much again, so the
    // rest does not move what is held. Still at most twice what is held,
    // and not past an end the caller knows (an end below `held` was only
    // the header's: the message's end is not known yet).
    const std::size_t end = scratch_capacity_ >= held ? scratch_capacity_ : SIZE_MAX;
    wanted = std::max(wanted, std::min(2 * held, end));
  }
  make_room(n, round_up(wanted));
  std::memcpy(block_->data() + end_, scratch_space().data(), n);
  end_ += n;
}

void ReadBuffer::make_room(std::size_t n, std::size_t wanted_capacity) {
  if (!block_) {
    block_ = BlockRef::adopt(SharedBlock::create(wanted_capacity));
    begin_ = end_ = 0;
    return;
  }
  const std::size_t capacity = block_->capacity();
  if (capacity - end_ >= n) return;
  const std::size_t used = end_ - begin_;
  if (capacity - used >= n && block_->unique()) {
    std::memmove(block_->data(), block_->data() + begin_, used);
    begin_ = 0;
    end_ = used;
    return;
  }
  move_to_new_block(std::max(wanted_capacity, used + n));
}

std::span<std::byte> ReadBuffer::tail(std::size_t min_free) {
  min_free = std::max<std::size_t>(min_free, 1);
  if (!block_) {
    make_room(min_free, round_up(std::max(min_free, max_read_)));
    return {block_->data() + end_, block_->capacity() - end_};
  }
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
    // Someone holds this block: move the unread bytes to a new one, only as
    // large as they need (the held block may be huge).
    move_to_new_block(round_up(std::max(max_read_, used + min_free)));
  }
  return {block_->data() + end_, block_->capacity() - end_};
}

void ReadBuffer::move_to_new_block(std::size_t capacity) {
  const std::size_t used = end_ - begin_;
  BlockRef block = BlockRef::adopt(SharedBlock::create(capacity));
  if (used != 0) std::memcpy(block->data(), block_->data() + begin_, used);
  block_ = std::move(block);
  begin_ = 0;
  end_ = used;
}

bool FillOp::attempt() noexcept {
  for (;;) {
    if (need_ == 0 ? read_once_ : buffer_->size() >= need_) return true;
    // 0: any bytes will do.
    std::size_t missing = need_ > buffer_->size() ? need_ - buffer_->size() : 0;
    if (!read_into(*this, *stream_, *buffer_, missing, error_, eof_, goal_)) return false;
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

detail::FillOp BufferedStream::read_at_least(std::size_t n, detail::ReadGoal goal) noexcept {
  return detail::FillOp(*stream_, buffer_, n, goal);
}

detail::WritevOp BufferedStream::write_buffer(const WriteBuffer& out, std::size_t offset,
                                              std::uint64_t* written) {
  iov_.clear();
  out.for_each_piece(offset, [&](std::span<const uint8_t> piece) {
    // sendmsg never writes through iov_base; the cast only fits its C type.
    iov_.push_back({const_cast<uint8_t*>(piece.data()), piece.size()});
    return true;
  });
  return detail::WritevOp(*stream_, iov_, written);
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
