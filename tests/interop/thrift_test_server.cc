// corothrift's ThriftTest server for the interop matrix: serves ThriftTest
// (and, with --multiplexed, SecondService beside it) the way Apache's
// reference servers answer, with Apache's flags (see thrift_test_flags.h).
// Quiet unless --verbose; stops on SIGINT/SIGTERM.
#include <csignal>
#include <cstdio>
#include <exception>
#include <memory>

#include <corothrift/address.h>
#include <corothrift/log.h>
#include <corothrift/multiplexed.h>
#include <corothrift/server.h>

#include "thrift_test_flags.h"
#include "thrift_test_handler.h"

namespace {

sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

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
  auto flags = thrift_test::parse_flags(argc, argv);
  if (!flags || !flags->names.empty()) {
    std::fprintf(
        stderr,
        "usage: thrift_test_server [--host=H] [--port=N] [--protocol=binary|compact|json|header]\n"
        "       [--transport=buffered|framed|http] [--multiplexed] [--workers=N] [--verbose]\n");
    return 2;
  }
  if (!flags->verbose) corothrift::set_log_level(corothrift::LogLevel::kError);
  sigset_t signals = block_stop_signals();
  try {
    corothrift::Server server(make_processor(*flags), server_options(*flags));
    server.listen(corothrift::Address::resolve(flags->host, flags->port));
    server.start();
    if (flags->verbose) std::printf("thrift_test_server: listening on port %u\n", server.port());
    std::fflush(stdout);
    int signal = 0;
    sigwait(&signals, &signal);
    server.stop(std::chrono::seconds(1));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "thrift_test_server: %s\n", e.what());
    return 1;
  }
  return 0;
}
