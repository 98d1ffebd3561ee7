#include "serialize/apache_side.h"

#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/protocol/TJSONProtocol.h>
#include <thrift/transport/TBufferTransports.h>

#include <memory>
#include <string>

#include "bench_types.h"
#include "serialize/cpu_clock.h"
#include "serialize/sample.h"

namespace bench {
namespace {

using apache::thrift::protocol::TBinaryProtocolT;
using apache::thrift::transport::TMemoryBuffer;

// libthrift 0.17 counts every byte a transport has read against its 100 MiB
// message limit, across resetBuffer() too: a long run threw "MaxMessageSize
// reached". The count is reset with the buffer (a protected member, hence the
// subclass; the protocol still sees a plain TMemoryBuffer).
class ReusedMemoryBuffer : public TMemoryBuffer {
 public:
  using TMemoryBuffer::TMemoryBuffer;
  void reset() {
    resetBuffer();
    resetConsumedMessageSize();
  }
};

bench_idl::MidSize make_sample() {
  namespace s = sample;
  bench_idl::MidSize m;
  m.count = s::kCount;
  m.timestamp = s::kTimestamp;
  m.ratio = s::kRatio;
  m.score = s::kScore;
  m.active = s::kActive;
  m.shard = s::kShard;
  m.name = s::kName;
  m.description = s::kDescription;
  for (int i = 0; i < s::kBlobBytes; ++i) m.blob.push_back(static_cast<char>(s::blob_byte(i)));
  for (int i = 0; i < s::kSamples; ++i) m.samples.push_back(s::sample_value(i));
  for (int i = 0; i < s::kCounters; ++i) {
    m.counters["counter-" + std::to_string(i)] = s::counter_value(i);
  }
  m.inner.id = s::kInnerId;
  m.inner.label = s::kInnerLabel;
  m.inner.weight = s::kInnerWeight;
  m.__set_note(std::string(s::kNote));
  return m;
}

template <class Protocol>
SideResult run_with(int64_t iterations) {
  const bench_idl::MidSize original = make_sample();
  bench_idl::MidSize decoded;
  auto buffer = std::make_shared<ReusedMemoryBuffer>(4096);
  Protocol protocol(buffer);
  int64_t start = thread_cpu_ns();
  for (int64_t i = 0; i < iterations; ++i) {
    buffer->reset();
    original.write(&protocol);
    decoded.read(&protocol);
  }
  auto spent = static_cast<double>(thread_cpu_ns() - start);
  SideResult result;
  result.ns_per_op = spent / static_cast<double>(iterations);
  result.round_trip_equal = decoded == original;
  buffer->resetBuffer();
  original.write(&protocol);
  result.bytes = buffer->getBufferAsString();
  return result;
}

}  // namespace

SideResult run_apache(int64_t iterations, Wire wire) {
  if (wire == Wire::Json) return run_with<apache::thrift::protocol::TJSONProtocol>(iterations);
  return run_with<TBinaryProtocolT<TMemoryBuffer>>(iterations);
}

}  // namespace bench
