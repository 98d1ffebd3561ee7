// Apache Thrift's side of the serialization benchmark: the MidSize generated
// by `thrift --gen cpp` over TBinaryProtocolT<TMemoryBuffer>, or over
// TJSONProtocol (its only form: virtual calls on a TTransport).
#pragma once

#include <cstdint>
#include <string>

namespace bench {

enum class Wire { Binary, Json };

struct SideResult {
  double ns_per_op = 0;
  std::string bytes;  // one encoding, to compare the wire bytes between sides
  bool round_trip_equal = false;
};

// Encodes then decodes the sample `iterations` times, reusing one buffer
// (reset each iteration) and one decoded struct.
SideResult run_apache(int64_t iterations, Wire wire = Wire::Binary);

}  // namespace bench
