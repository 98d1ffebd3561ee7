// Many calls in flight on one connection to our server: every reply reaches
// its own call, whatever order they come back in.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include <corothrift/when_all.h>

#include "e2e_fixture.h"
#include "in_flight_calls.h"

namespace e2e_test {
namespace {

using InFlight = ShapesTest;

TEST_P(InFlight, AThousandConcurrentCallsOnOneConnectionEachGetTheirOwnReply) {
  auto channel = run(corothrift::ClientChannel::connect(loop_, address(), channel_options()));
  e2e::ShapesClient client(channel);
  std::vector<std::int64_t> got = run(echo_in_flight(client));
  ASSERT_EQ(got.size(), static_cast<std::size_t>(kInFlightCalls));
  for (int i = 0; i < kInFlightCalls; ++i)
    EXPECT_EQ(got[i], std::int64_t{i} * 7919) << "call " << i;
  EXPECT_EQ(channel->pending_calls(), 0u);
}

corothrift::Task<void> mixed(e2e::ShapesClient& client, int i) {
  if (i % 3 == 0) {
    try {
      co_await client.check(i + 1);
      ADD_FAILURE() << "call " << i << ": NotFound was not thrown";
    } catch (const e2e::NotFound& e) {
      EXPECT_EQ(e.code, i + 1);
    }
  } else {
    std::int64_t got = co_await client.slow_echo(i, i % 5);
    EXPECT_EQ(got, i);
  }
}

TEST_P(InFlight, ExceptionsAndValuesInterleavedOnOneConnectionStayWithTheirCalls) {
  auto client = connect();
  std::vector<corothrift::Task<void>> calls;
  for (int i = 0; i < 300; ++i) calls.push_back(mixed(client, i));
  run(corothrift::when_all(std::move(calls)));
}

INSTANTIATE_TEST_SUITE_P(Wires, InFlight, kAllWires, wire_name);

}  // namespace
}  // namespace e2e_test
