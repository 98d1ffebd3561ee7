#include <corothrift/address.h>
#include <corothrift/errors.h>
#include <corothrift/event_loop.h>
#include <corothrift/socket.h>
#include <corothrift/sync_wait.h>
#include <corothrift/task.h>
#include <corothrift/when_all.h>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace corothrift {
namespace {

using namespace std::chrono_literals;

std::span<const std::byte> bytes_of(const std::string& s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

Task<std::string> read_exactly(Socket& socket, std::size_t n) {
  std::string out;
  std::array<std::byte, 4096> buf;
  while (out.size() < n) {
    std::size_t got =
        co_await socket.read_some(std::span(buf).first(std::min(buf.size(), n - out.size())));
    out.append(reinterpret_cast<const char*>(buf.data()), got);
  }
  co_return out;
}

// Echoes until the peer closes.
Task<void> echo_server(Listener& listener, int connections) {
  for (int c = 0; c < connections; ++c) {
    Socket peer = co_await listener.accept();
    std::array<std::byte, 4096> buf;
    try {
      for (;;) {
        std::size_t n = co_await peer.read_some(buf);
        co_await peer.write_all(std::span(buf).first(n));
      }
    } catch (const ConnectionClosed&) {
    }
  }
}

Task<std::string> echo_client(EventLoop& loop, Address address, std::string message) {
  Socket socket = co_await connect(loop, address, 1s);
  co_await socket.write_all(bytes_of(message));
  std::string reply = co_await read_exactly(socket, message.size());
  co_return reply;
}

void expect_echo(const Address& bind_address) {
  EventLoop loop;
  Listener listener = Listener::bind(loop, bind_address);
  Address address = listener.local_address();
  std::string message(100'000, 'x');
  for (std::size_t i = 0; i < message.size(); ++i) message[i] = static_cast<char>('a' + i % 26);
  auto [served, reply] =
      sync_wait(loop, when_all(echo_server(listener, 1), echo_client(loop, address, message)));
  (void)served;
  EXPECT_EQ(reply, message);
}

TEST(Socket, EchoesOverTcpIpv4) { expect_echo(Address::ipv4("127.0.0.1", 0)); }

TEST(Socket, EchoesOverTcpIpv6) {
  int probe = ::socket(AF_INET6, SOCK_STREAM, 0);
  sockaddr_in6 addr{};
  addr.sin6_family = AF_INET6;
  addr.sin6_addr = in6addr_loopback;
  bool ipv6 = probe >= 0 && ::bind(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  if (probe >= 0) ::close(probe);
  if (!ipv6) GTEST_SKIP() << "no IPv6 loopback here";
  expect_echo(Address::ipv6("::1", 0));
}

TEST(Socket, EchoesOverAUnixDomainSocket) {
  std::string path = "/tmp/corothrift_socket_test_" + std::to_string(::getpid());
  ::unlink(path.c_str());
  expect_echo(Address::unix_path(path));
  ::unlink(path.c_str());
}

TEST(Socket, ConnectToAClosedPortFailsWithConnectionRefused) {
  EventLoop loop;
  std::uint16_t port;
  {
    Listener listener = Listener::bind(loop, Address::ipv4("127.0.0.1", 0));
    port = listener.local_address().port();
  }
  try {
    sync_wait(loop, connect(loop, Address::ipv4("127.0.0.1", port), 1s));
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.errno_value(), ECONNREFUSED);
    EXPECT_NE(std::string(e.what()).find("refused"), std::string::npos) << e.what();
  }
}

TEST(Socket, ConnectTimesOutWhenTheListenQueueIsFull) {
  EventLoop loop;
  Listener listener = Listener::bind(loop, Address::ipv4("127.0.0.1", 0), 0);
  Address address = listener.local_address();
  // Nothing accepts: once the queue is full, the kernel drops new SYNs.
  std::vector<Socket> fillers;
  bool timed_out = false;
  for (int i = 0; i < 16 && !timed_out; ++i) {
    try {
      fillers.push_back(sync_wait(loop, connect(loop, address, 200ms)));
    } catch (const TimeoutError& e) {
      timed_out = true;
      EXPECT_NE(std::string(e.what()).find("timed out"), std::string::npos);
    }
  }
  EXPECT_TRUE(timed_out);
}

TEST(Socket, ReadAfterThePeerClosedThrowsConnectionClosed) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  b.close();
  EXPECT_THROW(sync_wait(loop, read_exactly(a, 1)), ConnectionClosed);
}

Task<void> write_forever(Socket& socket) {
  std::vector<std::byte> chunk(65536);
  for (;;) co_await socket.write_all(chunk);
}

TEST(Socket, WriteToAClosedPeerThrowsConnectionClosedWithoutSigpipe) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  b.close();
  EXPECT_THROW(sync_wait(loop, write_forever(a)), ConnectionClosed);
}

Task<std::size_t> write_then_count(Socket& writer, Socket& reader, std::size_t total) {
  std::vector<std::byte> data(total, std::byte{7});
  auto read_all = [](Socket& s, std::size_t n) -> Task<std::size_t> {
    std::vector<std::byte> buf(65536);
    std::size_t got = 0;
    while (got < n) got += co_await s.read_some(buf);
    co_return got;
  };
  auto write = [](Socket& s, std::vector<std::byte>& d) -> Task<void> { co_await s.write_all(d); };
  auto [written, got] = co_await when_all(write(writer, data), read_all(reader, total));
  (void)written;
  co_return got;
}

TEST(Socket, WriteAllLargerThanTheSocketBufferWaitsForTheReader) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  EXPECT_EQ(sync_wait(loop, write_then_count(a, b, 8u << 20)), 8u << 20);
}

