#include <corothrift/errors.h>
#include <corothrift/event_loop.h>
#include <corothrift/socket.h>
#include <corothrift/sync_wait.h>
#include <corothrift/task.h>
#include <corothrift/timeout.h>
#include <corothrift/timer.h>
#include <corothrift/when_all.h>

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <string_view>

namespace corothrift {
namespace {

using namespace std::chrono_literals;

Task<int> read_one(Socket& socket) {
  std::array<std::byte, 16> buf;
  std::size_t n = co_await socket.read_some(buf);
  co_return static_cast<int>(n);
}

Task<void> send_text(Socket& socket, std::string_view text) {
  co_await socket.write_all(std::as_bytes(std::span(text.data(), text.size())));
}

Task<int> sleep_long(EventLoop& loop, bool& cancelled_seen) {
  try {
    co_await sleep_for(loop, 1h);
  } catch (const CancelledError&) {
    cancelled_seen = true;
    throw;
  }
  co_return 1;
}

Task<int> quick(EventLoop& loop) {
  co_await sleep_for(loop, 1ms);
  co_return 5;
}

TEST(Timeout, CancelsAPendingReadAndThrowsTimeoutError) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  auto start = loop.now();
  EXPECT_THROW(sync_wait(loop, with_timeout(loop, 10ms, read_one(a))), TimeoutError);
  EXPECT_GE(loop.now() - start, 10ms);
  // The read no longer waits on the fd: a new read on the same socket works.
  EXPECT_FALSE(a.watch().waiting(Interest::kRead));
  sync_wait(loop, send_text(b, "x"));
  EXPECT_EQ(sync_wait(loop, read_one(a)), 1);
}

TEST(Timeout, CancelsASleepAndReleasesItsTimer) {
  EventLoop loop;
  bool cancelled_seen = false;
  EXPECT_THROW(sync_wait(loop, with_timeout(loop, 5ms, sleep_long(loop, cancelled_seen))),
               TimeoutError);
  EXPECT_TRUE(cancelled_seen);
}

TEST(Timeout, ReturnsTheResultWhenTheTaskFinishesInTime) {
  EventLoop loop;
  EXPECT_EQ(sync_wait(loop, with_timeout(loop, 30s, quick(loop))), 5);
}

Task<int> inner_timeout_inside_outer(EventLoop& loop, bool& cancelled_seen) {
  co_return co_await with_timeout(loop, 1h, sleep_long(loop, cancelled_seen));
}

TEST(Timeout, AnOuterTimeoutCancelsWorkUnderAnInnerOne) {
  EventLoop loop;
  bool cancelled_seen = false;
  EXPECT_THROW(
      sync_wait(loop, with_timeout(loop, 5ms, inner_timeout_inside_outer(loop, cancelled_seen))),
      TimeoutError);
  EXPECT_TRUE(cancelled_seen);
}

Task<int> keeps_going_after_cancel(EventLoop& loop) {
  try {
    co_await sleep_for(loop, 1h);
  } catch (const CancelledError&) {
  }
  // The scope stays cancelled: the next cancellable wait fails at once.
  co_await sleep_for(loop, 1h);
  co_return 0;
}

TEST(Timeout, OperationsStartedInACancelledScopeFailImmediately) {
  EventLoop loop;
  // Without the scope check the second one-hour sleep would hang the test.
  EXPECT_THROW(sync_wait(loop, with_timeout(loop, 5ms, keeps_going_after_cancel(loop))),
               TimeoutError);
}

Task<void> accept_one(Listener& listener) { Socket s = co_await listener.accept(); }

TEST(Timeout, CancelsAPendingAcceptAndTheListenerStillAccepts) {
  EventLoop loop;
  Listener listener = Listener::bind(loop, Address::ipv4("127.0.0.1", 0));
  EXPECT_THROW(sync_wait(loop, with_timeout(loop, 5ms, accept_one(listener))), TimeoutError);
  Address address = listener.local_address();
  auto connect_one = [](EventLoop& l, Address a) -> Task<void> {
    Socket s = co_await connect(l, a, 1s);
  };
  sync_wait(loop, when_all(accept_one(listener), connect_one(loop, address)));
}

struct SetOnDestroy {
  bool& flag;
  ~SetOnDestroy() { flag = true; }
};

Task<void> read_forever(Socket socket, bool& destroyed) {
  SetOnDestroy guard{destroyed};
  std::array<std::byte, 16> buf;
  for (;;) co_await socket.read_some(buf);
}

Task<void> stop_soon(EventLoop& loop) {
  co_await loop.yield();
  loop.stop();
}

TEST(Timeout, DestroyingALoopWithAPendingReadUnregistersAndClosesTheSocket) {
  bool destroyed = false;
  {
    EventLoop loop;
    auto [a, b] = socket_pair(loop);
    spawn(loop, read_forever(std::move(a), destroyed));
    spawn(loop, stop_soon(loop));
    loop.run();
    EXPECT_FALSE(destroyed);
  }  // b closes first, then the loop destroys the reader's frame and its Socket
  EXPECT_TRUE(destroyed);
}

TEST(CancelScope, CancellingAParentCancelsItsChildren) {
  CancelScope parent;
  CancelScope child(&parent);
  CancelScope grandchild(&child);
  parent.cancel();
  EXPECT_TRUE(child.cancelled());
  EXPECT_TRUE(grandchild.cancelled());
}

TEST(CancelScope, AChildMadeUnderACancelledParentStartsCancelled) {
  CancelScope parent;
  parent.cancel();
  CancelScope child(&parent);
  EXPECT_TRUE(child.cancelled());
}

}  // namespace
}  // namespace corothrift
