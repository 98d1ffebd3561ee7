#pragma once
// ByteStream: the one interface every connection reads and writes through.
//
// A connection (the client channel's, the server's, FramedTransport,
// BufferedStream) holds a std::unique_ptr<ByteStream> and never touches an
// fd. Socket (socket.h) is the plain-fd stream and the only place that makes
// read/sendmsg/shutdown syscalls for connections; a TLS stream is a
// ByteStream that owns another ByteStream (a Socket) and encrypts in between.
//
// An implementer writes four non-blocking primitives (try_read, try_write,
// shutdown_write, abort) plus close and the accessors. The awaiters every
// caller uses (read_some, write_all, writev here; FillOp and FrameReadOp in
// transport.h) are written once on top of them: they call the primitive
// first and wait on watch() only when it answers kWantRead / kWantWrite,
// for the readiness it named, then call it again. Nothing is allocated per
// operation. The watch is edge-triggered, so a primitive answers kWant* only
// after the stream below really said EAGAIN (or is known drained), or no
// wake-up comes. A TLS handshake runs inside the primitives, or in an
// awaiter of its own built on detail::StreamOp. Streams reach connections
// through StreamWrapper (socket.h: ChannelOptions / ServerOptions::wrap_stream).
//
//   std::unique_ptr<ByteStream> s = std::make_unique<Socket>(std::move(socket));
//   std::size_t n = co_await s->read_some(buffer);   // >= 1 byte, or throws
//   co_await s->write_all(reply);
//
// Threads: a stream belongs to the loop its watch() is registered on; every
// call, and its destruction, happens on that loop's thread.
//
// Concurrency: one read operation and one write operation may be pending at
// a time (from different coroutines). Either may wait for either readiness
// (TLS: SSL_read may need the socket writable, SSL_write readable): the
// FdWatch keeps one slot per direction and wakes each slot's waiter for the
// readiness that waiter asked for, so the two never overwrite each other.
// A primitive of one direction may consume the other's input (TLS: an
// SSL_write that reads the handshake's last records) without stranding the
// other's waiter: the Socket reads only after an edge (FdWatch::may_read),
// and each edge wakes both slots' waiters, so the other direction saw that
// edge too (tls/tls_stream.h relies on this).
//
// Errors: the awaiters throw ConnectionClosed at end of stream and for a peer
// that vanished (EPIPE, ECONNRESET), TransportError for other failures (the
// text comes from throw_error, so a TLS stream can name a certificate
// problem), CancelledError when the awaiting task's CancelScope is cancelled
// while the operation waits.

#include <corothrift/address.h>
#include <corothrift/detail/io_op.h>

#include <sys/uio.h>

#include <cerrno>

#include <cstddef>
#include <cstdint>
#include <span>

namespace corothrift {

// What one primitive call did.
enum class IoStatus : std::uint8_t {
  kDone,       // bytes > 0 were read or accepted for writing
  kWantRead,   // nothing moved: call again once watch() reports readable
  kWantWrite,  // nothing moved: call again once watch() reports writable
  kEnd,        // read only: the peer ended its stream in order (bytes == 0)
  kError,      // the stream failed; `error` holds an errno value (or another
               // code the stream's throw_error understands)
};

struct IoResult {
  std::size_t bytes = 0;
  IoStatus status = IoStatus::kDone;
  int error = 0;
};

class ByteStream;

namespace detail {

// An IoOp whose attempts call a stream's primitives (here and transport.h).
template <typename Derived>
class StreamOp : public IoOp<Derived> {
 public:
  StreamOp(ByteStream& stream, Interest direction) noexcept;

  // True when r asks to wait (and for which readiness); an attempt then
  // returns false. A kError result's code goes to error_.
  bool must_wait(const IoResult& r) noexcept {
    if (r.status == IoStatus::kWantRead || r.status == IoStatus::kWantWrite) {
      this->wait_for(r.status == IoStatus::kWantRead ? Interest::kRead : Interest::kWrite);
      return true;
    }
    if (r.status == IoStatus::kError) this->error_ = r.error != 0 ? r.error : EIO;
    return false;
  }

 protected:
  // Call first in await_resume: throws for cancellation, a closed stream or
  // a stored error.
  void throw_if_failed(const char* operation) const;

  ByteStream* stream_;
};

// Reads once: at least one byte.
class ReadSomeOp : public StreamOp<ReadSomeOp> {
 public:
  ReadSomeOp(ByteStream& stream, std::span<std::byte> buffer) noexcept;
  bool attempt() noexcept;
  // Bytes read, >= 1.
  std::size_t await_resume() const;

 private:
  std::span<std::byte> buffer_;
  std::size_t read_ = 0;
  bool end_ = false;
};

// Writes all of a buffer, across as many primitive calls as it takes.
class WriteAllOp : public StreamOp<WriteAllOp> {
 public:
  WriteAllOp(ByteStream& stream, std::span<const std::byte> data) noexcept;
  bool attempt() noexcept;
  void await_resume() const;

