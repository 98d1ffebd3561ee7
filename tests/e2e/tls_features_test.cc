// Certificate reload while serving, SNI-based certificate selection, and
// client session resumption.
#include <atomic>
#include <thread>

#include "tls_fixture.h"

namespace e2e_test {
namespace {

using corothrift::tls::ClientContext;
using corothrift::tls::TlsServerOptions;
using corothrift::tls::TlsStream;

// A client wrapper that remembers the last TLS stream it made (valid while
// its channel lives), to read what the client saw of the server.
corothrift::StreamWrapper recording(const ClientContext& context, std::string name,
                                    TlsStream*& last) {
  return [context, name, &last](corothrift::Socket socket) {
    auto stream = context.wrap(std::make_unique<corothrift::Socket>(std::move(socket)), name);
    last = dynamic_cast<TlsStream*>(stream.get());
    return stream;
  };
}

class TlsFeatures : public testing::Test {
 protected:
  // Connects, makes one call, and returns the common name the server's
  // certificate carried (the channel stays open in `keep` when given).
  std::string server_name_seen(const TlsShapesServer& server, const ClientContext& context,
                               const std::string& name = "localhost",
                               std::shared_ptr<corothrift::ClientChannel>* keep = nullptr,
                               bool* resumed = nullptr) {
    TlsStream* last = nullptr;
    corothrift::ChannelOptions options;
    options.wrap_stream = recording(context, name, last);
    auto channel = run(loop_, corothrift::ClientChannel::connect(loop_, server.address(), options));
    e2e::ShapesClient client(channel);
    (void)run(loop_, client.hello("x"));
    std::string cn = last != nullptr && last->peer() ? last->peer()->common_name : "";
    if (resumed != nullptr) *resumed = last != nullptr && last->session_reused();
    if (keep != nullptr) *keep = channel;
    return cn;
  }

  const Pki& pki_ = Pki::get();
  corothrift::EventLoop loop_;
};

TEST_F(TlsFeatures, ReloadServesNewConnectionsTheNewCertificateAndLeavesOpenOnesAlone) {
  TempDir dir;
  auto a = pki_.ca.issue({"server-a", {"localhost"}, {"127.0.0.1"}, {}});
  auto b = pki_.ca.issue({"server-b", {"localhost"}, {"127.0.0.1"}, {}});
  write_file(dir.file("server.crt"), a.certificate_chain);
  write_file(dir.file("server.key"), a.private_key);
  TlsServerOptions options = server_tls(false);
  options.certificate = {dir.file("server.crt"), dir.file("server.key")};
  TlsShapesServer server(options);
  ClientContext context(client_tls(false));

  std::shared_ptr<corothrift::ClientChannel> old_channel;
  EXPECT_EQ(server_name_seen(server, context, "localhost", &old_channel), "server-a");

  write_file(dir.file("server.crt"), b.certificate_chain);
  write_file(dir.file("server.key"), b.private_key);
  server.context.reload();
  EXPECT_EQ(server_name_seen(server, context), "server-b");
  // The connection made before the reload still works.
  e2e::ShapesClient old_client(old_channel);
  EXPECT_EQ(run(loop_, old_client.hello("still")).count, 5);

  // A broken file is refused, and the loaded certificate stays.
  write_file(dir.file("server.key"), "not a key");
  EXPECT_THROW(server.context.reload(), corothrift::tls::TlsConfigError);
  EXPECT_EQ(server_name_seen(server, context), "server-b");
}

corothrift::Task<int> calls_on_new_connections(corothrift::EventLoop& loop,
                                               corothrift::Address address,
                                               corothrift::ChannelOptions options, int count) {
  int ok = 0;
  for (int i = 0; i < count; ++i) {
    auto client = co_await e2e::ShapesClient::connect(loop, address, options);
    e2e::base::Greeting g = co_await client.hello("reload");
    if (g.count == 6) ++ok;
  }
  co_return ok;
}

TEST_F(TlsFeatures, ReloadingUnderLoadFailsNoCall) {
  auto a = pki_.ca.issue({"server-a", {"localhost"}, {"127.0.0.1"}, {}});
  auto b = pki_.ca.issue({"server-b", {"localhost"}, {"127.0.0.1"}, {}});
  TlsServerOptions options = server_tls(false);
  options.certificate = a;
  TlsShapesServer server(options);
  ClientContext context(client_tls(false));
  corothrift::ChannelOptions channel;
  channel.wrap_stream = context.wrapper();

  std::atomic<bool> done{false};
  std::atomic<int> reloads{0};
  std::thread reloader([&] {
    while (!done.load()) {
      TlsServerOptions next = options;
      next.certificate = reloads.fetch_add(1) % 2 == 0 ? b : a;
      server.context.reload(next);
    }
  });
  int ok = run(loop_, calls_on_new_connections(loop_, server.address(), channel, 200));
  done = true;
  reloader.join();
  EXPECT_EQ(ok, 200);
  EXPECT_GT(reloads.load(), 1);
}

TEST_F(TlsFeatures, TheServerPicksTheCertificateNamedByTheClientsSni) {
  TlsServerOptions options = server_tls(false);
  options.sni_certificates = {pki_.ca.issue({"api", {"api.test"}, {}, {}}),
                              pki_.ca.issue({"db", {"*.db.test"}, {}, {}})};
  TlsShapesServer server(options);
  ClientContext context(client_tls(false));
  EXPECT_EQ(server_name_seen(server, context, "api.test"), "api");
  EXPECT_EQ(server_name_seen(server, context, "eu.db.test"), "db");
  EXPECT_EQ(server_name_seen(server, context, "localhost"), "server");
}

TEST_F(TlsFeatures, AReconnectResumesTheSessionAndKeepsTheClientsIdentity) {
  TlsShapesServer server(server_tls(true));
  ClientContext context(client_tls(true));
  bool resumed = true;
  EXPECT_EQ(server_name_seen(server, context, "localhost", nullptr, &resumed), "server");
  EXPECT_FALSE(resumed);
  EXPECT_EQ(context.cached_sessions(), 1u);
  EXPECT_EQ(server_name_seen(server, context, "localhost", nullptr, &resumed), "server");
  EXPECT_TRUE(resumed);

  // The server still knows the resumed client's certificate.
  corothrift::ChannelOptions options;
  options.wrap_stream = context.wrapper("localhost");
  auto client = run(loop_, e2e::ShapesClient::connect(loop_, server.address(), options));
  EXPECT_EQ(run(loop_, client.hello("x")).text,
            "CN=client,O=corothrift tests|client.corothrift.test||spiffe://test/client");
}

TEST_F(TlsFeatures, SessionsAreNotResumedWhenTurnedOff) {
  TlsShapesServer server(server_tls(false));
  corothrift::tls::TlsClientOptions tls = client_tls(false);
  tls.resume_sessions = false;
  ClientContext context(tls);
  bool resumed = true;
  server_name_seen(server, context, "localhost", nullptr, &resumed);
  server_name_seen(server, context, "localhost", nullptr, &resumed);
  EXPECT_FALSE(resumed);
  EXPECT_EQ(context.cached_sessions(), 0u);
}

}  // namespace
}  // namespace e2e_test
