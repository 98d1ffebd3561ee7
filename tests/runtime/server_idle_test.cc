// The server's idle timeout: a connection that sends nothing, with no call
// in flight, for idle_timeout is closed; arriving bytes push the deadline
// back; a call in flight, or a reply still being written to a slow reader,
// holds it off, and the clock restarts when it ends.
// The clients are raw sockets, which cannot reconnect, so an answer proves
// the connection itself survived.
//
// "The deadline has passed" is learnt from a witness: a connection opened
// later on the same (single) loop, closed by its own idle timer. The loop
// fires timers in deadline order, so once the witness is closed, the
// earlier deadline of the connection under test has been checked too.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "calc_fixture.h"
#include "parking_handler.h"
#include "raw_peer.h"

namespace {

using namespace corothrift;
using calc::RawClient;
using std::chrono::milliseconds;

ServerOptions one_loop(milliseconds idle_timeout) {
  ServerOptions options = calc::one_loop();
  options.idle_timeout = idle_timeout;
  return options;
}

TEST(ServerIdle, ClosesAConnectionIdleForTheIdleTimeout) {
  calc::CalcServer server(one_loop(milliseconds(100)));
  RawClient idle(server.server->port());
  EXPECT_TRUE(idle.closed_by_server());
}

// Bytes arriving half an idle period apart keep a connection open past the
// deadline it had before them, even before they make up a request (a call's
// end also restarts the clock, see below; a part of a request is only
// bytes). The first part is the connection's first bytes, the second part
// of a later frame: both reading paths reset the clock. The only timing
// here: the half-period sleep that places each part, with half a period of
// slack either side.
TEST(ServerIdle, ArrivingBytesPushTheIdleDeadlineBackBeforeTheyMakeARequest) {
  constexpr milliseconds kIdle{1000};
  calc::CalcServer server(one_loop(kIdle));
  RawClient conn(server.server->port());
  for (int round = 0; round < 2; ++round) {
    RawClient witness(server.server->port());
    std::this_thread::sleep_for(kIdle / 2);
    std::string call = calc::add_call(round, 1);
    EXPECT_TRUE(conn.send(call.substr(0, 3)));  // not even a frame length
    EXPECT_TRUE(witness.closed_by_server());
    // The deadline from before those bytes has passed, and the same
    // connection takes the rest of the call and answers.
    EXPECT_TRUE(conn.send(call.substr(3)));
    EXPECT_EQ(calc::read_add_reply(conn), round + 1) << "round " << round;
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

// Idle time counts from the last call's end, not from its request: a call
// that outlasted the idle timeout is not followed by a close at the next
// tick of the idle timer. With idle timeout I, the call's handler is
// released at 1.5 I after connecting, and the connection must still answer
// at 2.25 I (the timer ticks at about I and 2 I; counting from the request,
// the tick at 2 I would close it). A quarter of I of slack either side.
TEST(ServerIdle, TheIdleClockRestartsWhenTheLastCallInFlightFinishes) {
  using SteadyClock = std::chrono::steady_clock;
  constexpr milliseconds kIdle{2000};
  auto handler = std::make_shared<calc::ParkingHandler>();
  calc::CalcServer server(one_loop(kIdle), calc::make_processor(handler));
  calc::ReleaseAtExit release{*handler};
  RawClient conn(server.server->port());
  auto connected = SteadyClock::now();
  calc::TwoInts args;
  args.b = 7;
  conn.send(calc::framed(calc::message(ProtocolKind::Binary, "delay", MessageType::Call, 1, args)));
  EXPECT_TRUE(handler->parked.wait_for(1));
  std::this_thread::sleep_until(connected + kIdle * 3 / 2);
  handler->release_all();
  EXPECT_EQ(calc::read_add_reply(conn), 7);
  std::this_thread::sleep_until(connected + kIdle * 9 / 4);
  EXPECT_EQ(calc::add_on(conn, 1, 2), 3);
  EXPECT_LT(SteadyClock::now() - connected, kIdle * 5 / 2);  // the check came in time
}

// A reply the peer reads slowly is not idleness: the call has ended, but the
// reply (12 MiB, more than the socket buffers hold, to a reader with a 4 KiB
// receive buffer) is still being written when the idle timer fires, and it
// must arrive whole. The reply's first bytes tell the test the call has
// ended (the last activity before the stall); the witness, opened after
// that, tells it the deadline has passed.
TEST(ServerIdle, KeepsAConnectionWhileAReplyIsStillBeingWrittenToASlowReader) {
  calc::CalcServer server(one_loop(milliseconds(100)));
  constexpr std::size_t kSize = 12 * 1024 * 1024;
  calc::Calc_echo_args args;
  args.value = calc::pattern(kSize, 3);
  // Built before connecting: the request arrives well inside the timeout.
  const std::string call =
      calc::framed(calc::message(ProtocolKind::Binary, "echo", MessageType::Call, 1, args));
  RawClient conn(server.server->port(), 4096);
  std::thread sender([&] { conn.send(call); });
  std::string length = conn.read(4);
  sender.join();
  ASSERT_EQ(length.size(), 4u);
  {
    RawClient witness(server.server->port());
    EXPECT_TRUE(witness.closed_by_server());
  }
  std::size_t n = 0;
  for (char c : length) n = (n << 8) | static_cast<uint8_t>(c);
  std::string body = conn.read(n);
  ASSERT_EQ(body.size(), n) << "the reply was cut off";
  ReadBuffer in(body);
  BinaryReader r(in);
  EXPECT_EQ(r.read_message_begin().type, MessageType::Reply);
  calc::Calc_echo_result result;
  result.read(r);
  EXPECT_TRUE(result.value == args.value);
  // Idle from when the reply was out: the server closes the connection.
  EXPECT_TRUE(conn.closed_by_server());
}

}  // namespace
