// corothrift's ThriftTest server for the interop matrix: serves ThriftTest
// (and, with --multiplexed, SecondService beside it) the way Apache's
// reference servers answer, with Apache's flags (see thrift_test_flags.h).
// Quiet unless --verbose; stops on SIGINT/SIGTERM.
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>

#include <corothrift/address.h>
#include <corothrift/log.h>
#include <corothrift/multiplexed.h>
#include <corothrift/server.h>

#include "thrift_test_flags.h"
#include "thrift_test_handler.h"
#include "thrift_test_tls.h"

namespace {

std::shared_ptr<corothrift::Processor> make_processor(const thrift_test::Flags& flags) {
  auto handler = std::make_shared<thrift_test::TestHandler>(flags.verbose);
  auto test = std::make_shared<thrift::test::ThriftTestProcessor>(handler);
  if (!flags.multiplexed) return test;
  auto mux = std::make_shared<corothrift::MultiplexedProcessor>();
  mux->add("ThriftTest", test);
  mux->add("SecondService", std::make_shared<thrift::test::SecondServiceProcessor>(
                                std::make_shared<thrift_test::SecondHandler>()));
  return mux;
}

corothrift::ServerOptions server_options(const thrift_test::Flags& flags) {
  corothrift::ServerOptions options;
  options.protocol = flags.protocol;
  options.transport = flags.transport;
  // Serve exactly what the flags name, as Apache's servers do; a header
  // server also answers framed and unframed clients, as Apache's
  // THeaderProtocol servers do.
  options.auto_detect = flags.transport == corothrift::TransportKind::Header;
  options.threads = flags.workers;
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  auto tls = thrift_test::take_tls_flags(argc, argv);
  auto flags = thrift_test::parse_flags(argc, argv);
  if (!tls || !flags || !flags->names.empty()) {
    std::fprintf(
        stderr,
        "usage: thrift_test_server [--host=H] [--port=N] [--protocol=binary|compact|json|header]\n"
        "       [--transport=buffered|framed|http] [--multiplexed] [--workers=N] [--verbose]\n"
        "       [--ssl] [--ssl-cert=PATH] [--ssl-key=PATH] [--ssl-client-ca=PATH]\n");
    return 2;
  }
  if (!flags->verbose) corothrift::set_log_level(corothrift::LogLevel::kError);
  try {
    corothrift::ServerOptions options = server_options(*flags);
    if (tls->ssl) options.wrap_stream = thrift_test::server_tls_wrapper(*tls);
    corothrift::Server server(make_processor(*flags), options);
    server.listen(corothrift::Address::resolve(flags->host, flags->port));
    if (flags->verbose) std::printf("thrift_test_server: listening on port %u\n", server.port());
    std::fflush(stdout);
    server.serve_until_signal(std::chrono::seconds(1));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "thrift_test_server: %s\n", e.what());
    return 1;
  }
  return 0;
}
