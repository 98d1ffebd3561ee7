// TLS end-to-end fixtures: a test PKI made once per test binary (a CA, a
// server certificate for localhost and 127.0.0.1, a client certificate), a
// Shapes server whose hello() answers with the caller's verified certificate,
// and a capture of the server's log to wait for the reason it gave when it
// closed a connection.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include <corothrift/channel.h>
#include <corothrift/log.h>
#include <corothrift/server.h>
#include <corothrift/tls/tls_context.h>
#include <corothrift/tls/tls_stream.h>

#include "Shapes.h"
#include "run_bounded.h"
#include "shapes_handler.h"
#include "test_pki.h"

namespace e2e_test {

struct Pki {
  TestCa ca{"corothrift test CA"};
  TestCa other_ca{"some other CA"};
  corothrift::tls::CertificateKey server =
      ca.issue({"server", {"localhost"}, {"127.0.0.1"}, {}, -3600, 86400});
  corothrift::tls::CertificateKey client =
      ca.issue({"client", {"client.corothrift.test"}, {}, {"spiffe://test/client"}, -3600, 86400});

  static const Pki& get() {
    static const Pki pki;
    return pki;
  }
};

// hello(name) answers "<subject>|<dns names>|<ip>|<uris>" of the caller's
// certificate, or "anonymous": what a service authorising callers reads.
class IdentityHandler : public ShapesHandler {
 public:
  corothrift::Task<e2e::base::Greeting> hello(std::string name) override {
    const corothrift::tls::PeerIdentity* peer = corothrift::tls::current_peer();
    e2e::base::Greeting greeting;
    greeting.text = peer != nullptr ? describe(*peer) : "anonymous";
    greeting.count = static_cast<std::int32_t>(name.size());
    co_return greeting;
  }

  static std::string describe(const corothrift::tls::PeerIdentity& peer) {
    auto join = [](const std::vector<std::string>& items) {
      std::string out;
      for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
      return out;
    };
    return peer.subject + "|" + join(peer.dns_names) + "|" + join(peer.ip_addresses) + "|" +
           join(peer.uris);
  }
};

// Every server log line, for tests that wait for a connection's close reason.
class LogCapture {
 public:
  LogCapture() {
    corothrift::set_log_level(corothrift::LogLevel::kInfo);
    corothrift::set_log_sink(&sink);
  }
  ~LogCapture() {
    corothrift::set_log_sink(nullptr);
    corothrift::set_log_level(corothrift::LogLevel::kWarn);
  }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  // Waits (bounded) for a line containing every needle; returns it, or "".
  std::string wait_for(std::vector<std::string_view> needles) {
    std::unique_lock lock(state().mutex);
    std::string found;
    state().changed.wait_for(lock, std::chrono::seconds(20), [&] {
      for (const std::string& line : state().lines) {
        bool all = true;
        for (std::string_view n : needles) all = all && line.find(n) != std::string::npos;
        if (all) {
          found = line;
          return true;
        }
      }
      return false;
    });
    return found;
  }
  void clear() {
    std::lock_guard lock(state().mutex);
    state().lines.clear();
  }

 private:
  struct State {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::string> lines;
  };
  static State& state() {
    static State s;
    return s;
  }
  static void sink(corothrift::LogLevel, std::string_view message) {
    // COROTHRIFT_TEST_ECHO=1 shows what the server said, for reading.
    if (std::getenv("COROTHRIFT_TEST_ECHO"))
      std::fprintf(stderr, "log: %.*s\n", int(message.size()), message.data());
    {
      std::lock_guard lock(state().mutex);
      state().lines.emplace_back(message);
    }
    state().changed.notify_all();
  }
};

// A Shapes server (IdentityHandler) over TLS on 127.0.0.1, two loops.
class TlsShapesServer {
 public:
  explicit TlsShapesServer(corothrift::tls::TlsServerOptions tls,
                           corothrift::ProtocolKind protocol = corothrift::ProtocolKind::Binary,
                           corothrift::TransportKind transport = corothrift::TransportKind::Framed,
                           corothrift::StreamWrapper below = {})
      : TlsShapesServer(std::move(tls), one_wire(protocol, transport), std::move(below)) {}
  // With the server's own options; their wrap_stream is set here.
  TlsShapesServer(corothrift::tls::TlsServerOptions tls, corothrift::ServerOptions options,
                  corothrift::StreamWrapper below = {})
      : context(std::move(tls)) {
    if (below) {
      options.wrap_stream = [below, tls_context = context](corothrift::Socket socket) {
        return tls_context.wrap(below(std::move(socket)));
      };
    } else {
      options.wrap_stream = context.wrapper();
    }
    server = std::make_unique<corothrift::Server>(make_processor(handler), options);
    server->listen(corothrift::Address::ipv4("127.0.0.1", 0));
    server->start();
  }
  ~TlsShapesServer() { server->stop(std::chrono::seconds(1)); }

  corothrift::Address address() const {
    return corothrift::Address::ipv4("127.0.0.1", server->port());
  }

  // The options of a server of one wire (no detection), two loops.
  static corothrift::ServerOptions one_wire(corothrift::ProtocolKind protocol,
                                            corothrift::TransportKind transport) {
    corothrift::ServerOptions options;
    options.protocol = protocol;
    options.transport = transport;
    options.auto_detect = false;
    options.threads = 2;
    return options;
  }

  corothrift::tls::ServerContext context;
  std::shared_ptr<IdentityHandler> handler = std::make_shared<IdentityHandler>();
  std::unique_ptr<corothrift::Server> server;
};

inline corothrift::tls::TlsServerOptions server_tls(bool mutual) {
  const Pki& pki = Pki::get();
  corothrift::tls::TlsServerOptions tls;
  tls.certificate = pki.server;
  if (mutual) {
    tls.client_certificate = corothrift::tls::ClientCertificate::kRequire;
    tls.client_ca_file = pki.ca.certificate_pem();
  }
  return tls;
}

inline corothrift::tls::TlsClientOptions client_tls(bool mutual) {
  const Pki& pki = Pki::get();
  corothrift::tls::TlsClientOptions tls;
  tls.ca_file = pki.ca.certificate_pem();
  if (mutual) tls.certificate = pki.client;
  return tls;
}

// Connects a ShapesClient over TLS and runs one call; returns the error
// text of the first failure, or "" when the call succeeded.
inline corothrift::Task<std::string> hello_error(corothrift::EventLoop& loop,
                                                 corothrift::Address address,
                                                 corothrift::ChannelOptions options) {
  try {
    auto client = co_await e2e::ShapesClient::connect(loop, address, options);
    e2e::base::Greeting g = co_await client.hello("x");
    (void)g;
    co_return std::string();
  } catch (const std::exception& e) {
    if (std::getenv("COROTHRIFT_TEST_ECHO")) std::fprintf(stderr, "call failed: %s\n", e.what());
    co_return std::string(e.what());
  }
}

}  // namespace e2e_test
