// bench_soak_client: the soak's calls against a bench_soak_server (see
// client_run.h and bench/run_soak.py). Exit status 0 when the run ended
// (the driver judges its counts), 3 when it ended on lost calls.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <exception>

#include <corothrift/event_loop.h>
#include <corothrift/sync_wait.h>

#include "common/flags.h"
#include "soak/client_run.h"
#include "soak/log_counter.h"

namespace {

soak::ClientConfig config_from(const bench::Flags& flags) {
  soak::ClientConfig c;
  auto num = [&](const char* name, auto fallback) {
    return static_cast<decltype(fallback)>(flags.num(name, static_cast<int64_t>(fallback)));
  };
  c.port = num("port", c.port);
  c.calls = num("calls", c.calls);
  c.connections = num("connections", c.connections);
  c.callers_per_connection = num("inflight", c.callers_per_connection);
  c.seed = num("seed", c.seed);
  c.chaos_bytes = num("chaos-bytes", c.chaos_bytes);
  c.close_every = num("close-every", c.close_every);
  c.drop_every = num("drop-every", c.drop_every);
  c.delay_every = num("delay-every", c.delay_every);
  c.max_delay_ms = num("max-delay-ms", c.max_delay_ms);
  c.max_timeout_ms = num("max-timeout-ms", c.max_timeout_ms);
  c.max_payload = num("max-payload", c.max_payload);
  c.lost_after = std::chrono::milliseconds(num("lost-after-ms", c.lost_after.count()));
  c.samples = num("samples", c.samples);
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  bench::Flags flags(argc, argv,
                     {"port", "calls", "connections", "inflight", "seed", "chaos-bytes",
                      "close-every", "drop-every", "delay-every", "max-delay-ms", "max-timeout-ms",
                      "max-payload", "lost-after-ms", "samples", "max-seconds"},
                     "bench_soak_client --port P [--calls N=1000000] [--connections C=64] "
                     "[--inflight D=4] [--seed S=1] [--chaos-bytes MEAN=0] [--close-every N=0] "
                     "[--drop-every N=0] [--delay-every N=20] [--max-delay-ms MS=40] "
                     "[--max-timeout-ms MS=50] [--max-payload B=512] [--lost-after-ms MS=10000] "
                     "[--samples N=100] [--max-seconds S=900]");
  // SIGALRM's default action ends the process: bounded even if it hangs.
  ::alarm(static_cast<unsigned>(flags.num("max-seconds", 900)));
  soak::count_runtime_logs();
  soak::ClientConfig config = config_from(flags);
  if (config.port == 0 || config.connections == 0 || config.callers_per_connection == 0 ||
      config.samples == 0 || config.max_delay_ms < 1 || config.max_timeout_ms < 5) {
    std::fprintf(stderr, "bench_soak_client: --port is required; counts and times must be > 0\n");
    return 2;
  }
  try {
    corothrift::EventLoop loop;
    soak::SoakRun run(loop, config);
    corothrift::sync_wait(loop, run.run());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_soak_client: %s\n", e.what());
    return 1;
  }
  return 0;
}
