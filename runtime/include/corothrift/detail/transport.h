#pragma once
// Stream transports over a ByteStream (a Socket, or a stream wrapping one),
// with read buffers taken as bytes arrive and given back once they are
// consumed (see ReadBuffer).
//
// FramedTransport: Thrift's framed transport, a 4-byte big-endian length and
// the payload.
//
//   FramedTransport t(std::move(socket));   // or a std::unique_ptr<ByteStream>
//   std::span<const std::byte> frame = co_await t.read_frame();   // payload only
//   co_await t.write_frame(reply);
//
// BufferedStream: Thrift's unframed (buffered) transport. The reader does not
// know message boundaries; a decoder (protocol's measure_message) looks at
// available() and says how many bytes form a complete message:
//
//   while (!(n = measure_message(s.available()))) co_await s.read_more();
//   decode(s.available().first(n)); s.consume(n);
//
// All awaiters here allocate nothing (beyond the read buffer) and try the
// stream's primitive before waiting (a Socket skips the syscall when its last
// read found it drained).
// One reader and one writer at a time per transport; spans handed out stay
// valid until the next read operation or consume on that transport.

#include <corothrift/buffer.h>
#include <corothrift/byte_stream.h>
#include <corothrift/socket.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace corothrift {

inline constexpr std::size_t kDefaultMaxFrameSize = 16 * 1024 * 1024;
inline constexpr std::size_t kDefaultReadBufferSize = 64 * 1024;

namespace detail {

// What a reader knows of the bytes it waits for: where its message ends (a
// frame's announced length), or only that the message reaches at least that
// far (an unframed message measured so far: more may follow, to an end no
// header announced).
enum class ReadGoal { kMessageEnd, kAtLeast };

// A growable byte window [begin, end) inside one heap block, taken only when
// bytes arrive and dropped as soon as they are all consumed: an idle
// connection holds no block. The block is shared (SharedBlock): while a
// decoded binary or a request still points into it, new bytes go only after
// end() or into a fresh block, so what they point to never changes; dropping
// it leaves it to them.
//
// Reads from a stream (read_space/commit_read) go straight into the block's
// free tail when it has room for them, and otherwise into the thread's
// scratch space, from where only the bytes that came are copied into a
// block sized to what is held: a peer that announces a huge message and
// stalls costs what it sent, not what it announced.
class ReadBuffer {
 public:
  // max_read: the most one read takes (at most kDefaultReadBufferSize, the
  // scratch space's size).
  explicit ReadBuffer(std::size_t max_read = kDefaultReadBufferSize);
  std::span<const std::byte> data() const noexcept {
    if (!block_) return {};
    return {block_->data() + begin_, end_ - begin_};
  }
  std::size_t size() const noexcept { return end_ - begin_; }
  // Drops the block once everything is consumed.
  void consume(std::size_t n) noexcept;
  // Free space after end(), with at least `min_free` bytes (compacting or
  // growing); for callers that write a known number of bytes.
  std::span<std::byte> tail(std::size_t min_free);
  void commit(std::size_t n) noexcept { end_ += n; }
  // Where the next read from a stream goes, `missing` bytes being still
  // needed (0: unknown); the bytes read are then taken by commit_read on the
  // same thread, before anything else reads into any ReadBuffer. With
  // kMessageEnd the block grows no further than those bytes; with kAtLeast
  // it keeps doubling, so a message that asks for a few bytes more after
  // every read is copied a few times, not once per read.
  std::span<std::byte> read_space(std::size_t missing, ReadGoal goal = ReadGoal::kMessageEnd);
  void commit_read(std::size_t n);
  // The block data() lies in (null when empty), for decoders that share it.
  SharedBlock* block() const noexcept { return block_.get(); }

 private:
  // Moves the unread bytes to the start of a new block of `capacity`.
  void move_to_new_block(std::size_t capacity);
  // Room for `n` more bytes after end(), held bytes kept.
  void make_room(std::size_t n, std::size_t wanted_capacity);

  std::size_t max_read_;
  BlockRef block_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  // The last read_space was the scratch space, wanting this capacity.
  bool scratch_read_ = false;
  std::size_t scratch_capacity_ = 0;
};

// Reads into a ReadBuffer until it holds enough bytes.
class FillOp : public StreamOp<FillOp> {
 public:
  // Reads until the buffer holds at least `need` bytes, or just once more if need == 0.
  FillOp(ByteStream& stream, ReadBuffer& buffer, std::size_t need,
         ReadGoal goal = ReadGoal::kMessageEnd) noexcept
      : StreamOp(stream, Interest::kRead), buffer_(&buffer), need_(need), goal_(goal) {}
  bool attempt() noexcept;
  void await_resume() const;

