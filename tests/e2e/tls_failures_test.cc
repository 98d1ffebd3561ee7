// Bad TLS peers and bad certificates: each fails that one connection with a
// reason naming the cause (the client's call throws it, the server logs it),
// and the server goes on serving a good client afterwards.
#include <chrono>
#include <string>

#include "tls_fixture.h"
#include "tls_raw_client.h"

namespace e2e_test {
namespace {

using corothrift::tls::CertificateKey;
using corothrift::tls::ClientCertificate;
using corothrift::tls::TlsClientOptions;
using corothrift::tls::TlsServerOptions;

class TlsFailures : public testing::Test {
 protected:
  // The error text of one call through a client with `tls` options.
  std::string call_error(const TlsShapesServer& server, const TlsClientOptions& tls,
                         const std::string& server_name = {}) {
    corothrift::tls::ClientContext context(tls);
    corothrift::ChannelOptions options;
    options.wrap_stream = context.wrapper(server_name);
    return run(loop_, hello_error(loop_, server.address(), options));
  }
  // A good client (mutual, or not verifying when the server's certificate is
  // the bad part) still gets served.
  void expect_still_serving(const TlsShapesServer& server, bool verify = true) {
    TlsClientOptions tls = client_tls(true);
    tls.verify_peer = verify;
    EXPECT_EQ(call_error(server, tls, "localhost"), "") << "the server stopped serving";
  }
  TlsServerOptions with_certificate(CertificateKey certificate) {
    TlsServerOptions tls = server_tls(false);
    tls.certificate = std::move(certificate);
    return tls;
  }

