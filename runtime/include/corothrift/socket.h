#pragma once
// Non-blocking stream sockets (TCP over IPv4/IPv6, Unix domain) on an EventLoop.
//
//   auto listener = Listener::bind(loop, Address::ipv4("127.0.0.1", 0));
//   Socket peer = co_await listener.accept();
//   std::size_t n = co_await peer.read_some(buffer);    // >= 1 byte, or throws
//   co_await peer.write_all(std::as_bytes(std::span(reply)));
//
// A Socket is the plain-fd ByteStream (byte_stream.h): its try_read /
// try_write / shutdown_write / abort are the only read, sendmsg and shutdown
// syscalls a connection makes. read_some / write_all / writev (from
// ByteStream) and accept return awaiters (no allocation) that try the
// syscall first and wait for readiness only after EAGAIN (reads skip the
// attempt when the previous read found the socket drained, see FdWatch).
// Await each one at once: it refers to the buffers and to the socket, which
// must not be moved while one is pending. Failures throw TransportError with
// errno text; a peer that closed the connection throws ConnectionClosed.
// Operations are cancellable through the awaiting task's CancelScope (see
// cancel.h, timeout.h).
//
// A Socket owns its fd and its FdWatch registration: the destructor
// unregisters from the loop and closes. TCP sockets get TCP_NODELAY.

#include <corothrift/address.h>
#include <corothrift/byte_stream.h>
#include <corothrift/detail/io_op.h>
#include <corothrift/task.h>

#include <sys/uio.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <utility>

namespace corothrift {

class Socket;

namespace detail {

struct SocketState;

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

class Socket final : public ByteStream {
 public:
  Socket() noexcept;
  // Adopts a connected stream socket fd (made non-blocking here). Owns it
  // from the call on: if this constructor throws, the fd is already closed.
  Socket(EventLoop& loop, int fd);
  Socket(Socket&&) noexcept;
  Socket& operator=(Socket&&) noexcept;
  ~Socket() override;

  int fd() const noexcept;

  // ByteStream. The primitives need an open socket.
  IoResult try_read(std::span<std::byte> buffer) noexcept override;
  // One sendmsg of at most IOV_MAX pieces.
  IoResult try_write(std::span<const iovec> pieces) noexcept override;
  // Half-close: the peer reads end-of-stream; reads here still work.
  void shutdown_write() override;
  // shutdown(SHUT_RDWR); a no-op on a closed socket.
  void abort() noexcept override;
  // Unregisters and closes now; a no-op on a closed socket. Operations
  // waiting on it resume (next turn) and throw ConnectionClosed.
  void close() noexcept override;
  bool is_open() const noexcept override { return state_ != nullptr; }
  FdWatch& watch() const noexcept override;
  Address local_address() const override;
  Address peer_address() const override;

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

// Turns a freshly connected (client) or accepted (server) Socket into the
// stream its connection reads and writes: a TLS stream wraps the socket here,
// a test stream may chop or delay its bytes. Runs on the connection's loop
// thread, before any byte is read or written; throwing refuses the
// connection (the server logs it; a client's call throws it). An empty
// wrapper: the Socket itself is the stream.
using StreamWrapper = std::function<std::unique_ptr<ByteStream>(Socket)>;
std::unique_ptr<ByteStream> wrap_socket(Socket socket, const StreamWrapper& wrapper);

// A connected pair of Unix stream sockets (tests, in-process pipes).
std::pair<Socket, Socket> socket_pair(EventLoop& loop);

}  // namespace corothrift