 private:
  ReadBuffer* buffer_;
  std::size_t need_;
  ReadGoal goal_;
  bool read_once_ = false;
  bool eof_ = false;
};

// Reads one complete frame into the buffer (one syscall may bring several).
class FrameReadOp : public StreamOp<FrameReadOp> {
 public:
  FrameReadOp(ByteStream& stream, ReadBuffer& buffer, std::size_t& pending_consume,
              std::size_t max_frame_size) noexcept
      : StreamOp(stream, Interest::kRead),
        buffer_(&buffer),
        pending_consume_(&pending_consume),
        max_frame_size_(max_frame_size) {}
  bool attempt() noexcept;
  // The payload; consumed by the next read_frame.
  std::span<const std::byte> await_resume();

 private:
  // 0 when no full header is buffered yet.
  std::size_t frame_size() const noexcept;

  ReadBuffer* buffer_;
  std::size_t* pending_consume_;
  std::size_t max_frame_size_;
  std::size_t announced_ = 0;
  bool eof_ = false;
  bool too_large_ = false;
};

}  // namespace detail

class BufferedStream {
 public:
  // Owns the stream (not null).
  explicit BufferedStream(std::unique_ptr<ByteStream> stream,
                          std::size_t initial_capacity = kDefaultReadBufferSize);
  explicit BufferedStream(Socket socket, std::size_t initial_capacity = kDefaultReadBufferSize);

  std::span<const std::byte> available() const noexcept { return buffer_.data(); }
  // The shared block available() lies in (see detail::ReadBuffer).
  detail::SharedBlock* block() const noexcept { return buffer_.block(); }
  void consume(std::size_t n) noexcept { buffer_.consume(n); }
  // Reads at least one more byte (whatever the socket has) after available().
  // Throws ConnectionClosed at end of stream.
  detail::FillOp read_more() noexcept;
  // Reads until available().size() >= n. The buffer grows to n: check n
  // against the decoder's limits first. `goal`: whether n is where the
  // message ends or only a lower bound (detail::ReadGoal).
  detail::FillOp read_at_least(std::size_t n,
                               detail::ReadGoal goal = detail::ReadGoal::kMessageEnd) noexcept;

  detail::WriteAllOp write_all(std::span<const std::byte> data) noexcept {
    return stream_->write_all(data);
  }
  detail::WritevOp writev(std::span<iovec> buffers) noexcept { return stream_->writev(buffers); }
  // Writes all of `out` after its first `offset` bytes, held and referenced
  // bytes alike (WriteBuffer::for_each_piece), in as few writev calls as the
  // socket allows. `out` must stay unchanged until the await completes.
  // `written`, when given, counts the bytes as they go out (WritevOp).
  detail::WritevOp write_buffer(const WriteBuffer& out, std::size_t offset = 0,
                                std::uint64_t* written = nullptr);

  ByteStream& stream() noexcept { return *stream_; }
  // The stream, under the name it had when it was always a Socket.
  ByteStream& socket() noexcept { return *stream_; }

 private:
  std::unique_ptr<ByteStream> stream_;
  detail::ReadBuffer buffer_;
  std::vector<iovec> iov_;  // write_buffer's pieces
};

class FramedTransport {
 public:
  // Owns the stream (not null).
  explicit FramedTransport(std::unique_ptr<ByteStream> stream,
                           std::size_t initial_capacity = kDefaultReadBufferSize);
  explicit FramedTransport(Socket socket, std::size_t initial_capacity = kDefaultReadBufferSize);

  // The next frame's payload, valid until the next read_frame. A length above
  // max_frame_size throws FrameTooLarge before anything is allocated; end of
  // stream throws ConnectionClosed.
  detail::FrameReadOp read_frame(std::size_t max_frame_size = kDefaultMaxFrameSize) noexcept;

  // Each payload gets its length prefix; all go out in one writev (more only
  // when the kernel's buffer is full or past IOV_MAX). The payloads must stay
  // alive until the await completes; one write_frames at a time.
  detail::WritevOp write_frames(std::span<const std::span<const std::byte>> payloads);
  detail::WritevOp write_frame(std::span<const std::byte> payload);

  ByteStream& stream() noexcept { return *stream_; }
  // The stream, under the name it had when it was always a Socket.
  ByteStream& socket() noexcept { return *stream_; }

 private:
  std::unique_ptr<ByteStream> stream_;
  detail::ReadBuffer buffer_;
  std::size_t pending_consume_ = 0;
  std::vector<std::array<std::byte, 4>> headers_;
  std::vector<iovec> iov_;
};

}  // namespace corothrift
