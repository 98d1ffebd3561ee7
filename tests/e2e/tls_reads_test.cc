// How a TLS stream reads: it skips an SSL_read that could only find nothing
// (OpenSSL holds no bytes and the socket below is drained), and it keeps
// SSL_get_error honest when other code on the loop thread leaves OpenSSL
// errors behind. Both are there for speed (tls_stream.cc); these tests pin
// the cases where a wrong shortcut would stall or break a connection.
#include <corothrift/forwarding_stream.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <vector>

#include "chopped_stream.h"
#include "in_flight_calls.h"
#include "tls_fixture.h"

namespace e2e_test {
namespace {

// Below TLS, a stream that reads everything the socket has into a buffer of
// its own and hands it up one byte per read: after each record OpenSSL holds
// nothing while the socket is drained, yet bytes are waiting here. A TLS
// stream that took "socket drained" for "nothing to read" would stall.
class HoardingStream final : public corothrift::ForwardingStream {
 public:
  explicit HoardingStream(std::unique_ptr<corothrift::ByteStream> inner)
      : ForwardingStream(std::move(inner)) {}

  corothrift::IoResult try_read(std::span<std::byte> buffer) noexcept override {
    if (next_ == held_.size()) {
      held_.resize(kHoard);
      corothrift::IoResult r = inner_->try_read(held_);
      held_.resize(r.status == corothrift::IoStatus::kDone ? r.bytes : 0);
      next_ = 0;
      if (r.status != corothrift::IoStatus::kDone) return r;
    }
    buffer[0] = held_[next_++];
    return {1, corothrift::IoStatus::kDone};
  }
  corothrift::IoResult try_write(std::span<const iovec> pieces) noexcept override {
    return inner_->try_write(pieces);
  }

 private:
  static constexpr std::size_t kHoard = 64 * 1024;
  std::vector<std::byte> held_;
  std::size_t next_ = 0;
};

corothrift::StreamWrapper hoarding() {
  return [](corothrift::Socket socket) {
    return std::make_unique<HoardingStream>(
        std::make_unique<corothrift::Socket>(std::move(socket)));
  };
}

corothrift::ChannelOptions tls_channel(const corothrift::tls::ClientContext& context) {
  corothrift::ChannelOptions options;
  options.wrap_stream = context.wrapper();
  options.call_timeout = std::chrono::seconds(20);
  return options;
}

TEST(TlsReads, RecordsHeldByAStreamBelowTlsAreReadWithoutANewEdge) {
  TlsShapesServer server(server_tls(false), corothrift::ProtocolKind::Binary,
                         corothrift::TransportKind::Framed, hoarding());
  corothrift::tls::ClientContext context(client_tls(false));
  corothrift::EventLoop loop;
  auto channel =
      run(loop, corothrift::ClientChannel::connect(loop, server.address(), tls_channel(context)));
  e2e::ShapesClient client(channel);
  std::vector<std::int64_t> got = run(loop, echo_in_flight(client));
  ASSERT_EQ(got.size(), static_cast<std::size_t>(kInFlightCalls));
  for (int i = 0; i < kInFlightCalls; ++i) ASSERT_EQ(got[i], std::int64_t{i} * 7919) << i;
}

// Leaves an error in its loop thread's OpenSSL queue on every call, as a
// handler that used libcrypto and did not clear up would.
class ErrorLeavingHandler : public IdentityHandler {
 public:
  corothrift::Task<e2e::Bag> echo_bag(e2e::Bag bag) override {
    ERR_raise(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
    co_return bag;
  }
};

TEST(TlsReads, OpenSslErrorsLeftOnALoopThreadByOtherCodeBreakNoConnection) {
  corothrift::tls::ServerContext server_context(server_tls(false));
  corothrift::ServerOptions options;
  options.wrap_stream = server_context.wrapper();
  options.threads = 1;
  corothrift::Server server(make_processor(std::make_shared<ErrorLeavingHandler>()), options);
  server.listen(corothrift::Address::ipv4("127.0.0.1", 0));
  server.start();
  corothrift::tls::ClientContext context(client_tls(false));
  // The client writes in small pieces, so the server's reads meet partial
  // records and ask OpenSSL what their -1 meant (SSL_get_error), as the
  // client's do for the 200 KB replies.
  std::atomic<std::size_t> chops{0};
  corothrift::ChannelOptions channel = tls_channel(context);
  channel.wrap_stream = [below = ChoppedStream::wrapper(0, chops),
                         context](corothrift::Socket socket) {
    return context.wrap(below(std::move(socket)));
  };
  corothrift::EventLoop loop;
  auto client =
      run(loop, e2e::ShapesClient::connect(
                    loop, corothrift::Address::ipv4("127.0.0.1", server.port()), channel));
  e2e::Bag bag;
  bag.blob = corothrift::Binary(std::string(200 * 1024, 'b'));
  for (int i = 0; i < 3; ++i) {
    ERR_raise(ERR_LIB_SSL, SSL_R_BAD_LENGTH);  // and on the client's loop thread
    EXPECT_EQ(run(loop, client.echo_bag(bag)), bag) << "call " << i;
  }
  ERR_clear_error();
  server.stop(std::chrono::seconds(1));
}

}  // namespace
}  // namespace e2e_test
