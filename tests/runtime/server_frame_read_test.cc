// The server's frame-read timeout: a message whose bytes have started to
// arrive must be complete within frame_read_timeout, however steadily its
// bytes trickle in (slowloris), or its connection is closed with a logged
// reason; a connection with no message arriving is not touched by it, and
// it is on by default, apart from the idle timeout (off by default).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <thread>

#include "calc_fixture.h"
#include "raw_peer.h"

namespace {

using namespace corothrift;
using calc::RawClient;
using std::chrono::milliseconds;

ServerOptions one_loop(milliseconds frame_read_timeout) {
  ServerOptions options;
  options.threads = 1;
  options.frame_read_timeout = frame_read_timeout;
  return options;
}

// Sends `bytes` one byte every `gap` until all are sent, the server has
// gone, or `stop` is set; returns how many were sent.
std::size_t trickle(RawClient& raw, const std::string& bytes, milliseconds gap,
                    const std::atomic<bool>& stop) {
  std::size_t sent = 0;
  while (sent < bytes.size() && !stop) {
    if (!raw.send(bytes.substr(sent, 1))) break;
    ++sent;
    std::this_thread::sleep_for(gap);  // the slowloris' pace, not a wait for an event
  }
  return sent;
}

TEST(ServerFrameRead, ProtectsByDefaultWhileTheIdleTimeoutStaysOff) {
  ServerOptions defaults;
  EXPECT_EQ(defaults.frame_read_timeout, std::chrono::seconds(30));
  EXPECT_EQ(defaults.idle_timeout.count(), 0);
}

// One byte every 20 ms, each well inside any idle timeout, of a 1,000-byte
// call that would take 20 s to finish: the 200 ms frame-read timeout closes
// the connection long before, and says why; another connection is served.
TEST(ServerFrameRead, ClosesAConnectionThatTricklesAMessageOneByteAtATime) {
  calc::LogCapture log;
  calc::CalcServer server(one_loop(milliseconds(200)));
  RawClient good(server.server->port());
  calc::Calc_echo_args args;
  args.value = calc::pattern(1000, 1);
  const std::string call =
      calc::framed(calc::message(ProtocolKind::Binary, "echo", MessageType::Call, 1, args));
  RawClient slow(server.server->port());
  std::atomic<bool> stop{false};
  std::size_t sent = 0;
  std::thread sender([&] { sent = trickle(slow, call, milliseconds(20), stop); });
  EXPECT_TRUE(slow.closed_by_server());
  stop = true;
  sender.join();
  EXPECT_LT(sent, call.size());
  EXPECT_TRUE(log.contains("frame_read_timeout of 200 ms")) << "no logged reason";
  EXPECT_EQ(calc::add_on(good, 2, 3), 5);
}

// The frame's length is in and the body trickles: the reader asked for the
// whole frame, so only the timer sees those bytes; the same holds for a
// message that follows a whole call in the same bytes, which is answered.
TEST(ServerFrameRead, ClosesAConnectionWhoseNextMessageStallsAfterAWholeCall) {
  calc::LogCapture log;
  calc::CalcServer server(one_loop(milliseconds(200)));
  RawClient stalled(server.server->port());
  std::string next = calc::add_call(5, 6, 2);
  ASSERT_TRUE(stalled.send(calc::add_call(1, 2) + next.substr(0, 6)));
  EXPECT_EQ(calc::read_add_reply(stalled), 3);
  EXPECT_TRUE(stalled.closed_by_server());
  EXPECT_TRUE(log.contains("frame_read_timeout of 200 ms"));
}

// A connection that sends nothing is idle, not slow: the frame-read timeout
// leaves it open. The witness, a connection opened later that stalls
// half-way through a frame, is closed by its own frame-read timeout; by
// then the quiet connection has been checked several times over.
TEST(ServerFrameRead, LeavesAConnectionWithNoMessageArrivingOpen) {
  calc::CalcServer server(one_loop(milliseconds(100)));
  RawClient quiet(server.server->port());
  EXPECT_EQ(calc::add_on(quiet, 1, 1), 2);
  for (int round = 0; round < 3; ++round) {
    RawClient witness(server.server->port());
    ASSERT_TRUE(witness.send(calc::add_call(1, 1).substr(0, 2)));
    EXPECT_TRUE(witness.closed_by_server());
  }
  EXPECT_EQ(calc::add_on(quiet, 20, 22), 42);
}

// 0 turns it off: a message half sent stays pending, and the rest of it is
// answered after a witness with the timeout on would have been closed.
TEST(ServerFrameRead, ZeroTurnsItOff) {
  calc::CalcServer off(one_loop(milliseconds(0)));
  calc::CalcServer on(one_loop(milliseconds(100)));
  RawClient slow(off.server->port());
  std::string call = calc::add_call(3, 4);
  ASSERT_TRUE(slow.send(call.substr(0, 6)));
  RawClient witness(on.server->port());
  ASSERT_TRUE(witness.send(call.substr(0, 6)));
  EXPECT_TRUE(witness.closed_by_server());
  // Two more periods of the witness' timer, on the timer of `off`'s loop.
  RawClient witness2(on.server->port());
  ASSERT_TRUE(witness2.send(call.substr(0, 6)));
  EXPECT_TRUE(witness2.closed_by_server());
  ASSERT_TRUE(slow.send(call.substr(6)));
  EXPECT_EQ(calc::read_add_reply(slow), 7);
}

}  // namespace
