// calculator_server [--port P] [--tls DIR]: serves Calculator (and the
// Ledger it extends) on 127.0.0.1:P (0 = any free port), over TLS with
// DIR/server.crt and DIR/server.key when --tls is given, until SIGINT or
// SIGTERM, then lets calls in flight finish before exiting.
#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>

#include <corothrift/address.h>
#include <corothrift/server.h>
#include <corothrift/tls/tls_context.h>

#include "calculator_handler.h"
#include "flags.h"

int main(int argc, char** argv) {
  auto flags = calculator::parse_flags(argc, argv, 9090);
  if (!flags) {
    std::fprintf(stderr, "usage: calculator_server [--port P] [--tls DIR]\n");
    return 2;
  }
  auto handler = std::make_shared<calculator::CalculatorHandler>();
  corothrift::ServerOptions options;
  options.threads = 2;
  try {
    if (!flags->tls_dir.empty()) {
      corothrift::tls::TlsServerOptions tls;
      tls.certificate = {flags->tls_dir + "/server.crt", flags->tls_dir + "/server.key"};
      options.wrap_stream = corothrift::tls::ServerContext(tls).wrapper();
    }
  } catch (const std::exception& e) {  // e.g. a missing certificate file
    std::fprintf(stderr, "calculator_server: %s\n", e.what());
    return 1;
  }
  corothrift::Server server(std::make_shared<calc::CalculatorProcessor>(handler), options);
  try {
    server.listen(corothrift::Address::ipv4("127.0.0.1", flags->port));
  } catch (const std::exception& e) {  // e.g. the port is taken
    std::fprintf(stderr, "calculator_server: cannot serve on 127.0.0.1:%u: %s\n",
                 static_cast<unsigned>(flags->port), e.what());
    return 1;
  }
  std::printf("listening on 127.0.0.1:%u%s\n", static_cast<unsigned>(server.port()),
              flags->tls_dir.empty() ? "" : " (TLS)");
  std::fflush(stdout);
  int signal = server.serve_until_signal();
  std::printf("signal %d: stopped\n", signal);
  return 0;
}
