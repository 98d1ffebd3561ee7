// The load generator's engine: one thread, one epoll loop, C connections with
// D calls in flight on each (closed loop: every checked reply sends the next
// call on its slot). Latency is measured per call from queueing the request
// to parsing its reply; only calls answered inside the measured window count.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "load/call_codec.h"
#include "load/histogram.h"

namespace bench {

struct LoadOptions {
  uint16_t port = 9090;
  int connections = 1;
  int inflight = 1;  // at most kMaxInflight
  std::chrono::milliseconds duration{3000};
  std::chrono::milliseconds warmup{500};
  CallKind call = CallKind::kAdd;
  size_t payload_bytes = 0;
  Wire wire = Wire::kFramed;
  // Each thread drives its share of the connections with its own loop.
  int threads = 1;
};

inline constexpr int kMaxInflight = 4096;

struct LoadResult {
  uint64_t calls = 0;        // answered and checked inside the measured window
  uint64_t calls_total = 0;  // answered and checked, warm-up included
  double seconds = 0;
  Histogram latency_ns;
  uint64_t errors = 0;            // replies that failed a check
  uint64_t connect_failures = 0;  // attempts that were refused or reset
  uint64_t reconnects = 0;        // connections the server dropped (or we did, on an error)
  uint64_t lost_calls = 0;        // calls in flight on a dropped connection
  std::string first_error;
};

// Runs for warmup + duration on options.threads threads, then returns the
// merged result; throws std::system_error when a
// socket call fails for a reason other than the peer going away.
LoadResult run_load(const LoadOptions& options);

}  // namespace bench
