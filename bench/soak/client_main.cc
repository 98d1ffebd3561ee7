// bench_soak_client: the soak's calls against a bench_soak_server (see
// client_run.h and bench/run_soak.py). Exit status 0 when the run ended
// (the driver judges its counts), 3 when it ended on lost calls.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

#include <corothrift/event_loop.h>
#include <corothrift/sync_wait.h>

#include "common/flags.h"
#include "soak/client_run.h"
#include "soak/log_counter.h"

namespace {

// Throws std::invalid_argument for a name it does not know.
corothrift::TransportKind transport_named(const std::string& name) {
  for (auto kind : {corothrift::TransportKind::Framed, corothrift::TransportKind::Unframed,
                    corothrift::TransportKind::Header, corothrift::TransportKind::Http}) {
    if (corothrift::transport_kind_name(kind) == name) return kind;
  }
  throw std::invalid_argument("unknown --transport " + name);
}

corothrift::ProtocolKind protocol_named(const std::string& name) {
  for (auto kind : {corothrift::ProtocolKind::Binary, corothrift::ProtocolKind::Compact,
                    corothrift::ProtocolKind::Json}) {
    if (corothrift::protocol_kind_name(kind) == name) return kind;
  }
  throw std::invalid_argument("unknown --protocol " + name);
}

soak::ClientConfig config_from(const bench::Flags& flags) {
  soak::ClientConfig c;
  auto num = [&](const char* name, auto fallback) {
    return static_cast<decltype(fallback)>(flags.num(name, static_cast<int64_t>(fallback)));
  };
  c.port = num("port", c.port);
  c.clean_port = num("clean-port", c.clean_port);
  c.clean_connections = num("clean-connections", c.clean_connections);
  c.calls = num("calls", c.calls);
  c.connections = num("connections", c.connections);
  c.callers_per_connection = num("inflight", c.callers_per_connection);
  c.seed = num("seed", c.seed);
  c.transport = transport_named(flags.str("transport", "framed"));
  c.protocol = protocol_named(flags.str("protocol", "binary"));
  c.chaos_bytes = num("chaos-bytes", c.chaos_bytes);
  c.close_every = num("close-every", c.close_every);
  c.drop_every = num("drop-every", c.drop_every);
  c.delay_every = num("delay-every", c.delay_every);
  c.max_delay_ms = num("max-delay-ms", c.max_delay_ms);
  c.max_timeout_ms = num("max-timeout-ms", c.max_timeout_ms);
  c.max_payload = num("max-payload", c.max_payload);
  c.lost_after = std::chrono::milliseconds(num("lost-after-ms", c.lost_after.count()));
  c.samples = num("samples", c.samples);
  c.cancel_every = num("cancel-every", c.cancel_every);
  c.note_every = num("note-every", c.note_every);
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  bench::Flags flags(
      argc, argv,
      {"port",        "clean-port",    "clean-connections", "calls",        "connections",
       "inflight",    "seed",          "transport",         "protocol",     "chaos-bytes",
       "close-every", "drop-every",    "delay-every",       "max-delay-ms", "max-timeout-ms",
       "max-payload", "lost-after-ms", "samples",           "cancel-every", "note-every",
       "max-seconds"},
      "bench_soak_client --port P --clean-port Q [--clean-connections K=8] "
      "[--calls N=1000000] [--connections C=64] "
      "[--inflight D=4] [--seed S=1] [--transport framed|unframed|header|http] "
      "[--protocol binary|compact|json] [--chaos-bytes MEAN=0] [--close-every N=0] "
      "[--drop-every N=0] [--delay-every N=20] [--max-delay-ms MS=40] "
      "[--max-timeout-ms MS=50] [--max-payload B=512] [--lost-after-ms MS=10000] "
      "[--samples N=100] [--cancel-every N=8] [--note-every N=10] [--max-seconds S=900]");
  // SIGALRM's default action ends the process: bounded even if it hangs.
  ::alarm(static_cast<unsigned>(flags.num("max-seconds", 900)));
  soak::count_runtime_logs();
  soak::ClientConfig config;
  try {
    config = config_from(flags);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "bench_soak_client: %s\n", e.what());
    return 2;
  }
  if (config.port == 0 || config.clean_port == 0 || config.connections == 0 ||
      config.callers_per_connection == 0 || config.samples == 0 || config.max_delay_ms < 1 ||
      config.max_timeout_ms < 5) {
    std::fprintf(
        stderr,
        "bench_soak_client: --port and --clean-port are required; counts and times must be > 0\n");
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
