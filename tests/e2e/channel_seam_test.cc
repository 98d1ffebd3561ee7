// The Channel seam: a generated client over a Channel written by the user
// (a proto-interceptor that records each call and passes it on to a
// ClientChannel), as pools and interceptor chains will be.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <corothrift/exception.h>
#include <corothrift/request_channel.h>

#include "e2e_fixture.h"

namespace e2e_test {
namespace {

// Records "call <method>" / "oneway <method>" and how each call ended, may
// set a timeout on every call, and otherwise passes the three values on
// unchanged.
class RecordingChannel final : public corothrift::Channel {
 public:
  explicit RecordingChannel(std::shared_ptr<corothrift::Channel> next) : next_(std::move(next)) {}

  corothrift::Task<void> request_response(corothrift::OutgoingRequest request,
                                          corothrift::ReplyDecoder reply,
                                          corothrift::CallOptions options) override {
    log.push_back("call " + std::string(request.method));
    if (timeout) options.timeout = timeout;
    try {
      co_await next_->request_response(request, reply, options);
    } catch (...) {
      log.push_back("failed " + std::string(request.method));
      throw;
    }
    log.push_back("replied " + std::string(request.method));
  }

  corothrift::Task<void> request_oneway(corothrift::OutgoingRequest request,
                                        corothrift::CallOptions options) override {
    log.push_back("oneway " + std::string(request.method));
    co_await next_->request_oneway(request, options);
  }

  corothrift::EventLoop& loop() const noexcept override { return next_->loop(); }

  std::vector<std::string> log;
  std::optional<std::chrono::milliseconds> timeout;

 private:
  std::shared_ptr<corothrift::Channel> next_;
};

using ChannelSeam = ShapesTest;

TEST_P(ChannelSeam, AGeneratedClientCallsThroughAUserWrittenChannelThatPassesCallsOn) {
  auto connection = run(corothrift::ClientChannel::connect(loop_, address(), channel_options()));
  auto recording = std::make_shared<RecordingChannel>(connection);
  e2e::ShapesClient client(recording);

  EXPECT_EQ(run(client.slow_echo(42, 0)), 42);
  // An undeclared failure reaches the channel as TApplicationException.
  EXPECT_THROW(run(client.fail_undeclared("no")), corothrift::TApplicationException);
  run(client.record("seen"));
  EXPECT_THROW(run(client.check(7)), e2e::NotFound);
  EXPECT_EQ(run(client.recorded()), std::vector<std::string>{"seen"});
  // A parent service's method, through the parent client's channel.
  EXPECT_EQ(run(client.hello("ann")).text, "hello, ann");

  // A declared exception travels inside the result: the channel sees a
  // reply, the generated client throws it.
  std::vector<std::string> want = {
      "call slow_echo",   "replied slow_echo", "call fail_undeclared", "failed fail_undeclared",
      "oneway record",    "call check",        "replied check",        "call recorded",
      "replied recorded", "call hello",        "replied hello"};
  EXPECT_EQ(recording->log, want);
  EXPECT_EQ(client.channel().get(), recording.get());
  EXPECT_EQ(connection->pending_calls(), 0u);
}

TEST_P(ChannelSeam, ACallsOwnTimeoutOverridesTheChannelsDefaultAndFailsThatCallOnly) {
  // The channel's default (channel_options) is 10 s; this call may wait 50 ms.
  auto connection = run(corothrift::ClientChannel::connect(loop_, address(), channel_options()));
  auto recording = std::make_shared<RecordingChannel>(connection);
  e2e::ShapesClient client(recording);
  recording->timeout = std::chrono::milliseconds(50);
  EXPECT_THROW(run(client.slow_echo(1, 2000)), corothrift::TimeoutError);

  recording->timeout.reset();
  EXPECT_EQ(run(client.slow_echo(2, 0)), 2);
  EXPECT_TRUE(connection->connected());
}

INSTANTIATE_TEST_SUITE_P(Wires, ChannelSeam, kAllWires, wire_name);

}  // namespace
}  // namespace e2e_test
