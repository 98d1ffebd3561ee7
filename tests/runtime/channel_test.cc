// ClientChannel against the real server (Calc service) and against scripted
// fake peers on a Unix socket, which control exactly what comes back.
#include <corothrift/channel.h>
#include <corothrift/detail/binary_protocol.h>
#include <corothrift/detail/transport.h>
#include <corothrift/errors.h>
#include <corothrift/socket.h>
#include <corothrift/when_all.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "calc_fixture.h"
#include "fake_peer.h"
#include "parking_handler.h"
#include "test_events.h"

namespace {

using namespace corothrift;
using calc::CalcClient;
using calc::FakePeer;
using calc::outcome;
using calc::read_requests;
using calc::reply_sum;
using calc::Request;
using calc::run;

// ---- against the real server ----

TEST(Channel, CallReturnsTheHandlersResult) {
  calc::CalcServer server;
  EventLoop loop;
  int32_t sum = run(loop, [&]() -> Task<int32_t> {
    auto channel_ = co_await calc::connect(loop, server.address());
    CalcClient client(channel_);
    co_return co_await client.add(40, 2);
  }());
  EXPECT_EQ(sum, 42);
}

// The handlers of the first two calls park; each reply that reaches the
// client releases the handler of the call before it, so replies come back
// in reverse order of the calls.
TEST(Channel, RepliesThatComeBackOutOfOrderReachTheirOwnCalls) {
  auto handler = std::make_shared<calc::ParkingHandler>();
  calc::CalcServer server({}, calc::make_processor(handler));
  calc::ReleaseAtExit release{*handler};
  EventLoop loop;
  std::vector<int32_t> finished;
  auto tracked = [&](Task<int32_t> call, int32_t release_next) -> Task<int32_t> {
    int32_t value = co_await std::move(call);
    finished.push_back(value);
    handler->release(release_next);
    co_return value;
  };
  std::vector<int32_t> results = run(loop, [&]() -> Task<std::vector<int32_t>> {
    auto channel_ = co_await calc::connect(loop, server.address());
    CalcClient client(channel_);
    std::vector<Task<int32_t>> calls;
    calls.push_back(tracked(client.delay(0, 1), 0));
    calls.push_back(tracked(client.delay(0, 2), 1));
    calls.push_back(tracked(client.add(1, 2), 2));
    co_return co_await when_all(std::move(calls));
  }());
  EXPECT_EQ(results, (std::vector<int32_t>{1, 2, 3}));
  EXPECT_EQ(finished, (std::vector<int32_t>{3, 2, 1}));
}

TEST(Channel, DeclaredExceptionArrivesAsItsOwnType) {
  calc::CalcServer server;
  EventLoop loop;
  std::string why = run(loop, [&]() -> Task<std::string> {
    auto channel_ = co_await calc::connect(loop, server.address());
    CalcClient client(channel_);
    try {
      co_await client.divide(7, 0);
    } catch (const calc::DivideByZero& e) {
      co_return e.why;
    }
    co_return "no exception";
  }());
  EXPECT_EQ(why, "division of 7 by zero");
}

TEST(Channel, UnknownMethodThrowsUnknownMethodAndTheConnectionGoesOn) {
  calc::CalcServer server;
  EventLoop loop;
  run(loop, [&]() -> Task<void> {
    auto channel = co_await calc::connect(loop, server.address());
    calc::TwoInts args;
    calc::Calc_add_result result;
    bool threw = false;
    try {
      co_await channel->call("subtract", args, result);
    } catch (const TApplicationException& e) {
      threw = true;
      EXPECT_EQ(e.type(), TApplicationException::Type::UnknownMethod);
      EXPECT_NE(std::string(e.what()).find("subtract"), std::string::npos);
    }
    EXPECT_TRUE(threw);
    CalcClient client(channel);
    EXPECT_EQ(co_await client.add(1, 1), 2);
    EXPECT_EQ(server.server->connection_count(), 1u);
  }());
}

TEST(Channel, UndeclaredHandlerExceptionBecomesInternalErrorWithItsMessage) {
  calc::CalcServer server;
  EventLoop loop;
  run(loop, [&]() -> Task<void> {
    auto channel_ = co_await calc::connect(loop, server.address());
    CalcClient client(channel_);
    bool threw = false;
    try {
      co_await client.fail("disk on fire");
    } catch (const TApplicationException& e) {
      threw = true;
      EXPECT_EQ(e.type(), TApplicationException::Type::InternalError);
      EXPECT_EQ(e.message(), "disk on fire");
    }
    EXPECT_TRUE(threw);
    EXPECT_EQ(co_await client.add(2, 3), 5);
  }());
}

TEST(Channel, OnewayCompletesOnSendAndReachesTheHandler) {
  calc::CalcServer server;
  EventLoop loop;
  run(loop, [&]() -> Task<void> {
    auto channel_ = co_await calc::connect(loop, server.address());
    CalcClient client(channel_);
    co_await client.notify(5);
    co_await client.notify(6);
  }());
  EXPECT_TRUE(calc::eventually(loop, [&] { return server.handler->notified_count == 2; }));
  EXPECT_EQ(server.handler->notified_sum, 11);
}

TEST(Channel, ConnectingToAPortNobodyListensOnThrowsTransportError) {
  EventLoop loop;
  Listener listener = Listener::bind(loop, Address::ipv4("127.0.0.1", 0));
  uint16_t port = listener.local_address().port();
  listener.close();
  EXPECT_THROW(run(loop, calc::connect(loop, Address::ipv4("127.0.0.1", port))), TransportError);
}

// ---- against scripted peers ----

TEST(ChannelFakePeer, CallsIssuedInOneTurnGoOutInOneWrite) {
  EventLoop loop;
  FakePeer peer(loop);
  std::size_t first_read = 0;
  auto serve = [&]() -> Task<void> {
    Socket s = co_await peer.listener.accept();
    std::vector<std::byte> bytes(1 << 16);
    first_read = co_await s.read_some(bytes);
    FramedTransport t(std::move(s));
    // The frames of the first read were not seen by t: answer from `bytes`.
    std::size_t at = 0;
    while (at < first_read) {
      uint32_t length = detail::load_be<uint32_t>(reinterpret_cast<const uint8_t*>(&bytes[at]));
      co_await reply_sum(t, calc::decode(std::span(bytes).subspan(at + 4, length)));
      at += 4 + length;
    }
  };
  std::vector<int32_t> results;
  auto client = [&]() -> Task<void> {
    auto channel_ = co_await calc::connect(loop, peer.address());
    CalcClient c(channel_);
    std::vector<Task<int32_t>> calls;
    for (int i = 0; i < 3; ++i) calls.push_back(c.add(i, 10));
    results = co_await when_all(std::move(calls));
  };
  run(loop, [&]() -> Task<void> { co_await when_all(serve(), client()); }());
  EXPECT_EQ(results, (std::vector<int32_t>{10, 11, 12}));
  // Three framed "add" calls (frame length 4, header 15, args 15), in one read.
  EXPECT_EQ(first_read, 3u * 34u);
}

TEST(ChannelFakePeer, RepliesInReverseOrderAreMatchedBySeqid) {
  EventLoop loop;
  FakePeer peer(loop);
  auto serve = [&]() -> Task<void> {
    Socket t_socket = co_await peer.listener.accept();
    FramedTransport t(std::move(t_socket));
    std::vector<Request> requests;
    co_await read_requests(t, 4, requests);
    for (auto it = requests.rbegin(); it != requests.rend(); ++it) co_await reply_sum(t, *it);
  };
  std::vector<int32_t> results;
  auto client = [&]() -> Task<void> {
    auto channel_ = co_await calc::connect(loop, peer.address());
    CalcClient c(channel_);
    std::vector<Task<int32_t>> calls;
    for (int i = 0; i < 4; ++i) calls.push_back(c.add(i, 100));
    results = co_await when_all(std::move(calls));
  };
  run(loop, [&]() -> Task<void> { co_await when_all(serve(), client()); }());
  EXPECT_EQ(results, (std::vector<int32_t>{100, 101, 102, 103}));
}

// The outcomes of add(i, i) for i in [0, n), all in flight at once on `c`.
Task<std::vector<std::string>> add_outcomes(CalcClient& c, int n) {
  std::vector<Task<std::string>> calls;
  for (int i = 0; i < n; ++i) calls.push_back(outcome(c.add(i, i)));
  co_return co_await when_all(std::move(calls));
}

TEST(ChannelFakePeer, PeerClosingFailsEveryPendingCallAtOnce) {
  EventLoop loop;
  FakePeer peer(loop);
  auto serve = [&]() -> Task<void> {
    Socket t_socket = co_await peer.listener.accept();
    FramedTransport t(std::move(t_socket));
    std::vector<Request> ignored;
    co_await read_requests(t, 3, ignored);
    t.socket().close();
  };
  std::vector<std::string> outcomes;
  auto client = [&]() -> Task<void> {
    auto channel_ = co_await calc::connect(loop, peer.address());
    CalcClient c(channel_);
    outcomes = co_await add_outcomes(c, 3);
    EXPECT_EQ(c.channel().pending_calls(), 0u);
    EXPECT_FALSE(c.channel().connected());
  };
  run(loop, [&]() -> Task<void> { co_await when_all(serve(), client()); }());
  ASSERT_EQ(outcomes.size(), 3u);
  for (const std::string& o : outcomes) {
    EXPECT_EQ(o.rfind("transport:connection to unix:", 0), 0u) << o;
  }
}

// The server goes away half-way through a reply frame: the reply before it
// still reaches its call; the call whose reply was cut and the one still
// waiting fail with a TransportError that says the connection was lost
// part-way through a reply.
TEST(ChannelFakePeer, PeerClosingMidReplyFailsThePendingCallsSayingSo) {
  EventLoop loop;
  FakePeer peer(loop);
  auto serve = [&]() -> Task<void> {
    Socket t_socket = co_await peer.listener.accept();
    FramedTransport t(std::move(t_socket));
    std::vector<Request> requests;
    co_await read_requests(t, 3, requests);
    co_await reply_sum(t, requests[0]);
    WriteBuffer out;
    BinaryWriter w(out);
    w.write_message_begin(requests[1].header.name, MessageType::Reply, requests[1].header.seqid);
    std::string half(4, '\0');
    half[3] = static_cast<char>(40);  // announces 40 bytes, sends fewer
    half.append(std::string(out.view()).substr(0, 10));
    co_await t.socket().write_all(std::as_bytes(std::span(half)));
    t.socket().close();
  };
  std::vector<std::string> outcomes;
  auto client = [&]() -> Task<void> {
    auto channel_ = co_await calc::connect(loop, peer.address());
    CalcClient c(channel_);
    outcomes = co_await add_outcomes(c, 3);
  };
  run(loop, [&]() -> Task<void> { co_await when_all(serve(), client()); }());
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_EQ(outcomes[0], "ok:0");
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(outcomes[i].rfind("transport:connection to unix:", 0), 0u) << outcomes[i];
    EXPECT_NE(outcomes[i].find("lost: connection closed by peer, 14 bytes into a reply"),
              std::string::npos)
        << outcomes[i];
  }
}

