// bench_corothrift_server: the Bench service on corothrift's Server, the
// framed binary protocol like the other servers of the benchmark.
#include <unistd.h>

#include <cstdio>
#include <memory>

#include <corothrift/address.h>
#include <corothrift/server.h>

#include "common/flags.h"
#include "ours/bench_service.h"

namespace {

class Handler : public bench::coro::BenchHandler {
 public:
  corothrift::Task<int32_t> add(int32_t a, int32_t b) override {
    co_return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
  }
  corothrift::Task<corothrift::Binary> echo(corothrift::Binary data) override { co_return data; }
};

}  // namespace

int main(int argc, char** argv) {
  bench::Flags flags(argc, argv, {"port", "workers", "max-seconds"},
                     "bench_corothrift_server --port P [--workers N=2] [--max-seconds S=600]");
  auto port = static_cast<uint16_t>(flags.num("port", 9090));
  // SIGALRM's default action ends the process: bounded even if never stopped.
  ::alarm(static_cast<unsigned>(flags.num("max-seconds", 600)));
  corothrift::ServerOptions options;
  options.threads = static_cast<size_t>(flags.num("workers", 2));
  corothrift::Server server(
      std::make_shared<bench::coro::BenchProcessor>(std::make_shared<Handler>()), options);
  server.listen(corothrift::Address::ipv4("127.0.0.1", port));
  std::printf("bench_corothrift_server on 127.0.0.1:%u with %zu worker(s)\n", server.port(),
              options.threads);
  std::fflush(stdout);
  server.run();
}
