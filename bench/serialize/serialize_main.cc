// bench_serialize: encode+decode of bench.thrift's MidSize with Apache's
// generated code over TBinaryProtocolT<TMemoryBuffer> (or TJSONProtocol with
// --protocol json) and, when the runtime codec is built, with corothrift's. Prints ns/op for each
// and their ratio, then one JSON line. Exit status 1 if a round trip or the wire bytes differ.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>

#include "common/flags.h"
#include "serialize/apache_side.h"
#ifdef BENCH_HAVE_COROTHRIFT_CODEC
#include "serialize/corothrift_side.h"
#endif

namespace {

constexpr int kRepeats = 5;

void keep_faster(std::optional<bench::SideResult>& best, bench::SideResult next) {
  if (!best || next.ns_per_op < best->ns_per_op) best = std::move(next);
}

}  // namespace

int main(int argc, char** argv) {
  bench::Flags flags(argc, argv, {"iterations", "only", "protocol"},
                     "bench_serialize [--iterations N=200000] [--only corothrift]"
                     " [--protocol binary|json]");
  int64_t iterations = std::max<int64_t>(1, flags.num("iterations", 200000));
  const bool json = flags.str("protocol", "binary") == "json";
  const bench::Wire wire = json ? bench::Wire::Json : bench::Wire::Binary;
#ifdef BENCH_HAVE_COROTHRIFT_CODEC
  // For a profiler: our side alone, no comparison.
  if (flags.str("only", "") == "corothrift") {
    bench::SideResult alone = bench::run_corothrift(iterations, wire);
    std::printf("corothrift %.1f ns/op\n", alone.ns_per_op);
    return alone.round_trip_equal ? 0 : 1;
  }
#endif
  // Sides alternate and each keeps its fastest run: the machine is shared,
  // noise only ever adds time, and alternating spreads it over both sides.
  std::optional<bench::SideResult> best_apache;
  std::optional<bench::SideResult> ours;
  bench::run_apache(iterations / 10 + 1, wire);  // warm caches and the allocator
  for (int i = 0; i < kRepeats; ++i) {
    keep_faster(best_apache, bench::run_apache(iterations, wire));
#ifdef BENCH_HAVE_COROTHRIFT_CODEC
    keep_faster(ours, bench::run_corothrift(iterations, wire));
#endif
  }
  const bench::SideResult& apache = *best_apache;
  bool ok = apache.round_trip_equal && (!ours || ours->round_trip_equal);
  bool same_bytes = ours && ours->bytes == apache.bytes;
  std::printf("MidSize encode+decode (%s), %lld iterations, %zu bytes on the wire\n",
              json ? "json" : "binary", static_cast<long long>(iterations), apache.bytes.size());
  std::printf("  apache     %8.1f ns/op\n", apache.ns_per_op);
  if (ours) {
    std::printf("  corothrift %8.1f ns/op  (%.2fx Apache's time; wire bytes %s)\n", ours->ns_per_op,
                ours->ns_per_op / apache.ns_per_op, same_bytes ? "identical" : "DIFFER");
    std::printf(
        "{\"iterations\":%lld,\"bytes\":%zu,\"apache_ns\":%.1f,\"corothrift_ns\":%.1f,"
        "\"ratio\":%.3f,\"identical_bytes\":%s}\n",
        static_cast<long long>(iterations), apache.bytes.size(), apache.ns_per_op, ours->ns_per_op,
        ours->ns_per_op / apache.ns_per_op, same_bytes ? "true" : "false");
  } else {
    std::printf("  corothrift not built yet (no runtime codec)\n");
    std::printf(
        "{\"iterations\":%lld,\"bytes\":%zu,\"apache_ns\":%.1f,\"corothrift_ns\":null,"
        "\"ratio\":null,\"identical_bytes\":null}\n",
        static_cast<long long>(iterations), apache.bytes.size(), apache.ns_per_op);
  }
  return ok && (!ours || same_bytes) ? 0 : 1;
}