TEST(ChannelFakePeer, AReplyWithABadHeaderFailsEveryPendingCall) {
  EventLoop loop;
  FakePeer peer(loop);
  auto serve = [&]() -> Task<void> {
    Socket t_socket = co_await peer.listener.accept();
    FramedTransport t(std::move(t_socket));
    std::vector<Request> requests;
    co_await read_requests(t, 2, requests);
    std::string junk("\x80\x09\x00\x02garbage", 11);
    co_await t.write_frame(std::as_bytes(std::span(junk)));
    co_await calc::wait_for_close(t);  // the client fails the connection and shuts it down
  };
  std::vector<std::string> outcomes;
  auto client = [&]() -> Task<void> {
    auto channel_ = co_await calc::connect(loop, peer.address());
    CalcClient c(channel_);
    outcomes = co_await add_outcomes(c, 2);
  };
  run(loop, [&]() -> Task<void> { co_await when_all(serve(), client()); }());
  ASSERT_EQ(outcomes.size(), 2u);
  for (const std::string& o : outcomes) {
    EXPECT_NE(o.find("bad binary protocol version"), std::string::npos) << o;
  }
}

TEST(ChannelFakePeer, NextCallAfterAConnectionFailureReconnects) {
  EventLoop loop;
  FakePeer peer(loop);
  auto serve = [&]() -> Task<void> {
    {
      Socket first_socket = co_await peer.listener.accept();
      FramedTransport first(std::move(first_socket));
      std::vector<Request> ignored;
      co_await read_requests(first, 1, ignored);
    }  // closed without a reply
    Socket second_socket = co_await peer.listener.accept();
    FramedTransport second(std::move(second_socket));
    std::vector<Request> requests;
    co_await read_requests(second, 1, requests);
    co_await reply_sum(second, requests[0]);
  };
  std::string first_outcome;
  int32_t second = 0;
  auto client = [&]() -> Task<void> {
    auto channel_ = co_await calc::connect(loop, peer.address());
    CalcClient c(channel_);
    first_outcome = co_await outcome(c.add(1, 1));
    second = co_await c.add(20, 22);
  };
  run(loop, [&]() -> Task<void> { co_await when_all(serve(), client()); }());
  EXPECT_EQ(first_outcome.rfind("transport:", 0), 0u) << first_outcome;
  EXPECT_EQ(second, 42);
}

TEST(ChannelFakePeer, ClosingTheChannelFailsItsPendingCalls) {
  EventLoop loop;
  FakePeer peer(loop);
  calc::LoopEvent request_arrived(loop);
  auto serve = [&]() -> Task<void> {
    Socket t_socket = co_await peer.listener.accept();
    FramedTransport t(std::move(t_socket));
    std::vector<Request> ignored;
    co_await read_requests(t, 1, ignored);
    request_arrived.set();
    co_await calc::wait_for_close(t);
  };
  std::string result;
  auto client = [&]() -> Task<void> {
    auto channel = co_await calc::connect(loop, peer.address());
    CalcClient c(channel);
    Task<std::string> call = outcome(c.add(1, 2));
    auto closer = [&]() -> Task<void> {
      co_await request_arrived.wait();
      EXPECT_EQ(channel->pending_calls(), 1u);
      channel->close();
    };
    auto [text, unused] = co_await when_all(std::move(call), closer());
    result = text;
  };
  run(loop, [&]() -> Task<void> { co_await when_all(serve(), client()); }());
  EXPECT_EQ(result.rfind("transport:channel to unix:", 0), 0u) << result;
}

}  // namespace
