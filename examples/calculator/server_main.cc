// calculator_server --port P: serves Calculator (and the Ledger it extends)
// on 127.0.0.1:P (0 = any free port) until SIGINT or SIGTERM, then
// lets calls in flight finish before exiting.
#include <cstdio>
#include <exception>
#include <memory>

#include <corothrift/address.h>
#include <corothrift/server.h>

#include "calculator_handler.h"
#include "port_flag.h"

int main(int argc, char** argv) {
  auto port = calculator::parse_port(argc, argv, 9090);
  if (!port) {
    std::fprintf(stderr, "usage: calculator_server [--port P]\n");
    return 2;
  }
  auto handler = std::make_shared<calculator::CalculatorHandler>();
  corothrift::ServerOptions options;
  options.threads = 2;
  corothrift::Server server(std::make_shared<calc::CalculatorProcessor>(handler), options);
  try {
    server.listen(corothrift::Address::ipv4("127.0.0.1", *port));
  } catch (const std::exception& e) {  // e.g. the port is taken
    std::fprintf(stderr, "calculator_server: cannot serve on 127.0.0.1:%u: %s\n",
                 static_cast<unsigned>(*port), e.what());
    return 1;
  }
  std::printf("listening on 127.0.0.1:%u\n", static_cast<unsigned>(server.port()));
  std::fflush(stdout);
  int signal = server.serve_until_signal();
  std::printf("signal %d: stopped\n", signal);
  return 0;
}
