// The channel's write timeout: while requests wait to be written, the server
// must take some of their bytes within write_timeout, or the connection
// fails every call waiting on it with a TransportError that says so, and the
// next call reconnects; a server that reads slowly but steadily is not
// failed; over HTTP, a write that failed is reported as itself at the
// timeout; it is on by default, and 0 turns it off.
//
// The stalled server is a real one whose only request slot is held by a
// parked handler (max_inflight_per_connection = 1), so it reads nothing
// more: two 8 MiB echoes are more than both sides' socket buffers hold (Linux
// grows a receive buffer only as its reader reads, from tcp_rmem's default
// of 128 KiB; a send buffer grows to tcp_wmem's maximum, 4 MiB by default).
#include <corothrift/forwarding_stream.h>
#include <corothrift/timer.h>
#include <corothrift/when_all.h>

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "calc_fixture.h"
#include "fake_peer.h"
#include "parking_handler.h"
#include "raw_peer.h"

namespace {

using namespace corothrift;
using calc::CalcClient;
using std::chrono::milliseconds;

constexpr std::size_t kEchoSize = 8 * 1024 * 1024;

ChannelOptions with_write_timeout(milliseconds timeout) {
  ChannelOptions options;
  options.write_timeout = timeout;
  return options;
}

// A server that stops reading a connection once delay() has parked its one
// request slot.
struct StalledServer {
  static ServerOptions options() {
    ServerOptions options;
    options.threads = 1;
    options.max_inflight_per_connection = 1;
    return options;
  }
  std::shared_ptr<calc::ParkingHandler> handler = std::make_shared<calc::ParkingHandler>();
  calc::CalcServer server{options(), calc::make_processor(handler)};
};

Task<std::string> echo_outcome(CalcClient& c, Binary value) {
  try {
    Binary back = co_await c.echo(value);
    co_return back == value ? "ok" : "wrong bytes";
  } catch (const TransportError& e) {
    co_return std::string("transport:") + e.what();
  }
}

// An 8 MiB echo, sent once the server's slot is parked.
Task<std::string> echo_after_park(EventLoop& loop, StalledServer& s, CalcClient& c, int seed) {
  while (s.handler->parked.value() == 0) co_await sleep_for(loop, milliseconds(1));
  co_return co_await echo_outcome(c, calc::pattern(kEchoSize, seed));
}

// delay() parks the server's slot, then two echoes wait to be written: the
// three calls' outcomes.
Task<std::vector<std::string>> stall(EventLoop& loop, StalledServer& s, CalcClient& c) {
  std::vector<Task<std::string>> calls;
  calls.push_back(calc::outcome(c.delay(0, 1)));
  calls.push_back(echo_after_park(loop, s, c, 1));
  calls.push_back(echo_after_park(loop, s, c, 2));
  co_return co_await when_all(std::move(calls));
}

TEST(ChannelWriteTimeout, ProtectsByDefault) {
  ChannelOptions defaults;
  EXPECT_EQ(defaults.write_timeout, std::chrono::seconds(30));
}

TEST(ChannelWriteTimeout, FailsEveryWaitingCallWhenTheServerStopsReadingAndThenReconnects) {
  StalledServer s;
  EventLoop loop;
  auto channel = calc::run(
      loop, calc::connect(loop, s.server.address(), with_write_timeout(milliseconds(200))));
  CalcClient c(channel);
  for (const std::string& outcome : calc::run(loop, stall(loop, s, c))) {
    EXPECT_EQ(outcome.rfind("transport:", 0), 0u) << outcome;
    EXPECT_NE(outcome.find("read no request bytes for the write_timeout of 200 ms"),
              std::string::npos)
        << outcome;
    EXPECT_NE(outcome.find("bytes of requests unsent"), std::string::npos) << outcome;
  }
  s.handler->release_all();
  EXPECT_EQ(calc::run(loop, c.add(2, 3)), 5);
}

// A peer that reads an 8 MiB request 64 KiB every 20 ms (about three
// seconds in all, through a 4 KiB receive buffer), then answers: bytes are
// taken in every period of the 200 ms timeout, though the socket becomes
// writable again only after megabytes have drained (the kernel's send queue
// shows the progress), so the call succeeds.
TEST(ChannelWriteTimeout, KeepsAServerThatReadsSlowlyButSteadily) {
  calc::RawListener listener(4096);
  const Binary value = calc::pattern(8 * 1024 * 1024, 5);
  std::thread peer([&] {
    int fd = listener.accept();
    if (fd < 0) return;
    auto read_exactly = [fd](std::size_t n, std::size_t chunk, milliseconds gap) {
      std::string bytes;
      while (bytes.size() < n) {
        std::string part(std::min(chunk, n - bytes.size()), '\0');
        std::size_t got = 0;
        while (got < part.size()) {
          ssize_t r = ::recv(fd, part.data() + got, part.size() - got, 0);
          if (r <= 0) return bytes;
          got += static_cast<std::size_t>(r);
        }
        bytes += part;
        std::this_thread::sleep_for(gap);  // the slow reader's pace, not a wait for an event
      }
      return bytes;
    };
    std::string length = read_exactly(4, 4, milliseconds(0));
    std::size_t n = 0;
    for (char ch : length) n = (n << 8) | static_cast<uint8_t>(ch);
    std::string body = read_exactly(n, 64 * 1024, milliseconds(20));
    if (length.size() == 4 && body.size() == n) {
      ReadBuffer in(body);
      BinaryReader r(in);
      MessageHeader header = r.read_message_begin();
      calc::Calc_echo_args args;
      args.read(r);
      calc::Calc_echo_result result;
      result.value = args.value;
      std::string reply = calc::framed(
          calc::message(ProtocolKind::Binary, "echo", MessageType::Reply, header.seqid, result));
      for (std::size_t sent = 0; sent < reply.size();) {
        ssize_t w = ::send(fd, reply.data() + sent, reply.size() - sent, MSG_NOSIGNAL);
        if (w <= 0) break;
        sent += static_cast<std::size_t>(w);
      }
    }
    ::close(fd);
  });
  EventLoop loop;
  auto channel = calc::run(loop, calc::connect(loop, Address::ipv4("127.0.0.1", listener.port()),
                                               with_write_timeout(milliseconds(200))));
  CalcClient c(channel);
  EXPECT_EQ(calc::run(loop, echo_outcome(c, value)), "ok");
  peer.join();
}

// A stream whose writes fail with EPIPE while its reads stay open.
class WriteFailingStream final : public ForwardingStream {
 public:
  explicit WriteFailingStream(Socket socket)
      : ForwardingStream(std::make_unique<Socket>(std::move(socket))) {}
  IoResult try_write(std::span<const iovec>) noexcept override {
    return IoResult{.bytes = 0, .status = IoStatus::kError, .error = EPIPE};
  }
};

// Over HTTP a failed write leaves the reader to take what was already
// answered (a server may close after a response). A server that instead
// keeps the connection open until the write timeout: the call fails with the
// write's own error, not with a stall the server did not cause.
TEST(ChannelWriteTimeout, AFailedHttpWriteIsReportedAsItselfAtTheTimeout) {
  calc::CalcServer server;
  EventLoop loop;
  ChannelOptions options = with_write_timeout(milliseconds(200));
  options.transport = TransportKind::Http;
  options.wrap_stream = [](Socket socket) -> std::unique_ptr<ByteStream> {
    return std::make_unique<WriteFailingStream>(std::move(socket));
  };
  CalcClient c(calc::run(loop, calc::connect(loop, server.address(), options)));
  const auto start = std::chrono::steady_clock::now();
  std::string outcome = calc::run(loop, calc::outcome(c.add(2, 3)));
  // Not before the timeout: the reader waited for the server until then.
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(200));
  EXPECT_EQ(outcome.rfind("transport:", 0), 0u) << outcome;
  EXPECT_NE(outcome.find("Broken pipe"), std::string::npos) << outcome;
  EXPECT_EQ(outcome.find("write_timeout"), std::string::npos) << outcome;
}

