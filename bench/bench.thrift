// The benchmark's service and the mid-size struct of the serialization benchmark.
// Apache's C++ code for this file is generated at build time by Debian's
// `thrift --gen cpp`; the load generator and the ceiling server hand-encode the
// same messages, so the field ids and types below are part of their contract.

namespace cpp bench_idl

struct Inner {
  1: i64 id
  2: string label
  3: double weight
}

// A dozen fields of every common kind: what a typical RPC payload carries.
struct MidSize {
  1: i32 count
  2: i64 timestamp
  3: double ratio
  4: double score
  5: bool active
  6: i16 shard
  7: string name
  8: string description
  9: binary blob
  10: list<i32> samples
  11: map<string, i64> counters
  12: Inner inner
  13: optional string note
}

service Bench {
  i32 add(1: i32 a, 2: i32 b)
  binary echo(1: binary data)
}
