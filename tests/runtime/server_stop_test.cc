// Server::stop: a graceful stop finishes the calls in flight on every loop
// while refusing new connections, returns at once when nothing is in
// flight, and closes what still runs when the grace ends. Handlers park
// until the test releases them, so "in flight" is a fact, not a race.
#include <corothrift/errors.h>
#include <corothrift/when_all.h>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "calc_fixture.h"
#include "fake_peer.h"
#include "parking_handler.h"

namespace {

using namespace corothrift;
using calc::CalcClient;
using calc::run;
using std::chrono::seconds;
using SteadyClock = std::chrono::steady_clock;

// True when a connect to 127.0.0.1:port is refused (nothing listens).
bool connect_refused(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int r = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  int error = errno;
  ::close(fd);
  return r != 0 && error == ECONNREFUSED;
}

// Waits (polling, for at most 20 s) until connects to the port are refused.
bool becomes_refused(uint16_t port) {
  auto deadline = SteadyClock::now() + seconds(20);
  while (!connect_refused(port)) {
    if (SteadyClock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

// `per_connection` delay() calls on each of `connections` channels, all in
// flight at once; the outcome of each, in order.
Task<std::vector<std::string>> calls_on_connections(EventLoop& loop, Address address,
                                                    int connections, int per_connection) {
  std::vector<CalcClient> clients;
  for (int c = 0; c < connections; ++c) clients.emplace_back(co_await calc::connect(loop, address));
  std::vector<Task<std::string>> calls;
  for (int c = 0; c < connections; ++c) {
    for (int i = 0; i < per_connection; ++i) {
      calls.push_back(calc::outcome(clients[c].delay(0, c * 100 + i)));
    }
  }
  co_return co_await when_all(std::move(calls));
}

ServerOptions two_loops_taking_turns() {
  ServerOptions options;
  options.threads = 2;
  // Loop 0 accepts and hands connections out in turn: both loops get some.
  options.accept_mode = AcceptMode::Handoff;
  return options;
}

TEST(ServerStop, AGracefulStopFinishesTheCallsInFlightOnEveryLoopAndRefusesNewConnections) {
  constexpr int kConnections = 4;
  constexpr int kCallsEach = 3;
  auto handler = std::make_shared<calc::ParkingHandler>();
  calc::CalcServer server(two_loops_taking_turns(), calc::make_processor(handler));
  calc::ReleaseAtExit release{*handler};
  std::vector<std::string> outcomes;
  std::thread client([&] {
    EventLoop loop;
    outcomes = run(loop, calls_on_connections(loop, server.address(), kConnections, kCallsEach));
  });
  EXPECT_TRUE(handler->parked.wait_for(kConnections * kCallsEach));
  EXPECT_EQ(handler->loops().size(), 2u);

  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    server.server->stop(seconds(60));
    stopped = true;
  });
  EXPECT_TRUE(becomes_refused(server.server->port()));
  EXPECT_FALSE(stopped);  // still draining: every call is parked
  EXPECT_EQ(handler->finished.value(), 0u);

  auto released = SteadyClock::now();
  handler->release_all();
  stopper.join();
  // The drain ended with the last reply, far inside the 60 s grace.
  EXPECT_LT(SteadyClock::now() - released, seconds(30));
  client.join();
  ASSERT_EQ(outcomes.size(), static_cast<std::size_t>(kConnections * kCallsEach));
  for (int c = 0; c < kConnections; ++c) {
    for (int i = 0; i < kCallsEach; ++i) {
      EXPECT_EQ(outcomes[c * kCallsEach + i], "ok:" + std::to_string(c * 100 + i));
    }
  }
  EXPECT_EQ(handler->finished.value(), static_cast<std::size_t>(kConnections * kCallsEach));
  EXPECT_EQ(server.server->connection_count(), 0u);
}

TEST(ServerStop, StopReturnsWithoutWaitingOutTheGraceWhenNoCallIsInFlight) {
  calc::CalcServer server(two_loops_taking_turns());
  EventLoop loop;
  std::vector<CalcClient> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back(run(loop, calc::connect(loop, server.address())));
    EXPECT_EQ(run(loop, clients.back().add(c, 1)), c + 1);
  }
  EXPECT_EQ(server.server->connection_count(), 4u);  // open and idle, on both loops

  auto begin = SteadyClock::now();
  server.server->stop(seconds(60));
  EXPECT_LT(SteadyClock::now() - begin, seconds(20));
  EXPECT_EQ(server.server->connection_count(), 0u);
  for (CalcClient& client : clients) EXPECT_THROW(run(loop, client.add(1, 1)), TransportError);
}

// delay() sleeps on its loop's timer (the loop frees it if it never wakes)
// and tells the test it has started.
class StartSignallingHandler : public calc::TestHandler {
 public:
  Task<int32_t> delay(int32_t ms, int32_t value) override {
    started.bump();
    co_return co_await TestHandler::delay(ms, value);
  }
  calc::Counter started;
};

TEST(ServerStop, StopAfterTheGraceClosesConnectionsWhoseCallsStillRun) {
  auto handler = std::make_shared<StartSignallingHandler>();
  calc::CalcServer server({}, calc::make_processor(handler));
  EventLoop loop;
  std::thread stopper([&] {
    EXPECT_TRUE(handler->started.wait_for(1));
    server.server->stop(std::chrono::milliseconds(100));
  });
  CalcClient client(run(loop, calc::connect(loop, server.address())));
  std::string result = run(loop, calc::outcome(client.delay(20000, 1)));
  stopper.join();
  EXPECT_EQ(result.rfind("transport:", 0), 0u) << result;
}

// 1,000 delay() calls over 8 connections, all in flight at once: the even
// ones sleep 1.5 s in their handlers, the odd ones ten minutes; the outcome
// of each, in order.
Task<std::vector<std::string>> a_thousand_calls(EventLoop& loop, Address address) {
  std::vector<CalcClient> clients;
  for (int c = 0; c < 8; ++c) clients.emplace_back(co_await calc::connect(loop, address));
  std::vector<Task<std::string>> calls;
  for (int i = 0; i < 1000; ++i) {
    calls.push_back(calc::outcome(clients[i % 8].delay(i % 2 == 0 ? 1500 : 600000, i)));
  }
  co_return co_await when_all(std::move(calls));
}

// Stopped with 1,000 calls in flight and a 5 s grace: the calls whose
// handlers return inside the grace get their replies, the others fail with
// a TransportError that says the connection closed; none hangs (each would
// end as "timeout:" after 30 s).
TEST(ServerStop, AThousandCallsInFlightAtStopEachCompleteOrFailSayingSo) {
  auto handler = std::make_shared<StartSignallingHandler>();
  calc::CalcServer server(two_loops_taking_turns(), calc::make_processor(handler));
  std::vector<std::string> outcomes;
  std::thread client([&] {
    EventLoop loop;
    outcomes = run(loop, a_thousand_calls(loop, server.address()));
  });
  EXPECT_TRUE(handler->started.wait_for(1000));
  auto begin = SteadyClock::now();
  server.server->stop(seconds(5));
  EXPECT_LT(SteadyClock::now() - begin, seconds(20));
  client.join();
  ASSERT_EQ(outcomes.size(), 1000u);
  for (int i = 0; i < 1000; ++i) {
    const std::string& o = outcomes[static_cast<std::size_t>(i)];
    if (i % 2 == 0) {
      EXPECT_EQ(o, "ok:" + std::to_string(i));
    } else {
      EXPECT_EQ(o.rfind("transport:", 0), 0u) << o;
      EXPECT_NE(o.find("closed"), std::string::npos) << o;
    }
  }
}

// A handler that never returns: the caller's timeout ends its call, the
// same connection answers the next call, and the server still stops (the
// handler's frame, and its connection, are freed with its loop).
TEST(ServerStop, AHandlerThatNeverReturnsTimesOutItsCallAndTheServerStillStops) {
  auto handler = std::make_shared<StartSignallingHandler>();
  calc::CalcServer server({}, calc::make_processor(handler));
  EventLoop loop;
  ChannelOptions options;
  options.call_timeout = std::chrono::milliseconds(200);
  auto channel = run(loop, calc::connect(loop, server.address(), options));
  CalcClient client(channel);
  std::string result = run(loop, calc::outcome(client.delay(600000, 1)));
  EXPECT_EQ(result.rfind("timeout:", 0), 0u) << result;
  EXPECT_EQ(handler->started.value(), 1u);
  EXPECT_EQ(run(loop, client.add(2, 3)), 5);
  EXPECT_EQ(server.server->connection_count(), 1u) << "the same connection served it";
  auto begin = SteadyClock::now();
  server.server->stop(std::chrono::milliseconds(100));
  EXPECT_LT(SteadyClock::now() - begin, seconds(20));
  // Closed, and nothing listens any more.
  EXPECT_THROW(run(loop, client.add(1, 1)), TransportError);
}

}  // namespace