Task<std::string> writev_then_read(Socket& a, Socket& b) {
  std::string one = "hello ", two = "vectored ", three = "world";
  std::array<iovec, 3> iov{
      {{one.data(), one.size()}, {two.data(), two.size()}, {three.data(), three.size()}}};
  co_await a.writev(iov);
  std::string got = co_await read_exactly(b, one.size() + two.size() + three.size());
  co_return got;
}

TEST(Socket, WritevSendsAllBuffersInOrder) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  EXPECT_EQ(sync_wait(loop, writev_then_read(a, b)), "hello vectored world");
}

// Echo server for `connections` peers at once, each served by its own task.
Task<void> serve_echo(Socket peer) {
  std::array<std::byte, 256> buf;
  try {
    for (;;) {
      std::size_t n = co_await peer.read_some(buf);
      co_await peer.write_all(std::span(buf).first(n));
    }
  } catch (const ConnectionClosed&) {
  }
}

Task<void> accept_many(EventLoop& loop, Listener& listener, int connections) {
  for (int i = 0; i < connections; ++i) {
    Socket peer = co_await listener.accept();
    spawn(loop, serve_echo(std::move(peer)));
  }
}

Task<int> ping_many(EventLoop& loop, Address address, int rounds) {
  Socket socket = co_await connect(loop, address, 2s);
  int ok = 0;
  for (int r = 0; r < rounds; ++r) {
    std::string message = "ping " + std::to_string(r);
    co_await socket.write_all(bytes_of(message));
    std::string reply = co_await read_exactly(socket, message.size());
    if (reply == message) ++ok;
  }
  co_return ok;
}

TEST(Socket, OneLoopServesManyConnectionsConcurrently) {
  constexpr int kConnections = 64;
  constexpr int kRounds = 50;
  EventLoop loop;
  Listener listener = Listener::bind(loop, Address::ipv4("127.0.0.1", 0));
  std::vector<Task<int>> clients;
  for (int i = 0; i < kConnections; ++i) {
    clients.push_back(ping_many(loop, listener.local_address(), kRounds));
  }
  auto [accepted, replies] = sync_wait(
      loop, when_all(accept_many(loop, listener, kConnections), when_all(std::move(clients))));
  (void)accepted;
  ASSERT_EQ(replies.size(), static_cast<std::size_t>(kConnections));
  for (int ok : replies) EXPECT_EQ(ok, kRounds);
}

Task<void> close_after_yield(EventLoop& loop, Socket& socket) {
  co_await loop.yield();
  socket.close();
}

TEST(Socket, ClosingASocketEndsItsPendingReadWithConnectionClosed) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  EXPECT_THROW(sync_wait(loop, when_all(read_exactly(a, 1), close_after_yield(loop, a))),
               ConnectionClosed);
  EXPECT_FALSE(a.is_open());
}

TEST(Socket, AdoptingAnFdTheLoopCannotWatchThrowsAndClosesTheFd) {
  EventLoop loop;
  char path[] = "/tmp/corothrift_socket_test_XXXXXX";
  int fd = ::mkstemp(path);  // epoll refuses regular files (EPERM)
  ASSERT_GE(fd, 0);
  ::unlink(path);
  EXPECT_ANY_THROW(Socket(loop, fd));
  errno = 0;
  EXPECT_EQ(::fcntl(fd, F_GETFD), -1);
  EXPECT_EQ(errno, EBADF);
}

TEST(Address, FormatsAndParsesEachFamily) {
  EXPECT_EQ(Address::parse("127.0.0.1", 80).to_string(), "127.0.0.1:80");
  EXPECT_EQ(Address::parse("::1", 81).to_string(), "[::1]:81");
  EXPECT_EQ(Address::parse("[::1]", 82).port(), 82);
  EXPECT_EQ(Address::unix_path("/tmp/x").to_string(), "unix:/tmp/x");
  EXPECT_THROW(Address::ipv4("not an ip", 1), std::invalid_argument);
  EXPECT_EQ(Address::resolve("127.0.0.1", 9).to_string(), "127.0.0.1:9");
}

}  // namespace
}  // namespace corothrift
