// The generated blocking client (ShapesSyncClient), for code that is not a
// coroutine: it owns its loop and runs each call to completion.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <corothrift/exception.h>

#include "e2e_fixture.h"

namespace e2e_test {
namespace {

using SyncClient = ShapesTest;

TEST_P(SyncClient, CallsReturnValuesRethrowDeclaredExceptionsAndReachInheritedMethods) {
  e2e::ShapesSyncClient client(address(), channel_options());
  EXPECT_EQ(client.lookup("abcd"), (e2e::Point{4, -4}));
  EXPECT_THROW(client.lookup("missing"), e2e::NotFound);
  EXPECT_THROW(client.fail_undeclared("no"), corothrift::TApplicationException);
  client.record("sync");
  EXPECT_EQ(client.recorded(), std::vector<std::string>{"sync"});
  EXPECT_EQ(client.hello("sync").text, "hello, sync");
}

TEST_P(SyncClient, AMovedClientKeepsItsConnection) {
  e2e::ShapesSyncClient first(address(), channel_options());
  EXPECT_EQ(first.slow_echo(1, 0), 1);
  e2e::ShapesSyncClient second = std::move(first);
  EXPECT_EQ(second.slow_echo(2, 1), 2);
}

INSTANTIATE_TEST_SUITE_P(Wires, SyncClient, kAllWires, wire_name);

}  // namespace
}  // namespace e2e_test
