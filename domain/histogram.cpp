#include "domain/histogram.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>

namespace ccsim {

namespace {

// A positive double's bits, shifted right by 52 - sub_bits, are
// (biased exponent, top sub_bits of the mantissa): a bucket number that
// grows with the value, with 2^sub_bits linear buckets per power of two.
constexpr int sub_bits = 7;
constexpr int mantissa_bits = 52;
constexpr int shift = mantissa_bits - sub_bits;
constexpr std::int64_t min_exponent = -20;  // 2^-20 s, about 1 us
constexpr std::int64_t max_exponent = 20;   // 2^20 s, about 12 days
constexpr std::uint64_t first_key = static_cast<std::uint64_t>(1023 + min_exponent) << sub_bits;

const double range_min = std::ldexp(1.0, min_exponent);
const double range_end = std::ldexp(1.0, max_exponent);

/// Index into counts_: 0 for (0, 2^-20), then one per key.
std::size_t bucket_of(double positive_seconds) {
  if (positive_seconds < range_min) return 0;
  const std::uint64_t key = std::bit_cast<std::uint64_t>(positive_seconds) >> shift;
  return static_cast<std::size_t>(key - first_key) + 1;
}

/// The value just above bucket `i`: the lower bound of the next one.
double upper_bound_of(std::size_t i) {
  return std::bit_cast<double>((first_key + i) << shift);
}

} // namespace

void duration_histogram::add(double seconds) {
  assert(seconds >= 0);
  ++count_;
  if (!(seconds > 0)) {
    ++zeros_;
    return;
  }
  max_ = std::max(max_, seconds);
  if (!(seconds < range_end)) {
    ++overflow_;
    return;
  }
  const std::size_t i = bucket_of(seconds);
  if (i >= counts_.size()) counts_.resize(i + 1, 0);
  ++counts_[i];
}

void duration_histogram::merge(const duration_histogram& other) {
  if (other.counts_.size() > counts_.size()) counts_.resize(other.counts_.size(), 0);
  for (std::size_t i = 0; i < other.counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  zeros_ += other.zeros_;
  overflow_ += other.overflow_;
  max_ = std::max(max_, other.max_);
}

double duration_histogram::quantile(double q) const {
  if (count_ == 0) return 0.0;
  // Rank of the value asked for, 1-based. q * count is snapped to a nearby
  // integer first, so that 0.95 * 20 means rank 19 even though the product
  // rounds to 19.000000000000004.
  const double n = static_cast<double>(count_);
  double x = std::clamp(q, 0.0, 1.0) * n;
  const double nearest = std::round(x);
  if (std::fabs(x - nearest) <= 1e-12 * std::max(1.0, x)) x = nearest;
  const std::uint64_t rank = std::clamp<std::uint64_t>(static_cast<std::uint64_t>(std::ceil(x)),
                                                       1, count_);
  std::uint64_t seen = zeros_;
  if (seen >= rank) return 0.0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::min(upper_bound_of(i), max_);
  }
  return max_;  // the rank lies among the overflow values
}

} // namespace ccsim
