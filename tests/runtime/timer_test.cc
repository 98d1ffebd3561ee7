#include <corothrift/event_loop.h>
#include <corothrift/sync_wait.h>
#include <corothrift/task.h>
#include <corothrift/timer.h>
#include <corothrift/when_all.h>

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

namespace corothrift {
namespace {

using namespace std::chrono_literals;

Task<void> sleep_and_record(EventLoop& loop, Clock::time_point deadline, std::vector<int>& log,
                            int id) {
  co_await sleep_until(loop, deadline);
  log.push_back(id);
}

TEST(Timer, FiresInDeadlineOrderRegardlessOfArmingOrder) {
  EventLoop loop;
  std::vector<int> log;
  auto base = loop.now();
  std::vector<Task<void>> tasks;
  for (int id : {5, 1, 4, 2, 3}) tasks.push_back(sleep_and_record(loop, base + id * 3ms, log, id));
  sync_wait(loop, when_all(std::move(tasks)));
  EXPECT_EQ(log, (std::vector<int>{1, 2, 3, 4, 5}));
}

TEST(Timer, EqualDeadlinesFireInArmingOrder) {
  EventLoop loop;
  std::vector<int> log;
  auto deadline = loop.now() + 2ms;
  std::vector<Task<void>> tasks;
  for (int id = 0; id < 20; ++id) tasks.push_back(sleep_and_record(loop, deadline, log, id));
  sync_wait(loop, when_all(std::move(tasks)));
  std::vector<int> expected;
  for (int id = 0; id < 20; ++id) expected.push_back(id);
  EXPECT_EQ(log, expected);
}

Task<Clock::time_point> sleep_then_now(EventLoop& loop, Clock::duration d) {
  co_await sleep_for(loop, d);
  co_return loop.now();
}

TEST(Timer, SleepDoesNotEndBeforeItsDuration) {
  EventLoop loop;
  auto start = loop.now();
  auto end = sync_wait(loop, sleep_then_now(loop, 15ms));
  EXPECT_GE(end - start, 15ms);
}

TEST(Timer, ASleepInThePastCompletesWithoutSuspending) {
  EventLoop loop;
  std::vector<int> log;
  sync_wait(loop, sleep_and_record(loop, loop.now() - 1s, log, 7));
  EXPECT_EQ(log, std::vector<int>{7});
}

int g_fired = 0;

TEST(TimerHeap, RemovedNodesNeverFire) {
  TimerHeap heap;
  std::vector<std::unique_ptr<TimerNode>> nodes;
  g_fired = 0;
  auto base = Clock::now();
  for (int i = 0; i < 100; ++i) {
    nodes.push_back(std::make_unique<TimerNode>([](TimerNode*) { ++g_fired; }));
    heap.push(*nodes.back(), base + std::chrono::microseconds((i * 37) % 100));
  }
  for (int i = 0; i < 100; i += 2) heap.remove(*nodes[i]);
  heap.fire_due(base + 1s);
  EXPECT_EQ(g_fired, 50);
  EXPECT_TRUE(heap.empty());
  for (auto& node : nodes) EXPECT_FALSE(node->queued());
}

}  // namespace
}  // namespace corothrift
