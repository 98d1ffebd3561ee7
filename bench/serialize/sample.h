// The values every side of the serialization benchmark encodes: one mid-size
// MidSize (see bench.thrift), the same on Apache's struct and on ours.
#pragma once

#include <cstdint>
#include <string_view>

namespace bench::sample {

inline constexpr int32_t kCount = 123456;
inline constexpr int64_t kTimestamp = 1700000000123;
inline constexpr double kRatio = 0.25;
inline constexpr double kScore = 98.625;
inline constexpr bool kActive = true;
inline constexpr int16_t kShard = 7;
inline constexpr std::string_view kName = "benchmark-mid-size-struct";
inline constexpr std::string_view kDescription =
    "A struct of about a dozen fields of every common kind, the size of a typical RPC "
    "request or reply in a service that does real work.";
inline constexpr int kBlobBytes = 64;
inline constexpr int kSamples = 16;
inline constexpr int kCounters = 8;
inline constexpr int64_t kInnerId = 42;
inline constexpr std::string_view kInnerLabel = "inner-label";
inline constexpr double kInnerWeight = 1.5;
inline constexpr std::string_view kNote = "an optional note that is set";

inline uint8_t blob_byte(int i) { return static_cast<uint8_t>(i * 7 + 1); }
inline int32_t sample_value(int i) { return i * 1000 - 3; }
// Counter names are "counter-0" .. "counter-7".
inline int64_t counter_value(int i) { return int64_t{i} << 33; }

}  // namespace bench::sample
