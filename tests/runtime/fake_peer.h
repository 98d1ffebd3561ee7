// Scripted peers for ClientChannel tests: a listener on the test's own loop
// (a Unix socket, or TCP on 127.0.0.1 where a test needs connect() to
// suspend), and helpers to read Calc requests and answer them by hand.
#pragma once

#include <corothrift/detail/binary_protocol.h>
#include <corothrift/detail/transport.h>
#include <corothrift/errors.h>
#include <corothrift/socket.h>
#include <corothrift/timeout.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <span>
#include <string>
#include <vector>

#include "calc_service.h"

namespace calc {

inline std::string temp_socket_path() {
  static std::atomic<int> counter{0};
  return "/tmp/corothrift-channel-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
         ".sock";
}

enum class PeerKind { Unix, Tcp };

// A listener whose Unix socket file is removed at the end of the test.
struct FakePeer {
  explicit FakePeer(corothrift::EventLoop& loop, PeerKind kind = PeerKind::Unix) {
    if (kind == PeerKind::Unix) {
      path = temp_socket_path();
      ::unlink(path.c_str());
      listener = corothrift::Listener::bind(loop, corothrift::Address::unix_path(path));
    } else {
      listener = corothrift::Listener::bind(loop, corothrift::Address::ipv4("127.0.0.1", 0));
    }
  }
  ~FakePeer() {
    if (!path.empty()) ::unlink(path.c_str());
  }
  corothrift::Address address() const {
    return path.empty() ? listener.local_address() : corothrift::Address::unix_path(path);
  }
  // True if a connection is waiting to be accepted. A client's connect()
  // completes before the accept, so this counts every connection a client
  // made, with no waiting: the accept either succeeds at once or is
  // abandoned after 1 ms.
  corothrift::Task<bool> has_another_connection(corothrift::EventLoop& loop) {
    try {
      corothrift::Socket extra =
          co_await corothrift::with_timeout(loop, std::chrono::milliseconds(1), accept_one());
      co_return true;
    } catch (const corothrift::TimeoutError&) {
      co_return false;
    }
  }

  std::string path;
  corothrift::Listener listener;

 private:
  corothrift::Task<corothrift::Socket> accept_one() { co_return co_await listener.accept(); }
};

struct Request {
  corothrift::MessageHeader header;
  TwoInts args;
};

inline Request decode(std::span<const std::byte> frame) {
  corothrift::ReadBuffer in(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(frame.data()), frame.size()));
  corothrift::BinaryReader r(in);
  Request req;
  req.header = r.read_message_begin();
  req.args.read(r);
  return req;
}

inline corothrift::Task<void> reply_sum(corothrift::FramedTransport& t, const Request& req) {
  corothrift::WriteBuffer out;
  corothrift::BinaryWriter w(out);
  w.write_message_begin(req.header.name, corothrift::MessageType::Reply, req.header.seqid);
  Calc_add_result result;
  result.value = req.args.a + req.args.b;
  result.write(w);
  co_await t.write_frame(std::as_bytes(out.bytes()));
}

// Fills an out-parameter: g++ 12 at -O2 returned a stale copy of a local
// vector grown across suspensions when it was co_returned.
inline corothrift::Task<void> read_requests(corothrift::FramedTransport& t, std::size_t n,
                                            std::vector<Request>& requests) {
  while (requests.size() < n) {
    std::span<const std::byte> frame = co_await t.read_frame();
    requests.push_back(decode(frame));
  }
}

// Completes when the client has closed (or shut down) its end.
inline corothrift::Task<void> wait_for_close(corothrift::FramedTransport& t) {
  try {
    for (;;) co_await t.read_frame();
  } catch (const corothrift::TransportError&) {
  }
}

// "ok:<value>" or "<kind>:<what>" for one call.
inline corothrift::Task<std::string> outcome(corothrift::Task<int32_t> call) {
  try {
    int32_t value = co_await std::move(call);
    co_return "ok:" + std::to_string(value);
  } catch (const corothrift::TimeoutError& e) {
    co_return std::string("timeout:") + e.what();
  } catch (const corothrift::TransportError& e) {
    co_return std::string("transport:") + e.what();
  } catch (const corothrift::TApplicationException& e) {
    co_return std::string("app:") + e.what();
  }
}

}  // namespace calc
