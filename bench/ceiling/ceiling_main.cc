// bench_ceiling_server: the zero-work Bench server that bounds what any
// server can reach on this machine (see bench/README.md).
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "ceiling/server_loop.h"
#include "common/flags.h"
#include "common/socket.h"

int main(int argc, char** argv) {
  bench::Flags flags(argc, argv, {"port", "threads", "max-seconds"},
                     "bench_ceiling_server --port P [--threads N=1] [--max-seconds S=600]");
  auto port = static_cast<uint16_t>(flags.num("port", 9090));
  auto threads = static_cast<size_t>(std::max<int64_t>(1, flags.num("threads", 1)));
  // SIGALRM's default action ends the process: the server is bounded in time
  // even if whoever started it never stops it.
  ::alarm(static_cast<unsigned>(flags.num("max-seconds", 600)));
  // A client that leaves with replies unsent must cost its connection, not
  // the server (write() to a reset socket raises SIGPIPE).
  std::signal(SIGPIPE, SIG_IGN);

  std::vector<std::unique_ptr<bench::ceiling::ServerLoop>> loops;
  std::vector<bench::ceiling::ServerLoop*> dealt;
  for (size_t i = 0; i < threads; ++i) {
    loops.push_back(std::make_unique<bench::ceiling::ServerLoop>());
    dealt.push_back(loops.back().get());
  }
  loops[0]->accept_for(bench::listen_loopback(port), dealt);
  std::printf("bench_ceiling_server listening on 127.0.0.1:%u with %zu thread(s)\n", port, threads);
  std::fflush(stdout);
  for (size_t i = 1; i < threads; ++i) std::thread([loop = dealt[i]] { loop->run(); }).detach();
  loops[0]->run();
}
