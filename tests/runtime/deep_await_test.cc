// A million awaits in a row that complete synchronously must not grow the
// stack (see task.h). Built once more at -O0 with ASan when
// COROTHRIFT_ASAN_TESTS is on (runtime_deep_await_asan).
#include <corothrift/event_loop.h>
#include <corothrift/sync_wait.h>
#include <corothrift/task.h>

#include <gtest/gtest.h>

#include <cstdint>

namespace corothrift {
namespace {

constexpr int kAwaits = 1'000'000;

Task<int> one() { co_return 1; }
Task<void> nothing() { co_return; }

Task<std::int64_t> sum_of_ones() {
  std::int64_t sum = 0;
  for (int i = 0; i < kAwaits; ++i) sum += co_await one();
  co_return sum;
}

Task<int> count_voids() {
  int count = 0;
  for (int i = 0; i < kAwaits; ++i) {
    co_await nothing();
    ++count;
  }
  co_return count;
}

Task<int> nested_one() { co_return co_await one(); }

Task<std::int64_t> sum_of_nested() {
  std::int64_t sum = 0;
  for (int i = 0; i < kAwaits; ++i) sum += co_await nested_one();
  co_return sum;
}

Task<int> yield_many(EventLoop& loop, int n) {
  int count = 0;
  for (int i = 0; i < n; ++i) {
    co_await loop.yield();
    ++count;
  }
  co_return count;
}

Task<int> awaits_suspending_children(EventLoop& loop) {
  int total = 0;
  for (int i = 0; i < 100'000; ++i) total += co_await yield_many(loop, 1);
  co_return total;
}

TEST(DeepAwait, AMillionSynchronousValueAwaitsDoNotGrowTheStack) {
  EventLoop loop;
  EXPECT_EQ(sync_wait(loop, sum_of_ones()), kAwaits);
}

TEST(DeepAwait, AMillionSynchronousVoidAwaitsDoNotGrowTheStack) {
  EventLoop loop;
  EXPECT_EQ(sync_wait(loop, count_voids()), kAwaits);
}

TEST(DeepAwait, AMillionTwoLevelSynchronousAwaitsDoNotGrowTheStack) {
  EventLoop loop;
  EXPECT_EQ(sync_wait(loop, sum_of_nested()), kAwaits);
}

TEST(DeepAwait, ManyChildrenThatReallySuspendResumeTheirParentEachTime) {
  EventLoop loop;
  EXPECT_EQ(sync_wait(loop, awaits_suspending_children(loop)), 100'000);
}

}  // namespace
}  // namespace corothrift