 private:
  std::span<const std::byte> data_;
};

// Advances through (and modifies) the caller's iovec array until all is sent.
// `written`, when given, has each write's bytes added as they go out: the
// caller's measure of progress while the await is suspended (a server's
// write timeout). It must outlive the await.
class WritevOp : public StreamOp<WritevOp> {
 public:
  WritevOp(ByteStream& stream, std::span<iovec> buffers, std::uint64_t* written = nullptr) noexcept;
  bool attempt() noexcept;
  void await_resume() const;

 private:
  void advance(std::size_t sent) noexcept;
  std::span<iovec> buffers_;
  std::uint64_t* written_;
};

}  // namespace detail

class ByteStream {
 public:
  virtual ~ByteStream() = default;

  // ---- What callers use: awaiters built on the primitives ----
  //
  // Each refers to the stream and to the caller's buffers: await it at once.
  // buffer must not be empty.
  detail::ReadSomeOp read_some(std::span<std::byte> buffer) noexcept;
  detail::WriteAllOp write_all(std::span<const std::byte> data) noexcept;
  detail::WriteAllOp write_all(std::span<const std::uint8_t> data) noexcept {
    return write_all(std::as_bytes(data));
  }
  // As few primitive writes as the stream allows for many buffers.
  detail::WritevOp writev(std::span<iovec> buffers) noexcept;
  EventLoop& loop() const noexcept { return watch().loop(); }

  // ---- What an implementer writes ----
  //
  // All on the loop thread; none blocks, none allocates on the usual path.

  // Reads up to buffer.size() bytes (buffer is not empty). kDone with
  // bytes > 0; kWantRead / kWantWrite when nothing is available yet; kEnd
  // once the peer's stream ended in order; kError otherwise. A stream may
  // answer kWantRead without a syscall when it knows the fd is drained
  // (FdWatch::may_read): it must then call FdWatch::drained() only after a
  // read that found the fd empty or short, so the next edge wakes it.
  virtual IoResult try_read(std::span<std::byte> buffer) noexcept = 0;

  // Writes a prefix of the pieces' concatenation (pieces is not empty; a
  // stream may look at only the first IOV_MAX). kDone with bytes > 0 (those
  // bytes are no longer needed by the stream: the kernel or the stream below
  // has them); kWantWrite / kWantRead with bytes == 0 when nothing could be
  // taken now; kError otherwise (EPIPE: the peer is gone). After a kWant*
  // answer the next try_write must start with the same bytes (callers'
  // awaiters do; OpenSSL requires it). A write abandoned after a kWant*
  // (cancelled) leaves the stream fit only for abort() / close().
  virtual IoResult try_write(std::span<const iovec> pieces) noexcept = 0;

  // Orderly end of our direction: the peer reads end of stream after the
  // bytes already written (TLS: close_notify first, sent best effort).
  // Reading still works. Throws TransportError if the stream cannot.
  virtual void shutdown_write() = 0;

  // Stops both directions now, without goodbye: a pending read sees end of
  // stream and a pending write an error on their next attempt, which the
  // watch reports at once. The stream stays registered until close() or
  // destruction, so operations still pending finish normally (with that
  // error). Idempotent; used by connections to fail.
  virtual void abort() noexcept = 0;

  // Releases the fd now (a no-op when closed). Operations waiting on the
  // stream resume in a later turn and throw ConnectionClosed. The destructor
  // closes too.
  virtual void close() noexcept = 0;
  virtual bool is_open() const noexcept = 0;

  // The registration the awaiters wait on. A wrapping stream returns the
  // watch of the stream it wraps. Only while is_open().
  virtual FdWatch& watch() const noexcept = 0;

  // Addresses of the connection's two ends; throw TransportError when the
  // socket cannot tell (e.g. it is closed or was never connected).
  virtual Address local_address() const = 0;
  virtual Address peer_address() const = 0;

  // Throws the exception that describes a primitive's kError `error` for
  // `operation` ("read", "write", ...). The default treats it as an errno
  // value (throw_sys_error); a stream with its own error codes overrides it.
  [[noreturn]] virtual void throw_error(const char* operation, int error) const;

 protected:
  ByteStream() = default;
  ByteStream(const ByteStream&) = default;
  ByteStream& operator=(const ByteStream&) = default;
};

namespace detail {

template <typename Derived>
StreamOp<Derived>::StreamOp(ByteStream& stream, Interest direction) noexcept
    : IoOp<Derived>(stream.watch(), direction), stream_(&stream) {}

template <typename Derived>
void StreamOp<Derived>::throw_if_failed(const char* operation) const {
  this->throw_if_cancelled();
  if (this->error_) stream_->throw_error(operation, this->error_);
}

}  // namespace detail
}  // namespace corothrift
