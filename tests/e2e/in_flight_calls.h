// The in-flight load shared by the plaintext and TLS tests: 1,000 slow_echo
// calls started at once on one client, later ones sleeping less so that
// replies come back out of order. Call i echoes i * 7919.
#pragma once

#include <cstdint>
#include <vector>

#include <corothrift/when_all.h>

#include "Shapes.h"

namespace e2e_test {

constexpr int kInFlightCalls = 1000;

inline corothrift::Task<std::vector<std::int64_t>> echo_in_flight(e2e::ShapesClient& client) {
  std::vector<corothrift::Task<std::int64_t>> calls;
  calls.reserve(kInFlightCalls);
  for (int i = 0; i < kInFlightCalls; ++i) {
    calls.push_back(client.slow_echo(i * 7919, (kInFlightCalls - i) % 17));
  }
  co_return co_await corothrift::when_all(std::move(calls));
}

}  // namespace e2e_test
