// bench_soak_server: the Soak service on corothrift's Server for
// bench/run_soak.py. Every accepted connection goes through a ChaosStream
// that drops it after a random number of bytes, and a call may ask for a
// delay (so client timeouts bite) or a drop (a close from the server's side
// at a moment the handler picks). A second port ("clean") serves the same
// service without drops by count. Prints {"port": P, "clean_port": Q} once
// serving; on SIGTERM stops, prints its counts as one JSON line and exits 0.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <stdexcept>

#include <corothrift/address.h>
#include <corothrift/request_stream.h>
#include <corothrift/server.h>
#include <corothrift/timer.h>

#include "Soak.h"  // generated from soak/soak.thrift
#include "common/flags.h"
#include "soak/chaos_stream.h"
#include "soak/log_counter.h"
#include "soak/payload.h"

namespace {

// Written from every worker thread.
struct ServerCounts {
  std::atomic<uint64_t> calls{0};
  std::atomic<uint64_t> notes{0};
  std::atomic<uint64_t> bad_payloads{0};
  std::atomic<uint64_t> drops_asked{0};
  std::atomic<uint64_t> chaos_drops{0};  // count drops and asked drops that happened
};

class Handler : public soak_idl::SoakHandler {
 public:
  explicit Handler(ServerCounts& counts) : counts_(counts) {}

  corothrift::Task<soak_idl::Echo> echo(soak_idl::Echo request, int32_t delay_ms,
                                        bool drop) override {
    // The request's stream is current only until the first suspension.
    const corothrift::ByteStream* stream = corothrift::current_request_stream();
    counts_.calls.fetch_add(1, std::memory_order_relaxed);
    if (!soak::payload_matches(request.token, request.payload)) {
      counts_.bad_payloads.fetch_add(1, std::memory_order_relaxed);
      throw std::runtime_error("payload does not match its token");
    }
    if (drop) {
      counts_.drops_asked.fetch_add(1, std::memory_order_relaxed);
      // Every accepted stream is a ChaosStream (main sets the wrapper).
      static_cast<const soak::ChaosStream*>(stream)->drop_soon();
    }
    if (delay_ms > 0)
      co_await corothrift::sleep_for(stream->loop(), std::chrono::milliseconds(delay_ms));
    co_return request;
  }

  corothrift::Task<void> note(soak_idl::Echo request) override {
    counts_.notes.fetch_add(1, std::memory_order_relaxed);
    if (!soak::payload_matches(request.token, request.payload)) {
      counts_.bad_payloads.fetch_add(1, std::memory_order_relaxed);
    }
    co_return;
  }

 private:
  ServerCounts& counts_;
};

// Blocks SIGTERM and SIGINT in this thread and in the loop threads started
// after it, so sigwait() below receives them.
sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

}  // namespace

int main(int argc, char** argv) {
  bench::Flags flags(argc, argv, {"workers", "chaos-bytes", "seed", "max-seconds"},
                     "bench_soak_server [--workers N=2] [--chaos-bytes MEAN=0] [--seed S=1] "
                     "[--max-seconds S=900]");
  // SIGALRM's default action ends the process: bounded even if never stopped.
  ::alarm(static_cast<unsigned>(flags.num("max-seconds", 900)));
  soak::count_runtime_logs();
  sigset_t stop_signals = block_stop_signals();
  ServerCounts counts;
  auto processor = std::make_shared<soak_idl::SoakProcessor>(std::make_shared<Handler>(counts));
  corothrift::ServerOptions options;
  options.threads = static_cast<std::size_t>(flags.num("workers", 2));
  options.wrap_stream =
      soak::ChaosStream::wrapper(static_cast<uint64_t>(flags.num("chaos-bytes", 0)),
                                 static_cast<uint64_t>(flags.num("seed", 1)), counts.chaos_drops);
  corothrift::Server server(processor, options);
  // The clean port: no drop by count, so a reply lost there cannot hide
  // behind a dropped connection (its calls never ask for drops either).
  options.threads = 1;
  options.wrap_stream = soak::ChaosStream::wrapper(0, 0, counts.chaos_drops);
  corothrift::Server clean(processor, options);
  try {
    server.listen(corothrift::Address::ipv4("127.0.0.1", 0));
    clean.listen(corothrift::Address::ipv4("127.0.0.1", 0));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_soak_server: cannot listen: %s\n", e.what());
    return 1;
  }
  server.start();
  clean.start();
  std::printf("{\"port\": %u, \"clean_port\": %u}\n", static_cast<unsigned>(server.port()),
              static_cast<unsigned>(clean.port()));
  std::fflush(stdout);
  int signal = 0;
  sigwait(&stop_signals, &signal);
  server.stop(std::chrono::seconds(1));
  clean.stop(std::chrono::seconds(1));
  std::printf(
      "{\"calls\": %llu, \"notes\": %llu, \"bad_payloads\": %llu, \"drops_asked\": %llu, "
      "\"stream_drops\": %llu, "
      "\"log_warnings\": %llu, \"log_errors\": %llu}\n",
      static_cast<unsigned long long>(counts.calls.load()),
      static_cast<unsigned long long>(counts.notes.load()),
      static_cast<unsigned long long>(counts.bad_payloads.load()),
      static_cast<unsigned long long>(counts.drops_asked.load()),
      static_cast<unsigned long long>(counts.chaos_drops.load()),
      static_cast<unsigned long long>(soak::logged_warnings()),
      static_cast<unsigned long long>(soak::logged_errors()));
  return 0;
}
