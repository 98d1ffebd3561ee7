// Every wire over TLS, one-way and mutual, with and without a stream below
// TLS that splits every read and write into a few bytes (so records arrive
// in pieces): calls of each shape work, the handler sees the verified
// client certificate, and 1,000 calls share one TLS connection.
#include <atomic>
#include <cstdint>
#include <vector>

#include <corothrift/when_all.h>

#include "chopped_stream.h"
#include "in_flight_calls.h"
#include "tls_fixture.h"

namespace e2e_test {
namespace {

struct TlsWire {
  corothrift::ProtocolKind protocol;
  corothrift::TransportKind transport;
  bool mutual;
  bool chopped;
};

std::string tls_wire_name(const testing::TestParamInfo<TlsWire>& info) {
  return std::string(corothrift::protocol_kind_name(info.param.protocol)) + "_" +
         std::string(corothrift::transport_kind_name(info.param.transport)) +
         (info.param.mutual ? "_mutual" : "_oneway") + (info.param.chopped ? "_chopped" : "");
}

std::vector<TlsWire> all_tls_wires() {
  std::vector<TlsWire> wires;
  for (auto p : {corothrift::ProtocolKind::Binary, corothrift::ProtocolKind::Compact}) {
    for (auto t : {corothrift::TransportKind::Framed, corothrift::TransportKind::Unframed}) {
      for (bool mutual : {false, true}) {
        for (bool chopped : {false, true}) wires.push_back({p, t, mutual, chopped});
      }
    }
  }
  return wires;
}

class TlsWires : public testing::TestWithParam<TlsWire> {
 protected:
  TlsWires()
      : server_(server_tls(GetParam().mutual), GetParam().protocol, GetParam().transport,
                GetParam().chopped ? ChoppedStream::wrapper(3, server_chops_)
                                   : corothrift::StreamWrapper{}),
        client_context_(client_tls(GetParam().mutual)) {}

  void TearDown() override {
    if (GetParam().chopped) {
      EXPECT_GT(server_chops_.load(), 0u);
      EXPECT_GT(client_chops_.load(), 0u);
    }
  }

  corothrift::ChannelOptions options() {
    corothrift::ChannelOptions o;
    o.protocol = GetParam().protocol;
    o.transport = GetParam().transport;
    o.call_timeout = std::chrono::seconds(20);
    if (GetParam().chopped) {
      o.wrap_stream = [below = ChoppedStream::wrapper(0, client_chops_), tls = client_context_](
                          corothrift::Socket socket) { return tls.wrap(below(std::move(socket))); };
    } else {
      o.wrap_stream = client_context_.wrapper();
    }
    return o;
  }
  e2e::ShapesClient connect() {
    return run(loop_, e2e::ShapesClient::connect(loop_, server_.address(), options()));
  }

  std::atomic<std::size_t> server_chops_{0};
  std::atomic<std::size_t> client_chops_{0};
  TlsShapesServer server_;
  corothrift::tls::ClientContext client_context_;
  corothrift::EventLoop loop_;
};

corothrift::Task<void> calls_of_every_shape(e2e::ShapesClient& client) {
  e2e::Bag bag;
  bag.tags = {"a", std::string(70000, 'b')};  // larger than one TLS record
  bag.blob = corothrift::Binary(std::string(5000, 'z'));
  e2e::Bag echoed = co_await client.echo_bag(bag);
  EXPECT_EQ(echoed, bag);
  try {
    co_await client.check(7);
    ADD_FAILURE() << "NotFound was not thrown";
  } catch (const e2e::NotFound& e) {
    EXPECT_EQ(e.code, 7);
  }
  co_await client.record("oneway over TLS");
  std::vector<std::string> recorded = co_await client.recorded();
  EXPECT_EQ(recorded, std::vector<std::string>{"oneway over TLS"});
}

TEST_P(TlsWires, CallsOfEveryShapeWorkOverTls) {
  e2e::ShapesClient client = connect();
  run(loop_, calls_of_every_shape(client));
}

TEST_P(TlsWires, TheHandlerSeesTheVerifiedClientCertificateOnlyUnderMutualTls) {
  e2e::ShapesClient client = connect();
  e2e::base::Greeting g = run(loop_, client.hello("who"));
  if (GetParam().mutual) {
    EXPECT_EQ(g.text, "CN=client,O=corothrift tests|client.corothrift.test||spiffe://test/client");
  } else {
    EXPECT_EQ(g.text, "anonymous");
  }
}

TEST_P(TlsWires, AThousandCallsInFlightOnOneTlsConnectionEachGetTheirOwnReply) {
  auto channel =
      run(loop_, corothrift::ClientChannel::connect(loop_, server_.address(), options()));
  e2e::ShapesClient client(channel);
  std::vector<std::int64_t> got = run(loop_, echo_in_flight(client));
  ASSERT_EQ(got.size(), static_cast<std::size_t>(kInFlightCalls));
  for (int i = 0; i < kInFlightCalls; ++i)
    EXPECT_EQ(got[i], std::int64_t{i} * 7919) << "call " << i;
  EXPECT_EQ(channel->pending_calls(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Wires, TlsWires, testing::ValuesIn(all_tls_wires()), tls_wire_name);

TEST(TlsSyncClient, TheGeneratedSyncClientTakesTlsThroughChannelOptions) {
  TlsShapesServer server(server_tls(true));
  corothrift::tls::ClientContext context(client_tls(true));
  corothrift::ChannelOptions options;
  options.wrap_stream = context.wrapper("localhost");
  e2e::ShapesSyncClient client(server.address(), options);
  EXPECT_EQ(client.hello("abc").count, 3);
}

}  // namespace
}  // namespace e2e_test