  LogCapture log_;
  corothrift::EventLoop loop_;
  const Pki& pki_ = Pki::get();
};

// ---- the client refuses the server's certificate ----

TEST_F(TlsFailures, AServerCertificateForAnotherHostFailsWithHostnameMismatch) {
  TlsShapesServer server(
      with_certificate(pki_.ca.issue({"elsewhere", {"elsewhere.test"}, {}, {}})));
  std::string error = call_error(server, client_tls(false), "localhost");
  EXPECT_NE(error.find("certificate verify failed: hostname mismatch"), std::string::npos) << error;
  EXPECT_NE(log_.wait_for({"closing connection", "TLS handshake failed", "bad certificate"}), "");
  expect_still_serving(server, false);
}

TEST_F(TlsFailures, AServerCertificateWithoutTheConnectedIpFailsWithIpAddressMismatch) {
  TlsShapesServer server(
      with_certificate(pki_.ca.issue({"elsewhere", {"localhost"}, {"10.1.2.3"}, {}})));
  std::string error = call_error(server, client_tls(false));  // verifies 127.0.0.1
  EXPECT_NE(error.find("certificate verify failed: IP address mismatch"), std::string::npos)
      << error;
  // The same certificate is good for its DNS name.
  EXPECT_EQ(call_error(server, client_tls(false), "localhost"), "");
}

TEST_F(TlsFailures, AnExpiredServerCertificateFails) {
  TlsShapesServer server(with_certificate(
      pki_.ca.issue({"server", {"localhost"}, {"127.0.0.1"}, {}, -86400 * 2, -86400})));
  std::string error = call_error(server, client_tls(false));
  EXPECT_NE(error.find("certificate verify failed: certificate has expired"), std::string::npos)
      << error;
  expect_still_serving(server, false);
}

TEST_F(TlsFailures, ANotYetValidServerCertificateFails) {
  TlsShapesServer server(with_certificate(
      pki_.ca.issue({"server", {"localhost"}, {"127.0.0.1"}, {}, 86400, 86400 * 2})));
  std::string error = call_error(server, client_tls(false));
  EXPECT_NE(error.find("certificate verify failed: certificate is not yet valid"),
            std::string::npos)
      << error;
}

TEST_F(TlsFailures, ASelfSignedServerCertificateFails) {
  TlsShapesServer server(
      with_certificate(self_signed({"server", {"localhost"}, {"127.0.0.1"}, {}})));
  std::string error = call_error(server, client_tls(false));
  EXPECT_NE(error.find("certificate verify failed: self-signed certificate"), std::string::npos)
      << error;
  expect_still_serving(server, false);
}

TEST_F(TlsFailures, AServerCertificateFromAnUntrustedCaFails) {
  TlsShapesServer server(
      with_certificate(pki_.other_ca.issue({"server", {"localhost"}, {"127.0.0.1"}, {}})));
  std::string error = call_error(server, client_tls(false));
  EXPECT_NE(error.find("certificate verify failed: unable to get local issuer certificate"),
            std::string::npos)
      << error;
}

TEST_F(TlsFailures, TheSystemStoreDoesNotTrustATestCaByDefault) {
  TlsShapesServer server(server_tls(false));
  TlsClientOptions tls;  // no ca_file: the system's store
  std::string error = call_error(server, tls);
  EXPECT_NE(error.find("certificate verify failed"), std::string::npos) << error;
}

// ---- the server refuses the client ----

TEST_F(TlsFailures, AClientWithoutACertificateIsRefusedWhenOneIsRequired) {
  TlsShapesServer server(server_tls(true));
  std::string error = call_error(server, client_tls(false));
  EXPECT_NE(error.find("peer sent alert: certificate required"), std::string::npos) << error;
  EXPECT_NE(log_.wait_for({"closing connection", "the client sent no certificate"}), "");
  expect_still_serving(server);
}

TEST_F(TlsFailures, AnExpiredClientCertificateIsRefusedAndNamed) {
  TlsShapesServer server(server_tls(true));
  TlsClientOptions tls = client_tls(false);
  tls.certificate = pki_.ca.issue({"old client", {}, {}, {}, -86400 * 2, -86400});
  std::string error = call_error(server, tls);
  EXPECT_NE(error.find("peer sent alert: certificate expired"), std::string::npos) << error;
  EXPECT_NE(
      log_.wait_for({"closing connection", "certificate verify failed: certificate has expired"}),
      "");
  expect_still_serving(server);
}

TEST_F(TlsFailures, AClientCertificateFromAnotherCaIsRefused) {
  TlsShapesServer server(server_tls(true));
  TlsClientOptions tls = client_tls(false);
  tls.certificate = pki_.other_ca.issue({"stranger", {}, {}, {}});
  std::string error = call_error(server, tls);
  EXPECT_NE(error.find("peer sent alert: unknown ca"), std::string::npos) << error;
  EXPECT_NE(log_.wait_for({"closing connection", "unable to get local issuer certificate"}), "");
  expect_still_serving(server);
}

TEST_F(TlsFailures, RequestModeServesClientsWithAndWithoutACertificate) {
  TlsServerOptions options = server_tls(true);
  options.client_certificate = ClientCertificate::kRequest;
  TlsShapesServer server(options);
  EXPECT_EQ(call_error(server, client_tls(false)), "");
  EXPECT_EQ(call_error(server, client_tls(true)), "");
}

TEST_F(TlsFailures, AnAlpnMismatchFailsTheHandshake) {
  TlsServerOptions options = server_tls(false);
  options.alpn = "thrift";
  TlsShapesServer server(options);
  TlsClientOptions tls = client_tls(false);
  tls.alpn = "h2";
  std::string error = call_error(server, tls);
  EXPECT_NE(error.find("no application protocol"), std::string::npos) << error;
  tls.alpn = "thrift";
  EXPECT_EQ(call_error(server, tls), "");
}

// ---- not TLS at all ----

TEST_F(TlsFailures, APlaintextThriftClientOnATlsPortIsNamedAndClosed) {
  TlsShapesServer server(server_tls(false));
  corothrift::ChannelOptions plain;
  std::string error = run(loop_, hello_error(loop_, server.address(), plain));
  EXPECT_NE(error, "");
  EXPECT_NE(log_.wait_for({"closing connection", "not a TLS client", "plaintext Thrift"}), "");
  expect_still_serving(server);
}

TEST_F(TlsFailures, GarbageInsteadOfAClientHelloIsNamedAndClosed) {
  TlsShapesServer server(server_tls(false));
  RawTcpClient raw(server.server->port());
  raw.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(raw.closed_by_server());
  EXPECT_NE(log_.wait_for({"closing connection", "not a TLS ClientHello", "0x47"}), "");
  expect_still_serving(server);
}

TEST_F(TlsFailures, ATruncatedClientHelloFollowedByACloseIsNamed) {
  TlsShapesServer server(server_tls(false));
  std::string hello = client_hello();
  ASSERT_GT(hello.size(), 40u);
  {
    RawTcpClient raw(server.server->port());
    raw.send(hello.substr(0, hello.size() / 2));
    raw.shutdown_write();
    EXPECT_TRUE(raw.closed_by_server());
  }
  EXPECT_NE(log_.wait_for({"TLS handshake failed: the peer closed the connection"}), "");
  expect_still_serving(server);
}

TEST_F(TlsFailures, AStalledHandshakeIsClosedAtTheHandshakeTimeout) {
  TlsServerOptions options = server_tls(false);
  options.handshake_timeout = std::chrono::milliseconds(300);
  TlsShapesServer server(options);
  RawTcpClient silent(server.server->port());
  RawTcpClient half(server.server->port());
  half.send(client_hello().substr(0, 20));
  EXPECT_TRUE(silent.closed_by_server());
  EXPECT_TRUE(half.closed_by_server());
  EXPECT_NE(log_.wait_for({"closing connection", "TLS handshake timed out after 300 ms"}), "");
  expect_still_serving(server);
}

TEST_F(TlsFailures, ARenegotiationAttemptClosesTheConnection) {
  TlsShapesServer server(server_tls(false));
  EXPECT_TRUE(renegotiation_closed_by_server(server.server->port()));
  EXPECT_NE(log_.wait_for({"closing connection", "attempted a TLS renegotiation"}), "");
  expect_still_serving(server);
}

// Shapes.echo_bag(Bag{blob}) in the framed binary protocol, by hand.
std::string echo_bag_call(std::size_t blob_size) {
  std::string body;
  auto be = [&body](std::uint32_t value, int bytes) {
    for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
      body += static_cast<char>((value >> shift) & 0xff);
    }
  };
  be(0x80010001, 4);  // strict binary, CALL
  be(8, 4);
  body += "echo_bag";
  be(1, 4);             // seqid
  be(12, 1), be(1, 2);  // args.bag: struct, id 1
  be(11, 1), be(6, 2);  // bag.blob: binary, id 6
  be(static_cast<std::uint32_t>(blob_size), 4);
  body.append(blob_size, 'b');
  be(0, 1), be(0, 1);  // the ends of bag and args
  std::string frame;
  for (int shift = 24; shift >= 0; shift -= 8) {
    frame += static_cast<char>((body.size() >> shift) & 0xff);
  }
  return frame + body;
}

// A TLS client that sends a call and never reads its reply (12 MiB: more
// than both sides' socket buffers hold) is closed at the write timeout, as
// on plaintext: the TLS stream tells the server's writer that bytes were
// taken only once their records are out.
TEST_F(TlsFailures, AClientThatNeverReadsItsReplyIsClosedAtTheWriteTimeout) {
  corothrift::ServerOptions options = TlsShapesServer::one_wire(corothrift::ProtocolKind::Binary,
                                                                corothrift::TransportKind::Framed);
  options.write_timeout = std::chrono::milliseconds(200);
  TlsShapesServer server(server_tls(false), options);
  RawTcpClient stalled(server.server->port(), 4096);
  ASSERT_TRUE(tls_write_only(stalled, echo_bag_call(12 * 1024 * 1024)));
  EXPECT_NE(
      log_.wait_for({"closing connection", "write_timeout of 200 ms", "bytes of replies unsent"}),
      "");
  EXPECT_TRUE(stalled.closed_by_server());
  expect_still_serving(server, false);
}

TEST_F(TlsFailures, ATlsClientAgainstAPlaintextServerFailsItsCall) {
  corothrift::ServerOptions options;
  options.threads = 1;
  corothrift::Server plain(make_processor(std::make_shared<ShapesHandler>()), options);
  plain.listen(corothrift::Address::ipv4("127.0.0.1", 0));
  plain.start();
  corothrift::tls::ClientContext context(client_tls(false));
  corothrift::ChannelOptions channel;
  channel.wrap_stream = context.wrapper();
  std::string error =
      run(loop_, hello_error(loop_, corothrift::Address::ipv4("127.0.0.1", plain.port()), channel));
  EXPECT_NE(error.find("TLS handshake failed"), std::string::npos) << error;
  plain.stop(std::chrono::seconds(1));
}

TEST_F(TlsFailures, BadCertificateFilesAreNamedWhenTheContextIsBuilt) {
  TlsServerOptions options;
  options.certificate = {"/nonexistent/server.crt", "/nonexistent/server.key"};
  try {
    corothrift::tls::ServerContext context(options);
    ADD_FAILURE() << "a missing certificate file was accepted";
  } catch (const corothrift::tls::TlsConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("'/nonexistent/server.crt'"), std::string::npos)
        << e.what();
  }
  options.certificate = {pki_.server.certificate_chain, pki_.client.private_key};
  try {
    corothrift::tls::ServerContext context(options);
    ADD_FAILURE() << "a key of another certificate was accepted";
  } catch (const corothrift::tls::TlsConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("does not match"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace e2e_test
