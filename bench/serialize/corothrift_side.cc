#include "serialize/corothrift_side.h"

#include <string>

#include <corothrift/binary_protocol.h>
#include <corothrift/buffer.h>
#include <corothrift/json_protocol.h>

#include "serialize/corothrift_mid_size.h"
#include "serialize/cpu_clock.h"
#include "serialize/sample.h"

namespace bench {
namespace {

coro::MidSize make_sample() {
  namespace s = sample;
  coro::MidSize m;
  m.count = s::kCount;
  m.timestamp = s::kTimestamp;
  m.ratio = s::kRatio;
  m.score = s::kScore;
  m.active = s::kActive;
  m.shard = s::kShard;
  m.name = s::kName;
  m.description = s::kDescription;
  for (int i = 0; i < s::kBlobBytes; ++i)
    m.blob.storage().push_back(static_cast<char>(s::blob_byte(i)));
  for (int i = 0; i < s::kSamples; ++i) m.samples.push_back(s::sample_value(i));
  for (int i = 0; i < s::kCounters; ++i) {
    m.counters["counter-" + std::to_string(i)] = s::counter_value(i);
  }
  m.inner.id = s::kInnerId;
  m.inner.label = s::kInnerLabel;
  m.inner.weight = s::kInnerWeight;
  m.note = s::kNote;
  return m;
}

template <class Writer, class Reader>
SideResult run_with(int64_t iterations) {
  const coro::MidSize original = make_sample();
  coro::MidSize decoded;
  corothrift::WriteBuffer buffer(4096);
  int64_t start = thread_cpu_ns();
  for (int64_t i = 0; i < iterations; ++i) {
    buffer.clear();
    Writer writer(buffer);
    original.write(writer);
    corothrift::ReadBuffer bytes(buffer.bytes());
    Reader reader(bytes);
    decoded.read(reader);
  }
  auto spent = static_cast<double>(thread_cpu_ns() - start);
  SideResult result;
  result.ns_per_op = spent / static_cast<double>(iterations);
  result.round_trip_equal = decoded == original;
  result.bytes = std::string(buffer.view());
  return result;
}

}  // namespace

SideResult run_corothrift(int64_t iterations, Wire wire) {
  if (wire == Wire::Json)
    return run_with<corothrift::JsonWriter, corothrift::JsonReader>(iterations);
  return run_with<corothrift::BinaryWriter, corothrift::BinaryReader>(iterations);
}

}  // namespace bench
