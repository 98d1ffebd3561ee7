// calculator_server --port P: serves Calculator (and the Ledger it extends)
// on 127.0.0.1:P (0 = any free port) until SIGINT or SIGTERM, then
// lets calls in flight finish before exiting.
#include <csignal>
#include <cstdio>
#include <exception>
#include <memory>

#include <corothrift/address.h>
#include <corothrift/server.h>

#include "calculator_handler.h"
#include "port_flag.h"

namespace {

// Blocks the stop signals in this thread (and the loop threads it starts), so
// that wait_for_stop_signal() receives them.
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int wait_for_stop_signal(const sigset_t& set) {
  int signal = 0;
  sigwait(&set, &signal);
  return signal;
}

}  // namespace

int main(int argc, char** argv) {
  auto port = calculator::parse_port(argc, argv, 9090);
  if (!port) {
    std::fprintf(stderr, "usage: calculator_server [--port P]\n");
    return 2;
  }
  sigset_t signals = stop_signals();
  auto handler = std::make_shared<calculator::CalculatorHandler>();
  corothrift::ServerOptions options;
  options.threads = 2;
  corothrift::Server server(std::make_shared<calc::CalculatorProcessor>(handler), options);
  try {
    server.listen(corothrift::Address::ipv4("127.0.0.1", *port));
    server.start();
  } catch (const std::exception& e) {  // e.g. the port is taken
    std::fprintf(stderr, "calculator_server: cannot serve on 127.0.0.1:%u: %s\n",
                 static_cast<unsigned>(*port), e.what());
    return 1;
  }
  std::printf("listening on 127.0.0.1:%u\n", static_cast<unsigned>(server.port()));
  std::fflush(stdout);
  int signal = wait_for_stop_signal(signals);
  std::printf("signal %d: stopping\n", signal);
  std::fflush(stdout);
  server.stop();
  return 0;
}
