// bench_load: drives one server with Bench calls and prints one JSON line.
// Exit status 1 when any reply failed its check or no call completed.
#include <csignal>
#include <cstdio>
#include <string>

#include "common/flags.h"
#include "load/load_run.h"

namespace {

bench::LoadOptions parse(int argc, char** argv) {
  bench::Flags flags(
      argc, argv,
      {"port", "connections", "inflight", "duration-ms", "warmup-ms", "call", "payload", "threads",
       "wire"},
      "bench_load --port P [--connections C=1] [--inflight D=1] "
      "[--duration-ms T=3000] [--warmup-ms W=500] [--call add|echo] "
      "[--payload BYTES=0] [--threads N=1] [--wire framed|header]");
  bench::LoadOptions options;
  options.port = static_cast<uint16_t>(flags.num("port", 9090));
  options.connections = static_cast<int>(flags.num("connections", 1));
  options.inflight = static_cast<int>(flags.num("inflight", 1));
  options.duration = std::chrono::milliseconds(flags.num("duration-ms", 3000));
  options.warmup = std::chrono::milliseconds(flags.num("warmup-ms", 500));
  std::string call = flags.str("call", "add");
  options.call = call == "echo" ? bench::CallKind::kEcho : bench::CallKind::kAdd;
  options.payload_bytes = static_cast<size_t>(flags.num("payload", 0));
  options.threads = static_cast<int>(flags.num("threads", 1));
  std::string wire = flags.str("wire", "framed");
  options.wire = wire == "header" ? bench::Wire::kHeader : bench::Wire::kFramed;
  if ((call != "add" && call != "echo") || (wire != "framed" && wire != "header") || options.connections < 1 || options.inflight < 1 ||
      options.inflight > bench::kMaxInflight || options.duration.count() < 1) {
    std::fprintf(stderr, "bench_load: bad --call, --wire, --connections, --inflight or --duration-ms\n");
    std::exit(2);
  }
  return options;
}

double micros(uint64_t nanos) { return static_cast<double>(nanos) / 1000.0; }

void print_json(const bench::LoadOptions& options, const bench::LoadResult& result) {
  const bench::Histogram& latency = result.latency_ns;
  std::printf(
      "{\"call\":\"%s\",\"payload\":%zu,\"connections\":%d,\"inflight\":%d,"
      "\"duration_ms\":%lld,\"calls\":%llu,\"calls_total\":%llu,\"rps\":%.1f,\"mean_us\":%.1f,"
      "\"p50_us\":%.1f,"
      "\"p90_us\":%.1f,\"p99_us\":%.1f,\"p999_us\":%.1f,\"max_us\":%.1f,\"errors\":%llu,"
      "\"connect_failures\":%llu,\"reconnects\":%llu,\"lost_calls\":%llu,\"first_error\":\"%s\"}\n",
      options.call == bench::CallKind::kAdd ? "add" : "echo", options.payload_bytes,
      options.connections, options.inflight, static_cast<long long>(options.duration.count()),
      static_cast<unsigned long long>(result.calls),
      static_cast<unsigned long long>(result.calls_total),
      static_cast<double>(result.calls) / result.seconds, latency.mean() / 1000.0,
      micros(latency.percentile(0.50)), micros(latency.percentile(0.90)),
      micros(latency.percentile(0.99)), micros(latency.percentile(0.999)), micros(latency.max()),
      static_cast<unsigned long long>(result.errors),
      static_cast<unsigned long long>(result.connect_failures),
      static_cast<unsigned long long>(result.reconnects),
      static_cast<unsigned long long>(result.lost_calls), result.first_error.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  bench::LoadOptions options = parse(argc, argv);
  bench::LoadResult result = bench::run_load(options);
  print_json(options, result);
  return result.errors == 0 && result.calls != 0 ? 0 : 1;
}
