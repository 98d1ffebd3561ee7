// Channel and server together under load: every reply checked, every
// protocol/transport combination, large binaries.
#include <corothrift/when_all.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "calc_fixture.h"

namespace {

using namespace corothrift;
using calc::CalcClient;
using calc::run;

// `count` concurrent adds on one channel; returns how many replies were right.
Task<int> add_all(std::shared_ptr<ClientChannel> channel, int first, int count) {
  CalcClient client(channel);
  std::vector<Task<int32_t>> calls;
  calls.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) calls.push_back(client.add(first + i, 3 * (first + i)));
  std::vector<int32_t> sums = co_await when_all(std::move(calls));
  int right = 0;
  for (int i = 0; i < count; ++i) right += sums[static_cast<std::size_t>(i)] == 4 * (first + i);
  co_return right;
}

TEST(EndToEnd, TenThousandCallsInFlightOnFourConnectionsAllComeBackRight) {
  calc::CalcServer server;
  EventLoop loop;
  int right = run(loop, [&]() -> Task<int> {
    std::vector<std::shared_ptr<ClientChannel>> channels;
    for (int c = 0; c < 4; ++c) {
      auto channel = co_await calc::connect(loop, server.address());
      channels.push_back(channel);
    }
    std::vector<Task<int>> connections;
    for (int c = 0; c < 4; ++c) connections.push_back(add_all(channels[c], c * 2500, 2500));
    std::vector<int> each = co_await when_all(std::move(connections));
    co_return each[0] + each[1] + each[2] + each[3];
  }());
  EXPECT_EQ(right, 10000);
}

Binary pattern(std::size_t size, int seed) {
  Binary data;
  data.storage().resize(size);
  for (std::size_t i = 0; i < size; ++i)
    data.storage()[i] = static_cast<char>((i * 31 + seed) & 0xff);
  return data;
}

TEST(EndToEnd, EveryProtocolAndTransportCarriesAddsAndBinaries) {
  calc::CalcServer server;
  EventLoop loop;
  for (ProtocolKind protocol : {ProtocolKind::Binary, ProtocolKind::Compact}) {
    for (TransportKind transport : {TransportKind::Framed, TransportKind::Unframed}) {
      ChannelOptions options;
      options.protocol = protocol;
      options.transport = transport;
      run(loop, [&]() -> Task<void> {
        auto channel = co_await calc::connect(loop, server.address(), options);
        EXPECT_EQ(co_await add_all(channel, 100, 200), 200);
        CalcClient client(channel);
        Binary sent = pattern(70000, 7);
        Binary back = co_await client.echo(sent);
        EXPECT_TRUE(back == sent);
        Binary empty = co_await client.echo(Binary());
        EXPECT_TRUE(empty.empty());
      }());
    }
  }
}

TEST(EndToEnd, ConcurrentLargeEchoesOnOneConnectionAreNotMixedUp) {
  calc::CalcServer server;
  EventLoop loop;
  int right = run(loop, [&]() -> Task<int> {
    auto channel = co_await calc::connect(loop, server.address());
    CalcClient client(channel);
    std::vector<Task<Binary>> calls;
    for (int i = 0; i < 16; ++i) calls.push_back(client.echo(pattern(65536 + i * 1000, i)));
    std::vector<Binary> back = co_await when_all(std::move(calls));
    int ok = 0;
    for (int i = 0; i < 16; ++i)
      ok += back[static_cast<std::size_t>(i)] == pattern(65536 + i * 1000, i);
    co_return ok;
  }());
  EXPECT_EQ(right, 16);
}

TEST(EndToEnd, MessageAboveTheClientsFrameLimitFailsThatCallOnly) {
  calc::CalcServer server;
  EventLoop loop;
  ChannelOptions options;
  options.limits.max_frame_bytes = 1024;
  run(loop, [&]() -> Task<void> {
    auto channel = co_await calc::connect(loop, server.address(), options);
    CalcClient client(channel);
    bool threw = false;
    try {
      co_await client.echo(pattern(4096, 1));
    } catch (const TransportError&) {
      threw = true;
    }
    EXPECT_TRUE(threw);
    EXPECT_EQ(co_await client.add(1, 2), 3);
  }());
}

TEST(EndToEnd, ReplyValueAboveTheClientsLimitsFailsThatCallOnly) {
  calc::CalcServer server;
  EventLoop loop;
  ChannelOptions options;
  options.limits.max_string_bytes = 100;
  run(loop, [&]() -> Task<void> {
    auto channel = co_await calc::connect(loop, server.address(), options);
    CalcClient client(channel);
    bool threw = false;
    try {
      co_await client.echo(pattern(500, 1));  // the server accepts it; the reply is too long
    } catch (const ProtocolError&) {
      threw = true;
    }
    EXPECT_TRUE(threw);
    EXPECT_EQ(co_await client.add(1, 2), 3);
    EXPECT_EQ(server.server->connection_count(), 1u);
  }());
}

}  // namespace
