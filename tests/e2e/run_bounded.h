// Runs a client task on the test thread's loop, bounded so that a lost reply
// fails the test (TimeoutError) instead of hanging it.
#pragma once

#include <chrono>

#include <corothrift/event_loop.h>
#include <corothrift/sync_wait.h>
#include <corothrift/task.h>
#include <corothrift/timeout.h>

namespace e2e_test {

template <class T>
T run(corothrift::EventLoop& loop, corothrift::Task<T> task) {
  return corothrift::sync_wait(
      loop, corothrift::with_timeout(loop, std::chrono::seconds(30), std::move(task)));
}

}  // namespace e2e_test
