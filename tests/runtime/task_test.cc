#include <corothrift/event_loop.h>
#include <corothrift/sync_wait.h>
#include <corothrift/task.h>

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace corothrift {
namespace {

Task<int> add(int a, int b) { co_return a + b; }

Task<int> add_twice(int a) {
  int x = co_await add(a, a);
  int y = co_await add(x, 1);
  co_return y;
}

Task<void> fail(std::string message) {
  throw std::runtime_error(message);
  co_return;
}

Task<int> fail_int() {
  co_await fail("inner");
  co_return 1;
}

Task<std::unique_ptr<int>> make_unique_value(int v) { co_return std::make_unique<int>(v); }

Task<void> record(std::vector<int>& log, int value) {
  log.push_back(value);
  co_return;
}

TEST(Task, ReturnsTheCoroutinesValueToTheAwaiter) {
  EventLoop loop;
  EXPECT_EQ(sync_wait(loop, add(2, 3)), 5);
  EXPECT_EQ(sync_wait(loop, add_twice(4)), 9);
}

TEST(Task, DoesNotRunUntilAwaited) {
  EventLoop loop;
  std::vector<int> log;
  Task<void> task = record(log, 1);
  EXPECT_TRUE(log.empty());
  sync_wait(loop, std::move(task));
  EXPECT_EQ(log, std::vector<int>{1});
}

TEST(Task, RethrowsTheCoroutinesExceptionAtTheAwait) {
  EventLoop loop;
  EXPECT_THROW(sync_wait(loop, fail("boom")), std::runtime_error);
  try {
    sync_wait(loop, fail_int());
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "inner");
  }
}

TEST(Task, CarriesMoveOnlyResults) {
  EventLoop loop;
  auto value = sync_wait(loop, make_unique_value(7));
  ASSERT_TRUE(value);
  EXPECT_EQ(*value, 7);
}

TEST(Task, DestroyingAnUnstartedTaskReleasesItsFrameWithoutRunningIt) {
  std::vector<int> log;
  { Task<void> task = record(log, 1); }
  EXPECT_TRUE(log.empty());
}

TEST(Task, MoveAssignmentTransfersOwnership) {
  EventLoop loop;
  Task<int> a = add(1, 1);
  Task<int> b = add(2, 2);
  a = std::move(b);
  EXPECT_FALSE(b.valid());  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(sync_wait(loop, std::move(a)), 4);
}

Task<int> resumes_after_yield(EventLoop& loop, int v) {
  co_await loop.yield();
  co_return v * 10;
}

Task<int> awaits_suspending_child(EventLoop& loop) {
  int a = co_await resumes_after_yield(loop, 1);
  int b = co_await resumes_after_yield(loop, 2);
  co_return a + b;
}

TEST(Task, ResumesTheParentAfterAChildReallySuspended) {
  EventLoop loop;
  EXPECT_EQ(sync_wait(loop, awaits_suspending_child(loop)), 30);
}

struct Aggregate {
  int a;
  int b;
};

Task<Aggregate> braced_return() { co_return {1, 2}; }

TEST(Task, AcceptsBracedReturnValues) {
  EventLoop loop;
  Aggregate value = sync_wait(loop, braced_return());
  EXPECT_EQ(value.a, 1);
  EXPECT_EQ(value.b, 2);
}

}  // namespace
}  // namespace corothrift
