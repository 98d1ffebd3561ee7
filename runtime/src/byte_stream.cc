#include <corothrift/byte_stream.h>
#include <corothrift/detail/syscall.h>

#include <cassert>

namespace corothrift {
namespace detail {
namespace {

// A write that ended without moving bytes failed: kEnd (a stream that should
// not answer it) counts as the peer gone.
bool wrote(const IoResult& r) noexcept {
  assert((r.status != IoStatus::kDone || r.bytes > 0) && "try_write reported 0 bytes written");
  return r.status == IoStatus::kDone;
}

}  // namespace

// ---- ReadSomeOp ----

ReadSomeOp::ReadSomeOp(ByteStream& stream, std::span<std::byte> buffer) noexcept
    : StreamOp(stream, Interest::kRead), buffer_(buffer) {}

bool ReadSomeOp::attempt() noexcept {
  IoResult r = stream_->try_read(buffer_);
  if (must_wait(r)) return false;
  assert((r.status != IoStatus::kDone || r.bytes > 0) && "try_read reported 0 bytes read");
  end_ = r.status == IoStatus::kEnd;
  read_ = r.bytes;
  return true;
}

std::size_t ReadSomeOp::await_resume() const {
  throw_if_failed("read");
  if (end_) throw ConnectionClosed("connection closed by peer");
  return read_;
}

// ---- WriteAllOp ----

WriteAllOp::WriteAllOp(ByteStream& stream, std::span<const std::byte> data) noexcept
    : StreamOp(stream, Interest::kWrite), data_(data) {}

bool WriteAllOp::attempt() noexcept {
  while (!data_.empty()) {
    // try_write never writes through iov_base; the cast only fits its C type.
    const iovec piece{const_cast<std::byte*>(data_.data()), data_.size()};
    IoResult r = stream_->try_write(std::span(&piece, 1));
    if (must_wait(r)) return false;
    if (!wrote(r)) return true;
    data_ = data_.subspan(r.bytes);
  }
  return true;
}

void WriteAllOp::await_resume() const {
  throw_if_failed("write");
  if (!data_.empty()) throw ConnectionClosed("connection closed by peer");
}

// ---- WritevOp ----

WritevOp::WritevOp(ByteStream& stream, std::span<iovec> buffers, std::uint64_t* written) noexcept
    : StreamOp(stream, Interest::kWrite), buffers_(buffers), written_(written) {}

// Drops what was sent, and empty pieces, from the front.
void WritevOp::advance(std::size_t sent) noexcept {
  while (!buffers_.empty() && sent >= buffers_.front().iov_len) {
    sent -= buffers_.front().iov_len;
    buffers_ = buffers_.subspan(1);
  }
  if (sent > 0) {
    buffers_.front().iov_base = static_cast<char*>(buffers_.front().iov_base) + sent;
    buffers_.front().iov_len -= sent;
  }
}

bool WritevOp::attempt() noexcept {
  advance(0);
  while (!buffers_.empty()) {
    IoResult r = stream_->try_write(buffers_);
    if (must_wait(r)) return false;
    if (!wrote(r)) return true;
    if (written_ != nullptr) *written_ += r.bytes;
    advance(r.bytes);
  }
  return true;
}

void WritevOp::await_resume() const {
  throw_if_failed("writev");
  if (!buffers_.empty()) throw ConnectionClosed("connection closed by peer");
}

}  // namespace detail

// ---- ByteStream ----

detail::ReadSomeOp ByteStream::read_some(std::span<std::byte> buffer) noexcept {
  assert(!buffer.empty() && "read_some into an empty buffer");
  return detail::ReadSomeOp(*this, buffer);
}

detail::WriteAllOp ByteStream::write_all(std::span<const std::byte> data) noexcept {
  return detail::WriteAllOp(*this, data);
}

detail::WritevOp ByteStream::writev(std::span<iovec> buffers) noexcept {
  return detail::WritevOp(*this, buffers);
}

void ByteStream::throw_error(const char* operation, int error) const {
  throw_sys_error(operation, error);
}

}  // namespace corothrift
