// A log-linear latency histogram: 32 linear sub-buckets per power of two, so
// any recorded value is reported within 1/32 (about 3%) of itself. Recording
// is an index computation and an increment; nothing allocates after
// construction.
#pragma once

#include <array>
#include <cstdint>

namespace bench {

class Histogram {
 public:
  void record(uint64_t value);
  void merge(const Histogram& other);
  void clear();

  uint64_t count() const { return count_; }
  double mean() const { return count_ == 0 ? 0.0 : static_cast<double>(sum_) / count_; }
  uint64_t max() const { return max_; }
  // The value below which `fraction` (0..1] of recorded values lie, as the
  // midpoint of its bucket; 0 when empty.
  uint64_t percentile(double fraction) const;

 private:
  static constexpr int kSubBits = 5;
  static constexpr int kSubBuckets = 1 << kSubBits;
  static constexpr int kBuckets = (64 - kSubBits + 1) * kSubBuckets;

  static int index_of(uint64_t value);
  static uint64_t lowest_in(int index);

  std::array<uint64_t, kBuckets> counts_{};
  uint64_t count_ = 0;
  uint64_t sum_ = 0;
  uint64_t max_ = 0;
};

}  // namespace bench
