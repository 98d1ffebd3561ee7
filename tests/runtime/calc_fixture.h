// Test scaffolding shared by the channel/server suites: a Server serving the
// hand-written Calc service on 127.0.0.1 (port 0), and a bounded way to run a
// client task on the test thread's loop.
#pragma once

#include <corothrift/address.h>
#include <corothrift/channel.h>
#include <corothrift/event_loop.h>
#include <corothrift/server.h>
#include <corothrift/sync_wait.h>
#include <corothrift/timeout.h>

#include <chrono>
#include <memory>
#include <thread>
#include <utility>

#include "calc_service.h"

namespace calc {

inline std::shared_ptr<corothrift::Processor> make_processor(std::shared_ptr<CalcHandler> handler) {
  return std::make_shared<CalcProcessor>(std::move(handler));
}

// Server options with a single event loop (CalcServer's default is two):
// for tests that count what one loop does, or need one order of events.
inline corothrift::ServerOptions one_loop() {
  corothrift::ServerOptions options;
  options.threads = 1;
  return options;
}

struct CalcServer {
  explicit CalcServer(corothrift::ServerOptions options = {},
                      std::shared_ptr<corothrift::Processor> processor = nullptr) {
    if (options.threads == 0) options.threads = 2;
    if (!processor) processor = make_processor(handler);
    server = std::make_unique<corothrift::Server>(std::move(processor), options);
    server->listen(corothrift::Address::ipv4("127.0.0.1", 0));
    server->start();
  }
  corothrift::Address address() const {
    return corothrift::Address::ipv4("127.0.0.1", server->port());
  }

  std::shared_ptr<TestHandler> handler = std::make_shared<TestHandler>();
  std::unique_ptr<corothrift::Server> server;
};

// Runs task on loop, failing with TimeoutError if it takes longer than 30 s.
template <class T>
T run(corothrift::EventLoop& loop, corothrift::Task<T> task) {
  return corothrift::sync_wait(
      loop, corothrift::with_timeout(loop, std::chrono::seconds(30), std::move(task)));
}

inline corothrift::Task<std::shared_ptr<corothrift::ClientChannel>> connect(
    corothrift::EventLoop& loop, corothrift::Address address, corothrift::ChannelOptions options) {
  return corothrift::ClientChannel::connect(loop, std::move(address), std::move(options));
}
inline corothrift::Task<std::shared_ptr<corothrift::ClientChannel>> connect(
    corothrift::EventLoop& loop, corothrift::Address address) {
  return corothrift::ClientChannel::connect(loop, std::move(address));
}

// Polls `done` (with the loop running) for at most `limit`.
template <class F>
bool eventually(corothrift::EventLoop& loop, F done,
                std::chrono::milliseconds limit = std::chrono::seconds(5)) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    corothrift::sync_wait(loop, [](corothrift::EventLoop& l) -> corothrift::Task<void> {
      co_await corothrift::sleep_for(l, std::chrono::milliseconds(2));
    }(loop));
  }
  return true;
}

// Calls f(options) once for each protocol and transport, options set to them.
template <class F>
void for_each_wire(F f) {
  for (corothrift::ProtocolKind protocol :
       {corothrift::ProtocolKind::Binary, corothrift::ProtocolKind::Compact,
        corothrift::ProtocolKind::Json}) {
    for (corothrift::TransportKind transport :
         {corothrift::TransportKind::Framed, corothrift::TransportKind::Unframed}) {
      corothrift::ChannelOptions options;
      options.protocol = protocol;
      options.transport = transport;
      f(options);
    }
  }
}

// `size` bytes that differ with `seed`, to tell payloads apart.
inline corothrift::Binary pattern(std::size_t size, int seed) {
  corothrift::Binary data;
  data.storage().resize(size);
  for (std::size_t i = 0; i < size; ++i) {
    data.storage()[i] = static_cast<char>((i * 31 + static_cast<std::size_t>(seed)) & 0xff);
  }
  return data;
}

}  // namespace calc
