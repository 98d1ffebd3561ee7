#include "load/histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace bench {

// Values below kSubBuckets have a bucket each; above, a value whose top bit
// is bit e lands in row e - kSubBits + 1, column = the kSubBits bits below it.
int Histogram::index_of(uint64_t value) {
  if (value < kSubBuckets) return static_cast<int>(value);
  int top = 63 - std::countl_zero(value);
  int row = top - kSubBits + 1;
  auto column = static_cast<int>((value >> (top - kSubBits)) & (kSubBuckets - 1));
  return row * kSubBuckets + column;
}

uint64_t Histogram::lowest_in(int index) {
  int row = index / kSubBuckets;
  auto column = static_cast<uint64_t>(index % kSubBuckets);
  if (row == 0) return column;
  int top = row + kSubBits - 1;
  return (uint64_t{1} << top) | (column << (top - kSubBits));
}

void Histogram::record(uint64_t value) {
  ++counts_[static_cast<size_t>(index_of(value))];
  ++count_;
  sum_ += value;
  max_ = std::max(max_, value);
}

void Histogram::merge(const Histogram& other) {
  for (size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  max_ = std::max(max_, other.max_);
}

void Histogram::clear() { *this = Histogram(); }

uint64_t Histogram::percentile(double fraction) const {
  if (count_ == 0) return 0;
  auto rank = static_cast<uint64_t>(std::ceil(fraction * static_cast<double>(count_)));
  rank = std::clamp<uint64_t>(rank, 1, count_);
  uint64_t seen = 0;
  for (int i = 0; i < kBuckets; ++i) {
    seen += counts_[static_cast<size_t>(i)];
    if (seen >= rank) {
      uint64_t low = lowest_in(i);
      uint64_t high = i + 1 < kBuckets ? lowest_in(i + 1) : max_ + 1;
      return std::min(max_, low + (high - low - 1) / 2);
    }
  }
  return max_;
}

}  // namespace bench
