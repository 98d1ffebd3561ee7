// Apache Thrift C++ ThriftTest server: a TThreadedServer (one thread per
// connection) on --host/--port; with --multiplexed it hosts ThriftTest and
// SecondService behind a TMultiplexedProcessor. Runs until killed.
#include <iostream>
#include <memory>

#include <thrift/processor/TMultiplexedProcessor.h>
#include <thrift/server/TThreadedServer.h>
#include <thrift/transport/TServerSocket.h>

#include "apache_peer_options.h"
#include "apache_test_handler.h"

namespace {

std::shared_ptr<apache::thrift::TProcessor> make_processor(bool multiplexed) {
  auto test =
      std::make_shared<thrift::test::ThriftTestProcessor>(std::make_shared<interop::TestHandler>());
  if (!multiplexed) return test;
  auto second = std::make_shared<thrift::test::SecondServiceProcessor>(
      std::make_shared<interop::SecondHandler>());
  auto processor = std::make_shared<apache::thrift::TMultiplexedProcessor>();
  processor->registerProcessor("ThriftTest", test);
  processor->registerProcessor("SecondService", second);
  return processor;
}

}  // namespace

int main(int argc, char** argv) {
  auto options = interop::parse_peer_options(argc, argv);
  if (!options) return 2;
  try {
    apache::thrift::server::TThreadedServer server(
        make_processor(options->multiplexed),
        std::make_shared<apache::thrift::transport::TServerSocket>(options->host, options->port),
        interop::make_transport_factory(*options), interop::make_protocol_factory(*options));
    // A THeader server answers in the protocol and framing of each request:
    // it writes through the protocol it read with (as Apache's TestServer).
    if (options->protocol == "header") server.setOutputProtocolFactory(nullptr);
    std::cout << "apache_cpp_server listening on " << options->host << ":" << options->port
              << std::endl;
    server.serve();
  } catch (const std::exception& error) {
    std::cerr << "apache_cpp_server: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
