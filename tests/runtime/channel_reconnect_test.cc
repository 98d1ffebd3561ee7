// ClientChannel's reconnect: calls that find no connection wait for the one
// connect the first of them starts, and share its outcome. Peers listen on
// TCP 127.0.0.1, where a non-blocking connect() suspends (on a Unix socket
// it completes at once and no call would ever wait).
#include <corothrift/channel.h>
#include <corothrift/errors.h>
#include <corothrift/socket.h>
#include <corothrift/when_all.h>

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "calc_fixture.h"
#include "fake_peer.h"
#include "raw_peer.h"

namespace {

using namespace corothrift;
using calc::CalcClient;
using calc::FakePeer;
using calc::outcome;
using calc::PeerKind;
using calc::run;

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

std::shared_ptr<ClientChannel> unconnected_channel(EventLoop& loop, uint16_t port) {
  return std::make_shared<ClientChannel>(loop, Address::ipv4("127.0.0.1", port), ChannelOptions{});
}

TEST(ChannelReconnect, CallsWaitingOnAConnectWhoseConnectionDiesAtOnceFailSayingSo) {
  calc::RawListener peer;
  std::promise<void> closed_promise;
  std::future<void> closed = closed_promise.get_future();
  std::thread acceptor([&] {
    int fd = peer.accept();
    if (fd >= 0) ::close(fd);
    closed_promise.set_value();
  });
  EventLoop loop;
  auto channel = unconnected_channel(loop, peer.port());
  CalcClient client(channel);
  // Starts after the three calls have suspended: the first in connect(), the
  // other two waiting for it. Holding the loop's thread until the peer has
  // accepted and closed makes the connect complete onto a dead connection.
  auto hold_until_closed = [&]() -> Task<void> {
    EXPECT_TRUE(channel->connected());  // a connect is under way
    EXPECT_EQ(closed.wait_for(std::chrono::seconds(20)), std::future_status::ready);
    co_return;
  };
  auto [first, second, third, held] =
      run(loop, when_all(outcome(client.add(1, 1)), outcome(client.add(2, 2)),
                         outcome(client.add(3, 3)), hold_until_closed()));
  acceptor.join();
  const std::string peer_name = "127.0.0.1:" + std::to_string(peer.port());
  // The first call was sent on the connection and failed with it.
  EXPECT_TRUE(starts_with(first, "transport:connection to " + peer_name + " lost")) << first;
  // The others never got to send.
  for (const std::string& o : {second, third}) {
    EXPECT_TRUE(
        starts_with(o, "transport:connection to " + peer_name + " closed right after connecting"))
        << o;
    EXPECT_NE(o.find("closed by peer"), std::string::npos) << o;
  }
  EXPECT_FALSE(channel->connected());
}

TEST(ChannelReconnect, CallsWaitingOnAConnectFailWhenTheChannelIsClosedAsItCompletes) {
  EventLoop loop;
  FakePeer peer(loop, PeerKind::Tcp);
  auto serve = [&]() -> Task<void> {
    Socket socket = co_await peer.listener.accept();
    FramedTransport t(std::move(socket));
    co_await calc::wait_for_close(t);
  };
  auto channel = std::make_shared<ClientChannel>(loop, peer.address(), ChannelOptions{});
  CalcClient client(channel);
  // reconnect() returns as soon as its connect succeeded, before the calls
  // waiting for it resume; close() runs in between.
  auto connect_then_close = [&]() -> Task<void> {
    co_await channel->reconnect();
    channel->close();
  };
  auto [served, connector, second, third] =
      run(loop, when_all(serve(), connect_then_close(), outcome(client.add(2, 2)),
                         outcome(client.add(3, 3))));
  const std::string prefix =
      "transport:connection to " + peer.address().to_string() + " closed right after connecting";
  EXPECT_TRUE(starts_with(second, prefix)) << second;
  EXPECT_TRUE(starts_with(third, prefix)) << third;
}

TEST(ChannelReconnect, EveryCallWaitingOnAConnectToAPeerThatIsDownGetsTheConnectError) {
  EventLoop loop;
  Listener listener = Listener::bind(loop, Address::ipv4("127.0.0.1", 0));
  uint16_t port = listener.local_address().port();
  listener.close();
  auto channel = unconnected_channel(loop, port);
  CalcClient client(channel);
  auto check_connecting = [&]() -> Task<void> {
    EXPECT_TRUE(channel->connected());  // the three calls wait on one connect
    co_return;
  };
  auto [first, second, third, checked] =
      run(loop, when_all(outcome(client.add(1, 1)), outcome(client.add(2, 2)),
                         outcome(client.add(3, 3)), check_connecting()));
  EXPECT_TRUE(starts_with(first, "transport:connect 127.0.0.1:" + std::to_string(port))) << first;
  EXPECT_NE(first.find("refused"), std::string::npos) << first;
  EXPECT_EQ(second, first);
  EXPECT_EQ(third, first);
  EXPECT_FALSE(channel->connected());
}

TEST(ChannelReconnect, AfterCloseCallsIssuedTogetherShareOneNewConnection) {
  EventLoop loop;
  FakePeer peer(loop, PeerKind::Tcp);
  auto serve = [&]() -> Task<void> {
    {
      Socket first_socket = co_await peer.listener.accept();
      FramedTransport first(std::move(first_socket));
      std::vector<calc::Request> requests;
      co_await calc::read_requests(first, 1, requests);
      co_await calc::reply_sum(first, requests[0]);
      co_await calc::wait_for_close(first);
    }
    Socket second_socket = co_await peer.listener.accept();
    FramedTransport second(std::move(second_socket));
    std::vector<calc::Request> requests;
    co_await calc::read_requests(second, 3, requests);
    for (const calc::Request& req : requests) co_await calc::reply_sum(second, req);
  };
  std::vector<int32_t> sums;
  auto client = [&]() -> Task<void> {
    auto channel = co_await calc::connect(loop, peer.address());
    CalcClient c(channel);
    sums.push_back(co_await c.add(1, 1));
    channel->close();
    EXPECT_FALSE(channel->connected());
    auto check_connecting = [&]() -> Task<void> {
      EXPECT_TRUE(channel->connected());
      co_return;
    };
    auto [a, b, d, checked] =
        co_await when_all(c.add(1, 2), c.add(1, 3), c.add(1, 4), check_connecting());
    sums.insert(sums.end(), {a, b, d});
  };
  run(loop, [&]() -> Task<void> { co_await when_all(serve(), client()); }());
  EXPECT_EQ(sums, (std::vector<int32_t>{2, 3, 4, 5}));
  EXPECT_FALSE(run(loop, peer.has_another_connection(loop)));
}

}  // namespace
