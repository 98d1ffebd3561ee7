// A timeout fails one call, not its connection: another call pending on the
// same connection, and a later one, succeed on the same socket, and the late
// reply to the timed-out call is dropped. A scripted peer answers only when
// the test says so, and counts the connections the client made.
#include <corothrift/channel.h>
#include <corothrift/errors.h>
#include <corothrift/timeout.h>
#include <corothrift/timer.h>
#include <corothrift/when_all.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "calc_fixture.h"
#include "fake_peer.h"
#include "test_events.h"

namespace {

using namespace corothrift;
using calc::CalcClient;
using calc::FakePeer;
using calc::outcome;
using calc::Request;
using calc::run;
using std::chrono::milliseconds;

// Reads the timed-out call and the other one, answers both once the first has
// timed out (its reply first, so it arrives late), then answers one more.
Task<void> answer_after_timeout(FakePeer& peer, calc::LoopEvent& timed_out) {
  Socket socket = co_await peer.listener.accept();
  FramedTransport t(std::move(socket));
  std::vector<Request> requests;
  co_await calc::read_requests(t, 2, requests);
  co_await timed_out.wait();
  co_await calc::reply_sum(t, requests[0]);
  co_await calc::reply_sum(t, requests[1]);
  co_await calc::read_requests(t, 3, requests);
  co_await calc::reply_sum(t, requests[2]);
}

struct Outcomes {
  std::string timed_out;
  std::size_t pending_at_timeout = 0;
  std::string other;
  std::string later;
};

// `first` times out while `second` (started after `delay`) is pending on the
// same connection; then one more call.
Task<void> call_around_a_timeout(EventLoop& loop, CalcClient& client, Task<int32_t> first,
                                 Clock::duration delay, calc::LoopEvent& timed_out, Outcomes& out) {
  auto timing_out = [&]() -> Task<void> {
    out.timed_out = co_await outcome(std::move(first));
    out.pending_at_timeout = client.channel().pending_calls();
    timed_out.set();
  };
  auto other = [&]() -> Task<void> {
    co_await sleep_for(loop, delay);
    out.other = co_await outcome(client.add(2, 2));
  };
  co_await when_all(timing_out(), other());
  out.later = co_await outcome(client.add(3, 4));
}

void expect_only_the_timed_out_call_failed(const Outcomes& out) {
  EXPECT_EQ(out.timed_out.rfind("timeout:", 0), 0u) << out.timed_out;
  EXPECT_EQ(out.pending_at_timeout, 1u);  // the other call was still waiting
  EXPECT_EQ(out.other, "ok:4");           // its own reply, not the late one (2)
  EXPECT_EQ(out.later, "ok:7");
}

// The channel's call_timeout arms a timer per call. The other call starts
// half-way through the first one's timeout, so it is pending when that
// fires and has as long again before its own would.
TEST(ChannelTimeout, ACallTimeoutFailsOnlyItsCallWhileAnotherIsPendingOnTheSameConnection) {
  EventLoop loop;
  FakePeer peer(loop);
  calc::LoopEvent timed_out(loop);
  ChannelOptions options;
  options.call_timeout = std::chrono::seconds(2);
  Outcomes out;
  auto client = [&]() -> Task<void> {
    auto channel = co_await calc::connect(loop, peer.address(), options);
    CalcClient c(channel);
    co_await call_around_a_timeout(loop, c, c.add(1, 1), std::chrono::seconds(1), timed_out, out);
  };
  run(loop, [&]() -> Task<void> {
    co_await when_all(answer_after_timeout(peer, timed_out), client());
  }());
  expect_only_the_timed_out_call_failed(out);
  EXPECT_FALSE(run(loop, peer.has_another_connection(loop)));
}

// A deadline the caller puts on one call (with_timeout) ends that call
// through its cancel scope; the channel has no call_timeout.
TEST(ChannelTimeout, ACallersDeadlineFailsOnlyThatCallWhileAnotherIsPendingOnTheSameConnection) {
  EventLoop loop;
  FakePeer peer(loop);
  calc::LoopEvent timed_out(loop);
  Outcomes out;
  auto client = [&]() -> Task<void> {
    auto channel = co_await calc::connect(loop, peer.address());
    CalcClient c(channel);
    co_await call_around_a_timeout(loop, c, with_timeout(loop, milliseconds(50), c.add(1, 1)),
                                   Clock::duration::zero(), timed_out, out);
  };
  run(loop, [&]() -> Task<void> {
    co_await when_all(answer_after_timeout(peer, timed_out), client());
  }());
  expect_only_the_timed_out_call_failed(out);
  EXPECT_FALSE(run(loop, peer.has_another_connection(loop)));
}

}  // namespace