// 0 turns it off: the calls of a stalled channel wait while a witness
// channel with the timeout on, stalled at the same time, fails; once the
// server's slot is released, all of them succeed.
TEST(ChannelWriteTimeout, ZeroTurnsItOff) {
  StalledServer off_server;
  StalledServer on_server;
  EventLoop loop;
  CalcClient off(calc::run(
      loop, calc::connect(loop, off_server.server.address(), with_write_timeout(milliseconds(0)))));
  CalcClient on(calc::run(loop, calc::connect(loop, on_server.server.address(),
                                              with_write_timeout(milliseconds(100)))));
  std::vector<std::string> witness;
  auto witness_then_release = [&]() -> Task<std::vector<std::string>> {
    witness = co_await stall(loop, on_server, on);
    off_server.handler->release_all();
    co_return witness;
  };
  auto [stalled, seen] = calc::run(
      loop, [&]() -> Task<std::tuple<std::vector<std::string>, std::vector<std::string>>> {
        co_return co_await when_all(stall(loop, off_server, off), witness_then_release());
      }());
  EXPECT_EQ(stalled, (std::vector<std::string>{"ok:1", "ok", "ok"}));
  for (const std::string& outcome : seen) {
    EXPECT_NE(outcome.find("write_timeout of 100 ms"), std::string::npos) << outcome;
  }
  on_server.handler->release_all();
}

}  // namespace
