#include <corothrift/event_loop.h>
#include <corothrift/sync_wait.h>
#include <corothrift/task.h>
#include <corothrift/timer.h>
#include <corothrift/when_all.h>

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace corothrift {
namespace {

using namespace std::chrono_literals;

Task<int> value(int v) { co_return v; }
Task<std::string> text(std::string s) { co_return s; }
Task<void> nothing() { co_return; }

// Appends name, yields to the loop, appends name again.
Task<int> step_twice(EventLoop& loop, std::vector<std::string>& log, std::string name, int v) {
  log.push_back(name);
  co_await loop.yield();
  log.push_back(name);
  co_return v;
}

// Sleeps until base + d: deadlines from one base keep their order even when
// the thread is descheduled between the children's starts.
Task<int> sleep_then(EventLoop& loop, std::vector<int>& order, Clock::time_point base,
                     std::chrono::milliseconds d, int v) {
  co_await sleep_until(loop, base + d);
  order.push_back(v);
  co_return v;
}

Task<int> fail_after_yield(EventLoop& loop, std::string message) {
  co_await loop.yield();
  throw std::runtime_error(message);
}

Task<int> count_after_yield(EventLoop& loop, int& finished) {
  co_await loop.yield();
  co_await loop.yield();
  ++finished;
  co_return 0;
}

TEST(WhenAll, ReturnsATupleOfMixedResultsWithMonostateForVoid) {
  EventLoop loop;
  auto [a, b, c] = sync_wait(loop, when_all(value(1), text("two"), nothing()));
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, "two");
  EXPECT_EQ(c, std::monostate{});
}

TEST(WhenAll, InterleavesChildrenOnTheLoop) {
  EventLoop loop;
  std::vector<std::string> log;
  auto [a, b] =
      sync_wait(loop, when_all(step_twice(loop, log, "a", 1), step_twice(loop, log, "b", 2)));
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 2);
  EXPECT_EQ(log, (std::vector<std::string>{"a", "b", "a", "b"}));
}

TEST(WhenAll, RunsChildrenConcurrentlySoShortSleepsFinishFirst) {
  EventLoop loop;
  std::vector<int> order;
  Clock::time_point base = loop.now();
  auto [a, b, c] = sync_wait(
      loop, when_all(sleep_then(loop, order, base, 30ms, 1), sleep_then(loop, order, base, 10ms, 2),
                     sleep_then(loop, order, base, 20ms, 3)));
  EXPECT_EQ(std::tie(a, b, c), std::make_tuple(1, 2, 3));
  EXPECT_EQ(order, (std::vector<int>{2, 3, 1}));
}

TEST(WhenAll, CollectsAVectorOfTasksInOrder) {
  EventLoop loop;
  std::vector<Task<int>> tasks;
  for (int i = 0; i < 50; ++i) tasks.push_back(value(i));
  std::vector<int> results = sync_wait(loop, when_all(std::move(tasks)));
  ASSERT_EQ(results.size(), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(results[i], i);
}

TEST(WhenAll, AcceptsAnEmptyVector) {
  EventLoop loop;
  EXPECT_TRUE(sync_wait(loop, when_all(std::vector<Task<int>>{})).empty());
}

TEST(WhenAll, RethrowsTheFirstExceptionOnlyAfterAllChildrenFinish) {
  EventLoop loop;
  int finished = 0;
  std::vector<Task<int>> tasks;
  tasks.push_back(fail_after_yield(loop, "first"));
  tasks.push_back(count_after_yield(loop, finished));
  tasks.push_back(fail_after_yield(loop, "second"));
  tasks.push_back(count_after_yield(loop, finished));
  try {
    sync_wait(loop, when_all(std::move(tasks)));
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "first");
  }
  EXPECT_EQ(finished, 2);
}

TEST(WhenAll, TupleFormRethrowsAChildsException) {
  EventLoop loop;
  int finished = 0;
  EXPECT_THROW(
      sync_wait(loop, when_all(count_after_yield(loop, finished), fail_after_yield(loop, "x"))),
      std::runtime_error);
  EXPECT_EQ(finished, 1);
}

}  // namespace
}  // namespace corothrift
