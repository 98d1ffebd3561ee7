#pragma once
// Non-blocking stream sockets (TCP over IPv4/IPv6, Unix domain) on an EventLoop.
//
//   auto listener = Listener::bind(loop, Address::ipv4("127.0.0.1", 0));
//   Socket peer = co_await listener.accept();
//   std::size_t n = co_await peer.read_some(buffer);    // >= 1 byte, or throws
//   co_await peer.write_all(std::as_bytes(std::span(reply)));
//
// read_some / write_all / writev / accept return awaiters (no allocation) that
// try the syscall first and wait for readiness only after EAGAIN (reads skip
// the attempt when the previous read found the socket drained, see FdWatch). Await each
// one at once: it refers to the buffers and to the socket. One read and one
// write may be pending at a time on a socket (from different coroutines).
// Failures throw TransportError with errno text; a peer that closed the
// connection throws ConnectionClosed. Operations are cancellable through the
// awaiting task's CancelScope (see cancel.h, timeout.h).
//
// A Socket owns its fd and its FdWatch registration: the destructor
// unregisters from the loop and closes. TCP sockets get TCP_NODELAY.

#include <corothrift/address.h>
#include <corothrift/io_op.h>
#include <corothrift/task.h>

#include <sys/uio.h>

#include <cstddef>
#include <memory>
#include <span>
#include <utility>

namespace corothrift {

class Socket;

namespace detail {

struct SocketState;

class ReadSomeOp : public IoOp<ReadSomeOp> {
 public:
  ReadSomeOp(FdWatch& watch, std::span<std::byte> buffer) noexcept
      : IoOp(watch, Interest::kRead), buffer_(buffer) {}
  bool attempt() noexcept;
  // Bytes read, >= 1.
  std::size_t await_resume() const;

 private:
  std::span<std::byte> buffer_;
  std::size_t read_ = 0;
};

class WriteAllOp : public IoOp<WriteAllOp> {
 public:
  WriteAllOp(FdWatch& watch, std::span<const std::byte> data) noexcept
      : IoOp(watch, Interest::kWrite), data_(data) {}
  bool attempt() noexcept;
  void await_resume() const;

 private:
  std::span<const std::byte> data_;
};

// Advances through (and modifies) the caller's iovec array until all is sent.
class WritevOp : public IoOp<WritevOp> {
 public:
  WritevOp(FdWatch& watch, std::span<iovec> buffers) noexcept
      : IoOp(watch, Interest::kWrite), buffers_(buffers) {}
  bool attempt() noexcept;
  void await_resume() const;

 private:
  void advance(std::size_t sent) noexcept;
  std::span<iovec> buffers_;
};

class AcceptOp : public IoOp<AcceptOp> {
 public:
  AcceptOp(FdWatch& watch, bool set_nodelay) noexcept
      : IoOp(watch, Interest::kRead), set_nodelay_(set_nodelay) {}
  bool attempt() noexcept;
  Socket await_resume();

 private:
  bool set_nodelay_;
  int fd_ = -1;
};

}  // namespace detail

class Socket {
 public:
  Socket() noexcept;
  // Adopts a connected stream socket fd (made non-blocking here). Owns it
  // from the call on: if this constructor throws, the fd is already closed.
  Socket(EventLoop& loop, int fd);
  Socket(Socket&&) noexcept;
  Socket& operator=(Socket&&) noexcept;
  ~Socket();

  bool is_open() const noexcept { return state_ != nullptr; }
  int fd() const noexcept;
  EventLoop& loop() const noexcept;

  // buffer must not be empty.
  detail::ReadSomeOp read_some(std::span<std::byte> buffer) noexcept;
  detail::WriteAllOp write_all(std::span<const std::byte> data) noexcept;
  detail::WriteAllOp write_all(std::span<const std::uint8_t> data) noexcept {
    return write_all(std::as_bytes(data));
  }
  // One sendmsg per readiness for many buffers (at most IOV_MAX per call).
  detail::WritevOp writev(std::span<iovec> buffers) noexcept;

  // Half-close: the peer reads end-of-stream; reads here still work.
  void shutdown_write();
  // Unregisters and closes now; a no-op on a closed socket. Operations
  // waiting on it resume (next turn) and throw ConnectionClosed.
  void close() noexcept;

  Address local_address() const;
  Address peer_address() const;
  FdWatch& watch() const noexcept;

 private:
  std::unique_ptr<detail::SocketState> state_;
};

class Listener {
 public:
  Listener() noexcept = default;
  // socket + SO_REUSEADDR + bind + listen. Port 0 picks a free port (see
  // local_address()). For Unix paths the caller removes a stale file first.
  static Listener bind(EventLoop& loop, const Address& address, int backlog = 1024);

  // Yields the next connection as a Socket on the same loop.
  detail::AcceptOp accept() noexcept;
  Address local_address() const { return socket_.local_address(); }
  bool is_open() const noexcept { return socket_.is_open(); }
  void close() noexcept { socket_.close(); }

 private:
  Socket socket_;
  bool inet_ = false;
};

// Connects (non-blocking) and fails with TimeoutError after `timeout`,
// TransportError (e.g. ECONNREFUSED) otherwise.
Task<Socket> connect(EventLoop& loop, Address address, Clock::duration timeout);

// A connected pair of Unix stream sockets (tests, in-process pipes).
std::pair<Socket, Socket> socket_pair(EventLoop& loop);

}  // namespace corothrift
