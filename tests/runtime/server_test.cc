// Server: loops and accept modes, protocol/transport auto-detection, the
// in-flight bound, connection cap (stopping and idle connections: server_stop_test,
// server_idle_test).
#include <corothrift/detail/binary_protocol.h>
#include <corothrift/errors.h>
#include <corothrift/when_all.h>

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "calc_fixture.h"
#include "parking_handler.h"
#include "raw_peer.h"

namespace {

using namespace corothrift;
using calc::CalcClient;
using calc::run;

// `calls` adds on one new channel; returns how many came back right.
Task<int> add_many(EventLoop& loop, Address address, ChannelOptions options, int calls) {
  auto channel = co_await calc::connect(loop, std::move(address), std::move(options));
  CalcClient client(channel);
  std::vector<Task<int32_t>> tasks;
  for (int i = 0; i < calls; ++i) tasks.push_back(client.add(i, 1000));
  std::vector<int32_t> sums = co_await when_all(std::move(tasks));
  int right = 0;
  for (int i = 0; i < calls; ++i) right += sums[static_cast<std::size_t>(i)] == i + 1000;
  co_return right;
}

TEST(Server, ServesManyConnectionsAcrossItsLoops) {
  ServerOptions options;
  options.threads = 3;
  calc::CalcServer server(options);
  EventLoop loop;
  int right = run(loop, [&]() -> Task<int> {
    std::vector<Task<int>> clients;
    for (int c = 0; c < 8; ++c) clients.push_back(add_many(loop, server.address(), {}, 100));
    std::vector<int> each = co_await when_all(std::move(clients));
    int total = 0;
    for (int n : each) total += n;
    co_return total;
  }());
  EXPECT_EQ(right, 800);
}

TEST(Server, HandsConnectionsOffFromOneAcceptorInHandoffMode) {
  ServerOptions options;
  options.threads = 2;
  options.accept_mode = AcceptMode::Handoff;
  calc::CalcServer server(options);
  EventLoop loop;
  int right = run(loop, [&]() -> Task<int> {
    std::vector<Task<int>> clients;
    for (int c = 0; c < 4; ++c) clients.push_back(add_many(loop, server.address(), {}, 50));
    std::vector<int> each = co_await when_all(std::move(clients));
    co_return each[0] + each[1] + each[2] + each[3];
  }());
  EXPECT_EQ(right, 200);
}

TEST(Server, GivesEachLoopItsOwnListenerInReusePortMode) {
  ServerOptions options;
  options.threads = 2;
  options.accept_mode = AcceptMode::ReusePort;
  calc::CalcServer server(options);
  EventLoop loop;
  int right = run(loop, [&]() -> Task<int> {
    std::vector<Task<int>> clients;
    for (int c = 0; c < 6; ++c) clients.push_back(add_many(loop, server.address(), {}, 20));
    std::vector<int> each = co_await when_all(std::move(clients));
    int total = 0;
    for (int n : each) total += n;
    co_return total;
  }());
  EXPECT_EQ(right, 120);
}

TEST(Server, DetectsProtocolAndTransportPerConnection) {
  calc::CalcServer server;
  EventLoop loop;
  calc::for_each_wire([&](const ChannelOptions& options) {
    EXPECT_EQ(run(loop, add_many(loop, server.address(), options, 20)), 20)
        << protocol_kind_name(options.protocol) << " " << transport_kind_name(options.transport);
  });
}

// Unframed, the server learns where a request ends only by decoding it; a
// 4 MiB argument arrives over many reads and must come back whole.
Task<bool> echo_large(EventLoop& loop, Address address, ChannelOptions options) {
  auto channel = co_await calc::connect(loop, std::move(address), std::move(options));
  CalcClient client(channel);
  std::string bytes(4 << 20, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7 + i / 4096);
  Binary sent(bytes);
  Binary back = co_await client.echo(sent);
  co_return back == sent;
}

TEST(Server, AnswersALargeUnframedRequestThatArrivesOverManyReads) {
  calc::CalcServer server;
  EventLoop loop;
  for (ProtocolKind protocol : {ProtocolKind::Binary, ProtocolKind::Compact}) {
    ChannelOptions options;
    options.protocol = protocol;
    options.transport = TransportKind::Unframed;
    EXPECT_TRUE(run(loop, echo_large(loop, server.address(), options)))
        << protocol_kind_name(protocol);
  }
}

// A reply carrying a large binary is sent from the handler's result, not a
// copy of it; large and small replies queued together on one connection must
// still come back whole and each to its own call.
Task<int> echo_checked(CalcClient client, std::size_t size, int seed) {
  Binary sent = calc::pattern(size, seed);
  Binary back = co_await client.echo(sent);
  co_return back == sent ? 1 : 0;
}

Task<int> add_checked(CalcClient client, int32_t a) {
  int32_t sum = co_await client.add(a, 1);
  co_return sum == a + 1 ? 1 : 0;
}

Task<int> mixed_replies(EventLoop& loop, Address address, ChannelOptions options) {
  auto channel = co_await calc::connect(loop, std::move(address), std::move(options));
  CalcClient client(channel);
  std::vector<Task<int>> calls;
  for (int i = 0; i < 30; ++i) {
    switch (i % 3) {
      case 0:  // well above the size the server sends by reference
        calls.push_back(echo_checked(client, 64 * 1024 + static_cast<std::size_t>(i), i));
        break;
      case 1:  // either side of it
        calls.push_back(echo_checked(client, i % 2 ? 16 * 1024 : 16 * 1024 - 1, i));
        break;
      default:
        calls.push_back(add_checked(client, i));
    }
  }
  std::vector<int> right = co_await when_all(std::move(calls));
  int total = 0;
  for (int r : right) total += r;
  co_return total;
}

TEST(Server, LargeRepliesSentFromTheirResultsInterleaveWithSmallOnesOnEveryWire) {
  calc::CalcServer server;
  EventLoop loop;
  calc::for_each_wire([&](const ChannelOptions& options) {
    EXPECT_EQ(run(loop, mixed_replies(loop, server.address(), options)), 30)
        << protocol_kind_name(options.protocol) << " " << transport_kind_name(options.transport);
  });
}

// A reader with a 4 KiB receive buffer that pipelines many echoes: the
// server's replies, partly held and partly referenced, go out in many
// partial writes (flush_now's, then the writer's from the middle of a piece).
TEST(Server, PipelinedLargeRepliesSurviveASlowReader) {
  calc::CalcServer server;
  constexpr int kCalls = 40;
  const std::size_t sizes[] = {10, 16 * 1024, 40000, 300000};
  calc::RawClient raw(server.server->port(), 4096);
  std::thread sender([&] {
    for (int i = 0; i < kCalls; ++i) {
      calc::Calc_echo_args args;
      args.value = calc::pattern(sizes[i % 4], i);
      raw.send(
          calc::framed(calc::message(ProtocolKind::Binary, "echo", MessageType::Call, i, args)));
    }
  });
  int right = 0;
  for (int i = 0; i < kCalls; ++i) {
    std::string length = raw.read(4);
    if (length.size() != 4) break;
    std::size_t n = (std::size_t{static_cast<uint8_t>(length[0])} << 24) |
                    (std::size_t{static_cast<uint8_t>(length[1])} << 16) |
                    (std::size_t{static_cast<uint8_t>(length[2])} << 8) |
                    std::size_t{static_cast<uint8_t>(length[3])};
    std::string body;
    while (body.size() < n) {
      std::string part = raw.read(std::min<std::size_t>(1000, n - body.size()));
      if (part.empty()) break;
      body += part;
    }
    ReadBuffer in(body);
    BinaryReader r(in);
    MessageHeader header = r.read_message_begin();
    calc::Calc_echo_result result;
    result.read(r);
    right += header.seqid == i && result.value.has_value() &&
             *result.value == calc::pattern(sizes[i % 4], i);
  }
  sender.join();
  EXPECT_EQ(right, kCalls);
}

// Names are never sent by reference: they live in buffers the connection
// reuses (the server's read buffer, the channel's name buffer), and two calls
// with long names queued back to back must each keep their own.
Task<int> long_names(EventLoop& loop, Address address) {
  auto channel = co_await calc::connect(loop, std::move(address));
  std::vector<Task<std::string>> calls;
  for (char c : {'x', 'y'}) {
    calls.push_back([](std::shared_ptr<ClientChannel> ch, char fill) -> Task<std::string> {
      calc::Calc_add_args args;
      calc::Calc_add_result result;
      const std::string name(20000, fill);
      try {
        co_await ch->call(name, std::move(args), result);
      } catch (const TApplicationException& e) {
        co_return e.message();
      }
      co_return "no exception";
    }(channel, c));
  }
  std::vector<std::string> messages = co_await when_all(std::move(calls));
  int right = 0;
  right += messages[0] == "Invalid method name: '" + std::string(20000, 'x') + "'";
  right += messages[1] == "Invalid method name: '" + std::string(20000, 'y') + "'";
  co_return right;
}

TEST(Server, LongMethodNamesGoOutWholeInCallsAndInReplies) {
  calc::CalcServer server;
  EventLoop loop;
  EXPECT_EQ(run(loop, long_names(loop, server.address())), 2);
}

TEST(Server, WithoutDetectionSpeaksOnlyTheConfiguredProtocol) {
  ServerOptions options;
  options.auto_detect = false;
  options.protocol = ProtocolKind::Compact;
  options.transport = TransportKind::Unframed;
  calc::CalcServer server(options);
  EventLoop loop;
  ChannelOptions compact;
  compact.protocol = ProtocolKind::Compact;
  compact.transport = TransportKind::Unframed;
  EXPECT_EQ(run(loop, add_many(loop, server.address(), compact, 5)), 5);
  EXPECT_THROW(run(loop, add_many(loop, server.address(), {}, 1)), TransportError);
}

TEST(Server, ServesAUnixSocket) {
  std::string path = "/tmp/corothrift-server-" + std::to_string(::getpid()) + ".sock";
  ::unlink(path.c_str());
  ServerOptions options;
  options.threads = 2;
  Server server(calc::make_processor(std::make_shared<calc::TestHandler>()), options);
  server.listen(Address::unix_path(path));
  server.start();
  EventLoop loop;
  EXPECT_EQ(run(loop, add_many(loop, Address::unix_path(path), {}, 30)), 30);
  server.stop();
  ::unlink(path.c_str());
}

TEST(Server, ASuspendedRequestKeepsItsNameWhileLaterRequestsReuseTheReadBuffer) {
  auto handler = std::make_shared<calc::ParkingHandler>();
  calc::CalcServer server({}, calc::make_processor(handler));
  calc::ReleaseAtExit release{*handler};
  calc::RawClient raw(server.server->port());
  calc::TwoInts slow;
  slow.b = 5;
  std::string bytes =
      calc::framed(calc::message(ProtocolKind::Binary, "delay", MessageType::Call, 1, slow));
  calc::TwoInts fast;
  for (int i = 0; i < 50; ++i) {
    // Same length as "delay", so the bytes land where its name was.
    bytes +=
        calc::framed(calc::message(ProtocolKind::Binary, "xxxxx", MessageType::Call, 2 + i, fast));
  }
  raw.send(bytes);
  auto read_reply = [&] {
    std::string length = raw.read(4);
    if (length.size() != 4) return std::string();
    uint32_t n = (uint32_t(uint8_t(length[0])) << 24) | (uint32_t(uint8_t(length[1])) << 16) |
                 (uint32_t(uint8_t(length[2])) << 8) | uint32_t(uint8_t(length[3]));
    return raw.read(n);
  };
  // 50 UNKNOWN_METHOD exceptions while delay is parked, then delay's reply.
  for (int i = 0; i < 50; ++i) {
    std::string reply = read_reply();
    ASSERT_GE(reply.size(), 4u);
    EXPECT_EQ(reply.substr(0, 4), std::string("\x80\x01\x00\x03", 4)) << i;  // EXCEPTION
  }
  handler->release_all();
  EXPECT_EQ(read_reply().substr(0, 17), std::string("\x80\x01\x00\x02"
                                                    "\x00\x00\x00\x05"
                                                    "delay"
                                                    "\x00\x00\x00\x01",
                                                    17));
}

TEST(Server, BoundsRequestsInFlightPerConnectionYetAnswersThemAll) {
  ServerOptions options;
  options.threads = 1;
  options.max_inflight_per_connection = 4;
  calc::CalcServer server(options);
  EventLoop loop;
  std::vector<int32_t> values = run(loop, [&]() -> Task<std::vector<int32_t>> {
    auto channel = co_await calc::connect(loop, server.address());
    CalcClient client(channel);
    std::vector<Task<int32_t>> calls;
    for (int i = 0; i < 40; ++i) calls.push_back(client.delay(5, i));
    co_return co_await when_all(std::move(calls));
  }());
  ASSERT_EQ(values.size(), 40u);
  for (int i = 0; i < 40; ++i) EXPECT_EQ(values[static_cast<std::size_t>(i)], i);
  EXPECT_EQ(server.handler->max_delays_running, 4);
}

// A flood beyond max_connections: each extra connection is closed at once,
// with a log line, while the admitted ones go on being served; once one of
// them closes, a new connection is admitted again.
TEST(Server, RefusesAFloodOfConnectionsBeyondTheLimitAndAdmitsAgainWhenOneCloses) {
  calc::LogCapture log;
  ServerOptions options;
  options.max_connections = 2;
  calc::CalcServer server(options);
  EventLoop loop;
  auto first = run(loop, calc::connect(loop, server.address()));
  auto second = run(loop, calc::connect(loop, server.address()));
  CalcClient a(first);
  EXPECT_EQ(run(loop, a.add(1, 1)), 2);
  CalcClient b(second);
  EXPECT_EQ(run(loop, b.add(2, 2)), 4);
  {
    std::vector<std::unique_ptr<calc::RawClient>> flood;
    for (int i = 0; i < 50; ++i) {
      flood.push_back(std::make_unique<calc::RawClient>(server.server->port()));
    }
    int refused = 0;
    for (auto& extra : flood) refused += extra->closed_by_server();
    EXPECT_EQ(refused, 50);
  }
  EXPECT_TRUE(log.contains("refusing a connection: 2 connections open (limit)"));
  EXPECT_EQ(run(loop, a.add(3, 3)), 6);
  EXPECT_EQ(run(loop, b.add(4, 4)), 8);
  EXPECT_EQ(server.server->connection_count(), 2u);
  first->close();
  EXPECT_TRUE(calc::eventually(loop, [&] { return server.server->connection_count() == 1; }));
  EXPECT_EQ(run(loop, add_many(loop, server.address(), {}, 3)), 3);
  EXPECT_EQ(run(loop, b.add(5, 5)), 10);
}

TEST(Server, RunServesUntilAnotherThreadStopsIt) {
  Server server(calc::make_processor(std::make_shared<calc::TestHandler>()), ServerOptions{});
  server.listen(Address::ipv4("127.0.0.1", 0));
  std::atomic<bool> returned{false};
  std::thread runner([&] {
    server.run();
    returned = true;
  });
  EventLoop loop;
  EXPECT_EQ(run(loop, add_many(loop, Address::ipv4("127.0.0.1", server.port()), {}, 10)), 10);
  EXPECT_FALSE(returned);
  server.stop(std::chrono::seconds(1));
  runner.join();
  EXPECT_TRUE(returned);
}

}  // namespace
