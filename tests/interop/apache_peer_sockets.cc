// Sockets of the Apache C++ peers, plain or TLS. Under --ssl they behave as
// Apache's own test programs do: the server loads keys/server.crt and
// keys/server.key, the client trusts keys/CA.pem and checks the host name
// (Apache's default access manager); the --ssl-* flags override the paths.
#include <thrift/transport/TSSLServerSocket.h>
#include <thrift/transport/TSSLSocket.h>
#include <thrift/transport/TServerSocket.h>

#include "apache_peer_options.h"

namespace interop {
namespace {

using apache::thrift::transport::TSSLSocketFactory;

std::string or_default(const std::string& path, const char* fallback) {
  return path.empty() ? fallback : path;
}

}  // namespace

std::shared_ptr<apache::thrift::transport::TServerTransport> make_server_socket(
    const PeerOptions& options) {
  using namespace apache::thrift::transport;
  if (!options.ssl) return std::make_shared<TServerSocket>(options.host, options.port);
  auto factory = std::make_shared<TSSLSocketFactory>();
  factory->loadCertificate(or_default(options.ssl_cert, "keys/server.crt").c_str());
  factory->loadPrivateKey(or_default(options.ssl_key, "keys/server.key").c_str());
  if (!options.ssl_client_ca.empty()) {
    factory->loadTrustedCertificates(options.ssl_client_ca.c_str());
    factory->authenticate(true);
  } else {
    factory->authenticate(false);
  }
  return std::make_shared<TSSLServerSocket>(options.host, options.port, factory);
}

std::shared_ptr<apache::thrift::transport::TSocket> make_client_socket(const PeerOptions& options) {
  using namespace apache::thrift::transport;
  if (!options.ssl) return std::make_shared<TSocket>(options.host, options.port);
  auto factory = std::make_shared<TSSLSocketFactory>();
  factory->loadTrustedCertificates(or_default(options.ssl_ca, "keys/CA.pem").c_str());
  if (!options.ssl_cert.empty()) {
    factory->loadCertificate(options.ssl_cert.c_str());
    factory->loadPrivateKey(options.ssl_key.c_str());
  }
  factory->authenticate(true);
  return factory->createSocket(options.host, options.port);
}

}  // namespace interop
