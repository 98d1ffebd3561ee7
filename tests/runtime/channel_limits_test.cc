// A client protected from a hostile server: on each wire, a reply that
// claims more than the channel's limits.max_frame_bytes (a frame length, an
// HTTP Content-Length, a THeader zlib payload that inflates past it) fails
// the call with the limit named, at once, without waiting for the bytes
// claimed. The hostile server sends only the claim and keeps the
// connection open, so a client that waited for the rest would hang until
// run()'s 30 s bound (TimeoutError).
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "calc_fixture.h"
#include "raw_peer.h"
#include "zlib_transform.h"

namespace {

using namespace corothrift;

constexpr std::size_t kClientLimit = 1 << 20;

// Answers the first request it reads with `reply`, then waits (at most
// 20 s) for the client to close.
class HostileServer {
 public:
  explicit HostileServer(std::string reply) : reply_(std::move(reply)) {
    thread_ = std::thread([this] { serve(); });
  }
  HostileServer(const HostileServer&) = delete;
  HostileServer& operator=(const HostileServer&) = delete;
  ~HostileServer() { thread_.join(); }
  Address address() const { return Address::ipv4("127.0.0.1", listener_.port()); }

 private:
  void serve() {
    int fd = listener_.accept();
    if (fd < 0) return;
    timeval tv{20, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[4096];
    if (::recv(fd, buf, sizeof buf, 0) > 0) {
      (void)::send(fd, reply_.data(), reply_.size(), MSG_NOSIGNAL);
      while (::recv(fd, buf, sizeof buf, 0) > 0) {
      }
    }
    ::close(fd);
  }

  calc::RawListener listener_;
  std::string reply_;
  std::thread thread_;
};

// The failure of add() against `server` on `transport`.
std::string failure_of_a_call(HostileServer& server, TransportKind transport) {
  EventLoop loop;
  ChannelOptions options;
  options.transport = transport;
  options.limits.max_frame_bytes = kClientLimit;
  return calc::run(loop, [&]() -> Task<std::string> {
    auto channel = co_await calc::connect(loop, server.address(), options);
    calc::CalcClient client(channel);
    std::string what = "no failure";
    try {
      co_await client.add(1, 2);
    } catch (const TimeoutError&) {
      throw;
    } catch (const std::exception& e) {
      what = e.what();
    }
    channel->close();
    co_return what;
  }());
}

TEST(ChannelLimits, AFrameLengthOverTheClientsLimitFailsTheCall) {
  HostileServer server(std::string("\x00\x20\x00\x00", 4));  // 2 MiB announced
  std::string what = failure_of_a_call(server, TransportKind::Framed);
  EXPECT_NE(what.find("frame of 2097152 bytes exceeds the limit of 1048576"), std::string::npos)
      << what;
}

TEST(ChannelLimits, AnHttpContentLengthOverTheClientsLimitFailsTheCall) {
  HostileServer server("HTTP/1.1 200 OK\r\nContent-Length: 2097152\r\n\r\n");
  std::string what = failure_of_a_call(server, TransportKind::Http);
  EXPECT_NE(what.find("body of 2097152 bytes exceeds the limit of 1048576"), std::string::npos)
      << what;
}

// A THeader frame (binary protocol, one zlib transform) whose payload is
// 8 MiB of zeros deflated to a few KiB.
std::string header_zlib_bomb() {
  std::string zeros(8 << 20, '\0');
  WriteBuffer deflated;
  detail::append_deflated(deflated, {reinterpret_cast<const uint8_t*>(zeros.data()), zeros.size()});
  // Magic, flags, seqid, header size in words (1), then protocol 0, one
  // transform, zlib (1), padding.
  std::string body("\x0f\xff\x00\x00\x00\x00\x00\x01\x00\x01\x00\x01\x01\x00", 14);
  body += deflated.view();
  return calc::framed(body);
}

TEST(ChannelLimits, ATHeaderPayloadInflatingPastTheClientsLimitFailsTheCall) {
  std::string bomb = header_zlib_bomb();
  ASSERT_LT(bomb.size(), kClientLimit / 16);
  HostileServer server(bomb);
  std::string what = failure_of_a_call(server, TransportKind::Header);
  EXPECT_NE(what.find("inflates past the frame limit of 1048576 bytes"), std::string::npos) << what;
}

}  // namespace
