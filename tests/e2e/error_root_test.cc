// One exception root: every exception corothrift throws or generates is a
// corothrift::Error, and a real failed call of each kind is caught by it.
#include <chrono>
#include <exception>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>

#include <corothrift/errors.h>
#include <corothrift/exception.h>

#include "Unserved.h"
#include "e2e_fixture.h"

namespace e2e_test {
namespace {

template <class... Ts>
constexpr bool all_derive_from_error = (std::is_base_of_v<corothrift::Error, Ts> && ...);

static_assert(all_derive_from_error<
              corothrift::RuntimeError, corothrift::TransportError, corothrift::ConnectionClosed,
              corothrift::FrameTooLarge, corothrift::TimeoutError, corothrift::CancelledError,
              corothrift::ProtocolError, corothrift::ThriftException,
              corothrift::TApplicationException, e2e::NotFound, e2e::Forbidden>);
// Existing catch sites of the standard bases keep working.
static_assert(std::is_base_of_v<std::runtime_error, corothrift::Error>);
static_assert(std::is_base_of_v<std::exception, e2e::NotFound>);

// Runs the call; returns what it threw if `catch (const corothrift::Error&)`
// caught it (anything else escapes and fails the test).
template <class T>
std::exception_ptr caught_by_root(corothrift::EventLoop& loop, corothrift::Task<T> task) {
  try {
    e2e_test::run(loop, std::move(task));
  } catch (const corothrift::Error&) {
    return std::current_exception();
  }
  return nullptr;
}

template <class Expected>
bool is_a(std::exception_ptr error) {
  if (!error) return false;
  try {
    std::rethrow_exception(error);
  } catch (const Expected&) {
    return true;
  } catch (...) {
  }
  return false;
}

using ErrorRoot = ShapesTest;

TEST_P(ErrorRoot, an_unknown_method_is_caught_as_Error) {
  auto channel = run(corothrift::ClientChannel::connect(loop_, address(), channel_options()));
  e2e::UnservedClient unserved(channel);
  EXPECT_TRUE(is_a<corothrift::TApplicationException>(caught_by_root(loop_, unserved.missing())));
}

TEST_P(ErrorRoot, a_declared_idl_exception_is_caught_as_Error) {
  auto shapes = connect();
  EXPECT_TRUE(is_a<e2e::NotFound>(caught_by_root(loop_, shapes.lookup("missing"))));
}

TEST_P(ErrorRoot, a_timed_out_call_is_caught_as_Error) {
  auto options = channel_options();
  options.call_timeout = std::chrono::milliseconds(50);
  auto shapes = run(e2e::ShapesClient::connect(loop_, address(), options));
  EXPECT_TRUE(is_a<corothrift::TimeoutError>(caught_by_root(loop_, shapes.slow_echo(1, 2000))));
}

TEST_P(ErrorRoot, a_call_on_a_connection_the_server_closed_is_caught_as_Error) {
  auto shapes = connect();
  EXPECT_EQ(run(shapes.slow_echo(3, 0)), 3);
  server_->stop(std::chrono::milliseconds(0));
  // ConnectionClosed, or the refused reconnect's TransportError.
  EXPECT_TRUE(is_a<corothrift::TransportError>(caught_by_root(loop_, shapes.slow_echo(4, 0))));
}

INSTANTIATE_TEST_SUITE_P(Wire, ErrorRoot,
                         testing::Values(Wire{corothrift::ProtocolKind::Binary,
                                              corothrift::TransportKind::Framed}),
                         wire_name);

}  // namespace
}  // namespace e2e_test
