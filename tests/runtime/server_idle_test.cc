// The server's idle timeout: a connection that sends nothing, with no call
// in flight, for idle_timeout is closed; a request pushes the deadline back;
// a call in flight holds it off. The clients are raw sockets, which cannot
// reconnect, so an answer proves the connection itself survived.
//
// "The deadline has passed" is learnt from a witness: a connection opened
// later on the same (single) loop, closed by its own idle timer. The loop
// fires timers in deadline order, so once the witness is closed, the
// earlier deadline of the connection under test has been checked too.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "calc_fixture.h"
#include "parking_handler.h"
#include "raw_peer.h"

namespace {

using namespace corothrift;
using calc::RawClient;
using std::chrono::milliseconds;

ServerOptions one_loop(milliseconds idle_timeout) {
  ServerOptions options;
  options.threads = 1;
  options.idle_timeout = idle_timeout;
  return options;
}

TEST(ServerIdle, ClosesAConnectionIdleForTheIdleTimeout) {
  calc::CalcServer server(one_loop(milliseconds(100)));
  RawClient idle(server.server->port());
  EXPECT_TRUE(idle.closed_by_server());
}

// Requests half an idle period apart keep a connection open past the
// deadline it had before each (the first one is the connection's first
// bytes, the second a later request: both reading paths reset the clock).
// The only timing in this file: the half-period sleep that places each
// request, with half a period of slack either side.
TEST(ServerIdle, EachRequestPushesTheIdleDeadlineBack) {
  constexpr milliseconds kIdle{1000};
  calc::CalcServer server(one_loop(kIdle));
  RawClient conn(server.server->port());
  for (int round = 0; round < 2; ++round) {
    RawClient witness(server.server->port());
    std::this_thread::sleep_for(kIdle / 2);
    EXPECT_EQ(calc::add_on(conn, round, 1), round + 1) << "round " << round;
    EXPECT_TRUE(witness.closed_by_server());
    // The deadline from before the request has passed, and the same
    // connection still answers.
    EXPECT_EQ(calc::add_on(conn, 10, round), 10 + round) << "round " << round;
  }
}

TEST(ServerIdle, KeepsAConnectionWhoseCallOutlastsTheIdleTimeout) {
  auto handler = std::make_shared<calc::ParkingHandler>();
  calc::CalcServer server(one_loop(milliseconds(100)), calc::make_processor(handler));
  calc::ReleaseAtExit release{*handler};
  RawClient conn(server.server->port());
  calc::TwoInts args;
  args.b = 7;
  conn.send(calc::framed(calc::message(ProtocolKind::Binary, "delay", MessageType::Call, 1, args)));
  EXPECT_TRUE(handler->parked.wait_for(1));
  {
    RawClient witness(server.server->port());
    EXPECT_TRUE(witness.closed_by_server());  // conn's idle timer has fired, call in flight
  }
  handler->release_all();
  EXPECT_EQ(calc::read_add_reply(conn), 7);  // delay's reply has add's shape
}

}  // namespace
