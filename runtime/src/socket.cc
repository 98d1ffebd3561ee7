#include <corothrift/detail/syscall.h>
#include <corothrift/socket.h>
#include <corothrift/timeout.h>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/core.h>

#include <algorithm>
#include <cassert>
#include <climits>

namespace corothrift {
namespace detail {

// Owns the fd; the FdWatch member unregisters before the fd closes.
struct OwnedFd {
  int fd = -1;
  ~OwnedFd() {
    if (fd >= 0) ::close(fd);
  }
};

struct SocketState {
  // The fd is owned only once the watch exists: if registering it throws,
  // the Socket constructor closes the fd, once.
  SocketState(EventLoop& loop, int fd) : watch(loop, fd) { owned.fd = fd; }
  OwnedFd owned;
  FdWatch watch;
};

bool AcceptOp::attempt() noexcept {
  SysResult r = sys_call(
      [&] { return ::accept4(watch_->fd(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC); });
  if (r.would_block()) return false;
  error_ = r.error;
  fd_ = static_cast<int>(r.value);
  return true;
}

Socket AcceptOp::await_resume() {
  throw_if_cancelled();
  if (error_) throw_sys_error("accept", error_);
  Socket socket(watch_->loop(), fd_);
  if (set_nodelay_) {
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  return socket;
}

}  // namespace detail

namespace {

void set_nonblocking(int fd) {
  long flags = sys_check("fcntl(F_GETFL)", [&] { return ::fcntl(fd, F_GETFL); });
  if (!(flags & O_NONBLOCK)) {
    sys_check("fcntl(F_SETFL)", [&] { return ::fcntl(fd, F_SETFL, flags | O_NONBLOCK); });
  }
}

int open_socket(int family) {
  return static_cast<int>(sys_check(
      "socket", [&] { return ::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0); }));
}

void set_int_option(int fd, int level, int name, int value, const char* what) {
  sys_check(what, [&] { return ::setsockopt(fd, level, name, &value, sizeof value); });
}

using AddressGetter = int (*)(int, sockaddr*, socklen_t*);

Address query_address(int fd, AddressGetter getter, const char* what) {
  sockaddr_storage storage{};
  socklen_t size = sizeof storage;
  sys_check(what, [&] { return getter(fd, reinterpret_cast<sockaddr*>(&storage), &size); });
  return Address::from_sockaddr(reinterpret_cast<sockaddr*>(&storage), size);
}

}  // namespace

Socket::Socket() noexcept = default;
Socket::Socket(Socket&&) noexcept = default;
Socket& Socket::operator=(Socket&&) noexcept = default;
Socket::~Socket() = default;

Socket::Socket(EventLoop& loop, int fd) {
  try {
    set_nonblocking(fd);
    state_ = std::make_unique<detail::SocketState>(loop, fd);
  } catch (...) {
    ::close(fd);
    throw;
  }
}

int Socket::fd() const noexcept { return state_ ? state_->owned.fd : -1; }
FdWatch& Socket::watch() const noexcept { return state_->watch; }

IoResult Socket::try_read(std::span<std::byte> buffer) noexcept {
  assert(state_ && "read on a closed Socket");
  FdWatch& watch = state_->watch;
  if (!watch.may_read()) return {0, IoStatus::kWantRead};
  SysResult r = sys_call([&] { return ::read(watch.fd(), buffer.data(), buffer.size()); });
  if (r.would_block() || (r.value > 0 && static_cast<std::size_t>(r.value) < buffer.size())) {
    watch.drained();
  }
  if (r.would_block()) return {0, IoStatus::kWantRead};
  if (!r.ok()) return {0, IoStatus::kError, r.error};
  if (r.value == 0) return {0, IoStatus::kEnd};
  return {static_cast<std::size_t>(r.value), IoStatus::kDone};
}

IoResult Socket::try_write(std::span<const iovec> pieces) noexcept {
  assert(state_ && "write on a closed Socket");
  msghdr msg{};
  // sendmsg never writes through msg_iov; the cast only fits its C type.
  msg.msg_iov = const_cast<iovec*>(pieces.data());
  msg.msg_iovlen = std::min<std::size_t>(pieces.size(), IOV_MAX);
  SysResult r = sys_call([&] { return ::sendmsg(fd(), &msg, MSG_NOSIGNAL | MSG_DONTWAIT); });
  if (r.would_block()) return {0, IoStatus::kWantWrite};
  if (!r.ok()) return {0, IoStatus::kError, r.error};
  return {static_cast<std::size_t>(r.value), IoStatus::kDone};
}

void Socket::shutdown_write() {
  sys_check("shutdown", [&] { return ::shutdown(fd(), SHUT_WR); });
}

void Socket::abort() noexcept {
  if (state_) ::shutdown(fd(), SHUT_RDWR);
}

void Socket::close() noexcept { state_.reset(); }

Address Socket::local_address() const { return query_address(fd(), &::getsockname, "getsockname"); }
Address Socket::peer_address() const { return query_address(fd(), &::getpeername, "getpeername"); }

Listener Listener::bind(EventLoop& loop, const Address& address, int backlog) {
  Listener listener;
  listener.socket_ = Socket(loop, open_socket(address.family()));
  listener.inet_ = address.is_inet();
  int fd = listener.socket_.fd();
  if (listener.inet_) set_int_option(fd, SOL_SOCKET, SO_REUSEADDR, 1, "setsockopt(SO_REUSEADDR)");
  SysResult r = sys_call([&] { return ::bind(fd, address.data(), address.size()); });
  if (!r.ok()) throw_sys_error(fmt::format("bind {}", address.to_string()).c_str(), r.error);
  sys_check("listen", [&] { return ::listen(fd, backlog); });
  return listener;
}

detail::AcceptOp Listener::accept() noexcept { return detail::AcceptOp(socket_.watch(), inet_); }

namespace {

Task<Socket> connect_now(EventLoop& loop, Address address) {
  Socket socket(loop, open_socket(address.family()));
  if (address.is_inet()) {
    set_int_option(socket.fd(), IPPROTO_TCP, TCP_NODELAY, 1, "setsockopt(TCP_NODELAY)");
  }
  SysResult r = sys_call([&] { return ::connect(socket.fd(), address.data(), address.size()); });
  if (!r.ok() && r.error != EINPROGRESS && r.error != EAGAIN) {
    throw_sys_error(fmt::format("connect {}", address.to_string()).c_str(), r.error);
  }
  if (!r.ok()) {
    co_await detail::ReadinessOp(socket.watch(), Interest::kWrite);
    int error = 0;
    socklen_t size = sizeof error;
    sys_check("getsockopt(SO_ERROR)",
              [&] { return ::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &size); });
    if (error) throw_sys_error(fmt::format("connect {}", address.to_string()).c_str(), error);
  }
  co_return socket;
}

}  // namespace

Task<Socket> connect(EventLoop& loop, Address address, Clock::duration timeout) {
  try {
    co_return co_await with_timeout(loop, timeout, connect_now(loop, address));
  } catch (const TimeoutError&) {
    throw TimeoutError(fmt::format("connect {} timed out", address.to_string()));
  }
}

std::unique_ptr<ByteStream> wrap_socket(Socket socket, const StreamWrapper& wrapper) {
  if (!wrapper) return std::make_unique<Socket>(std::move(socket));
  std::unique_ptr<ByteStream> stream = wrapper(std::move(socket));
  if (!stream) throw TransportError("the stream wrapper refused the connection");
  return stream;
}

std::pair<Socket, Socket> socket_pair(EventLoop& loop) {
  int fds[2];
  sys_check("socketpair", [&] {
    return ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds);
  });
  return {Socket(loop, fds[0]), Socket(loop, fds[1])};
}

}  // namespace corothrift
