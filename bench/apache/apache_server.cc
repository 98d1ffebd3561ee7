// bench_apache_server: the Bench service on Apache Thrift's own C++ servers,
// framed transport and binary protocol, as Apache users deploy them.
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/server/TNonblockingServer.h>
#include <thrift/server/TThreadedServer.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TNonblockingServerSocket.h>
#include <thrift/transport/TSSLServerSocket.h>
#include <thrift/transport/TSSLSocket.h>
#include <thrift/transport/TServerSocket.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "Bench.h"
#include "common/flags.h"

namespace {

using apache::thrift::protocol::TBinaryProtocolFactory;

class Handler : public bench_idl::BenchIf {
 public:
  int32_t add(const int32_t a, const int32_t b) override {
    return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
  }
  void echo(std::string& result, const std::string& data) override { result = data; }
};

std::shared_ptr<apache::thrift::TProcessor> make_processor() {
  return std::make_shared<bench_idl::BenchProcessor>(std::make_shared<Handler>());
}

// Processing runs on the IO threads (no thread manager): the fastest
// TNonblockingServer setup for a handler that never blocks.
void serve_nonblocking(int port, int io_threads) {
  auto socket =
      std::make_shared<apache::thrift::transport::TNonblockingServerSocket>("127.0.0.1", port);
  apache::thrift::server::TNonblockingServer server(
      make_processor(), std::make_shared<TBinaryProtocolFactory>(), socket);
  server.setNumIOThreads(static_cast<size_t>(io_threads));
  server.serve();
}

// TSSLServerSocket when a certificate is given (the TLS benchmark).
std::shared_ptr<apache::thrift::transport::TServerSocket> listening_socket(
    int port, const std::string& cert, const std::string& key) {
  using namespace apache::thrift::transport;
  if (cert.empty()) return std::make_shared<TServerSocket>("127.0.0.1", port);
  auto factory = std::make_shared<TSSLSocketFactory>();
  factory->loadCertificate(cert.c_str());
  factory->loadPrivateKey(key.c_str());
  factory->authenticate(false);
  return std::make_shared<TSSLServerSocket>("127.0.0.1", port, factory);
}

void serve_threaded(int port, const std::string& cert, const std::string& key) {
  apache::thrift::server::TThreadedServer server(
      make_processor(), listening_socket(port, cert, key),
      std::make_shared<apache::thrift::transport::TFramedTransportFactory>(),
      std::make_shared<TBinaryProtocolFactory>());
  server.serve();
}

}  // namespace

int main(int argc, char** argv) {
  bench::Flags flags(argc, argv, {"kind", "port", "io-threads", "max-seconds", "tls-cert", "tls-key"},
                     "bench_apache_server --kind nonblocking|threaded --port P "
                     "[--io-threads N=2] [--max-seconds S=600] [--tls-cert PEM --tls-key PEM]");
  std::string kind = flags.str("kind", "nonblocking");
  auto port = static_cast<int>(flags.num("port", 9090));
  // SIGALRM's default action ends the process: bounded even if never stopped.
  ::alarm(static_cast<unsigned>(flags.num("max-seconds", 600)));
  std::printf("bench_apache_server %s on 127.0.0.1:%d\n", kind.c_str(), port);
  std::fflush(stdout);
  if (kind == "nonblocking") {
    serve_nonblocking(port, static_cast<int>(flags.num("io-threads", 2)));
  } else if (kind == "threaded") {
    serve_threaded(port, flags.str("tls-cert", ""), flags.str("tls-key", ""));
  } else {
    std::fprintf(stderr, "unknown --kind %s\n", kind.c_str());
    return 2;
  }
}
