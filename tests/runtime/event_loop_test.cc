#include <corothrift/event_loop.h>
#include <corothrift/log.h>
#include <corothrift/sync_wait.h>
#include <corothrift/task.h>
#include <corothrift/timer.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace corothrift {
namespace {

using namespace std::chrono_literals;

TEST(EventLoop, RunsAFunctionPostedFromAnotherThreadOnTheLoopThread) {
  EventLoop loop;
  std::thread::id ran_on;
  std::thread poster([&] {
    loop.post([&] {
      ran_on = std::this_thread::get_id();
      loop.stop();
    });
  });
  loop.run();
  poster.join();
  EXPECT_EQ(ran_on, std::this_thread::get_id());
}

TEST(EventLoop, RunsManyPostsFromSeveralThreadsExactlyOnce) {
  EventLoop loop;
  constexpr int kThreads = 4;
  constexpr int kPosts = 1000;
  int count = 0;  // touched only on the loop thread
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPosts; ++i) {
        loop.post([&] {
          if (++count == kThreads * kPosts) loop.stop();
        });
      }
    });
  }
  loop.run();
  for (auto& t : threads) t.join();
  EXPECT_EQ(count, kThreads * kPosts);
}

TEST(EventLoop, StopFromAnotherThreadEndsRun) {
  EventLoop loop;
  std::promise<void> running;
  std::future<void> started = running.get_future();
  // Runs on the loop thread during run(); with nothing else to do, the loop
  // then blocks in epoll_wait with no timeout until stop() wakes it.
  loop.post([&] { running.set_value(); });
  std::thread stopper([&] {
    started.wait();
    loop.stop();
  });
  loop.run();
  stopper.join();
  SUCCEED();
}

Task<void> append_after_yields(EventLoop& loop, std::vector<int>& log, int id, int turns) {
  for (int i = 0; i < turns; ++i) {
    log.push_back(id);
    co_await loop.yield();
  }
}

Task<void> stop_after_yields(EventLoop& loop, int turns) {
  for (int i = 0; i < turns; ++i) co_await loop.yield();
  loop.stop();
}

TEST(EventLoop, SpawnedTasksStartOnTheNextTurnAndInterleave) {
  EventLoop loop;
  std::vector<int> log;
  spawn(loop, append_after_yields(loop, log, 1, 2));
  spawn(loop, append_after_yields(loop, log, 2, 2));
  spawn(loop, stop_after_yields(loop, 3));
  EXPECT_TRUE(log.empty());
  loop.run();
  EXPECT_EQ(log, (std::vector<int>{1, 2, 1, 2}));
}

std::mutex g_logged_mutex;
std::vector<std::string> g_logged;

void capture_log(LogLevel, std::string_view message) {
  std::lock_guard lock(g_logged_mutex);
  g_logged.emplace_back(message);
}

Task<void> throws_later(EventLoop& loop) {
  co_await loop.yield();
  throw std::runtime_error("spawned failure");
}

TEST(EventLoop, ASpawnedTasksFailureIsLogged) {
  set_log_sink(&capture_log);
  EventLoop loop;
  spawn(loop, throws_later(loop));
  spawn(loop, stop_after_yields(loop, 3));
  loop.run();
  set_log_sink(nullptr);
  ASSERT_EQ(g_logged.size(), 1u);
  EXPECT_NE(g_logged[0].find("spawned failure"), std::string::npos);
}

struct Flag {
  bool& destroyed;
  ~Flag() { destroyed = true; }
};

Task<void> sleeps_forever(EventLoop& loop, bool& destroyed) {
  Flag flag{destroyed};
  co_await sleep_for(loop, 1h);
}

TEST(EventLoop, DestroysSuspendedSpawnedTasksWithTheLoop) {
  bool destroyed = false;
  {
    EventLoop loop;
    spawn(loop, sleeps_forever(loop, destroyed));
    spawn(loop, stop_after_yields(loop, 2));
    loop.run();
    EXPECT_FALSE(destroyed);
  }
  EXPECT_TRUE(destroyed);
}

Task<int> value_after_sleep(EventLoop& loop) {
  co_await sleep_for(loop, 1ms);
  co_return 42;
}

TEST(EventLoop, SyncWaitDrivesTheLoopUntilTheTaskFinishes) {
  EventLoop loop;
  EXPECT_EQ(sync_wait(loop, value_after_sleep(loop)), 42);
}

// Where EventLoop::current() points before and after a sleep, and inside a
// sync_wait on another loop nested in this task. (An out-parameter: g++ 12
// at -O2 can return a stale copy of a vector co_returned after growing
// across suspensions.)
Task<void> current_loops(EventLoop& loop, EventLoop& inner, std::vector<EventLoop*>& seen) {
  seen.push_back(EventLoop::current());
  co_await sleep_for(loop, 1ms);
  seen.push_back(EventLoop::current());
  seen.push_back(sync_wait(inner, []() -> Task<EventLoop*> { co_return EventLoop::current(); }()));
  seen.push_back(EventLoop::current());
}

TEST(EventLoop, CurrentIsTheLoopRunningOnThisThreadAndNullOutsideAny) {
  EXPECT_EQ(EventLoop::current(), nullptr);
  EventLoop loop;
  EventLoop inner;
  std::vector<EventLoop*> seen;
  sync_wait(loop, current_loops(loop, inner, seen));
  EXPECT_EQ(seen, (std::vector<EventLoop*>{&loop, &loop, &inner, &loop}));
  EXPECT_EQ(EventLoop::current(), nullptr);

  EventLoop* on_thread = nullptr;
  std::thread runner([&] {
    loop.post([&] {
      on_thread = EventLoop::current();
      loop.stop();
    });
    loop.run();
  });
  runner.join();
  EXPECT_EQ(on_thread, &loop);
}

}  // namespace
}  // namespace corothrift
