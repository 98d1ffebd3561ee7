// Many calls in flight on one connection. Our server answers them as they
// complete; Apache's and thriftpy's servers read one request at a time and
// answer in order. Either way every reply must reach its own call.
#include <cstdint>
#include <string>
#include <vector>

#include <corothrift/when_all.h>

#include "thrift_test_cases.h"

namespace thrift_test {
namespace {

constexpr int kCalls = 1000;

corothrift::Task<void> in_flight(Client& client, Checker& check) {
  std::vector<corothrift::Task<std::int32_t>> calls;
  calls.reserve(kCalls);
  for (int i = 0; i < kCalls; ++i) calls.push_back(client.testI32(i * 7919 - 3000000));
  std::vector<std::int32_t> got = co_await corothrift::when_all(std::move(calls));
  int wrong = 0;
  for (int i = 0; i < kCalls; ++i) {
    if (got[i] != i * 7919 - 3000000 && wrong++ == 0) {
      check.fail("inFlight", "call " + std::to_string(i) + " got " + std::to_string(got[i]));
    }
  }
  if (wrong > 1) check.fail("inFlight", std::to_string(wrong) + " replies reached the wrong call");
}

}  // namespace

corothrift::Task<void> run_in_flight_case(Client& client, Checker& check) {
  co_await check.run("inFlight", in_flight(client, check));
}

}  // namespace thrift_test
