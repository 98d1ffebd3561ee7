// A Shapes server on 127.0.0.1 (port 0, two loops) speaking one protocol and
// transport, and a client on the test thread's loop; every client task is
// bounded by a timeout so a lost reply fails the test instead of hanging it.
// Each wire runs twice: over plain sockets, and over ChoppedStreams on both
// sides (the ByteStream seam, with every message split across many reads
// and writes).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include <corothrift/address.h>
#include <corothrift/channel.h>
#include <corothrift/event_loop.h>
#include <corothrift/server.h>

#include "Shapes.h"
#include "chopped_stream.h"
#include "run_bounded.h"
#include "shapes_handler.h"

namespace e2e_test {

struct Wire {
  corothrift::ProtocolKind protocol;
  corothrift::TransportKind transport;
  bool chopped = false;  // both ends over ChoppedStream
};

inline std::string wire_name(const testing::TestParamInfo<Wire>& info) {
  return std::string(corothrift::protocol_kind_name(info.param.protocol)) + "_" +
         std::string(corothrift::transport_kind_name(info.param.transport)) +
         (info.param.chopped ? "_chopped" : "");
}

inline const auto kAllWires = testing::Values(
    Wire{corothrift::ProtocolKind::Binary, corothrift::TransportKind::Framed},
    Wire{corothrift::ProtocolKind::Binary, corothrift::TransportKind::Unframed},
    Wire{corothrift::ProtocolKind::Compact, corothrift::TransportKind::Framed},
    Wire{corothrift::ProtocolKind::Compact, corothrift::TransportKind::Unframed},
    Wire{corothrift::ProtocolKind::Binary, corothrift::TransportKind::Framed, true},
    Wire{corothrift::ProtocolKind::Binary, corothrift::TransportKind::Unframed, true},
    Wire{corothrift::ProtocolKind::Compact, corothrift::TransportKind::Framed, true},
    Wire{corothrift::ProtocolKind::Compact, corothrift::TransportKind::Unframed, true},
    Wire{corothrift::ProtocolKind::Binary, corothrift::TransportKind::Header},
    Wire{corothrift::ProtocolKind::Compact, corothrift::TransportKind::Header, true},
    Wire{corothrift::ProtocolKind::Binary, corothrift::TransportKind::Http},
    Wire{corothrift::ProtocolKind::Compact, corothrift::TransportKind::Http, true});

class ShapesTest : public testing::TestWithParam<Wire> {
 protected:
  void SetUp() override {
    corothrift::ServerOptions options;
    options.protocol = GetParam().protocol;
    options.transport = GetParam().transport;
    // Only the configured wire: a mismatch must fail, not be detected away.
    options.auto_detect = false;
    options.threads = 2;
    if (GetParam().chopped) options.wrap_stream = ChoppedStream::wrapper(3, server_stream_calls_);
    server_ = std::make_unique<corothrift::Server>(make_processor(handler_), options);
    server_->listen(corothrift::Address::ipv4("127.0.0.1", 0));
    server_->start();
  }
  void TearDown() override {
    server_->stop(std::chrono::seconds(1));
    // A chopped run that never went through the streams proves nothing.
    if (GetParam().chopped) {
      EXPECT_GT(server_stream_calls_.load(), 0u);
      EXPECT_GT(client_stream_calls_.load(), 0u);
    }
  }

  corothrift::Address address() const {
    return corothrift::Address::ipv4("127.0.0.1", server_->port());
  }
  corothrift::ChannelOptions channel_options() const {
    corothrift::ChannelOptions options;
    options.protocol = GetParam().protocol;
    options.transport = GetParam().transport;
    options.call_timeout = std::chrono::seconds(10);
    if (GetParam().chopped) options.wrap_stream = ChoppedStream::wrapper(0, client_stream_calls_);
    return options;
  }
  e2e::ShapesClient connect() {
    return run(e2e::ShapesClient::connect(loop_, address(), channel_options()));
  }
  template <class T>
  T run(corothrift::Task<T> task) {
    return e2e_test::run(loop_, std::move(task));
  }

  // Primitive calls made on the chopped streams of each side.
  std::atomic<std::size_t> server_stream_calls_{0};
  mutable std::atomic<std::size_t> client_stream_calls_{0};  // counted by channel_options() streams
  std::shared_ptr<ShapesHandler> handler_ = std::make_shared<ShapesHandler>();
  std::unique_ptr<corothrift::Server> server_;
  corothrift::EventLoop loop_;
};

}  // namespace e2e_test
