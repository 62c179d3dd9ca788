#pragma once
// Wait-time percentiles in memory that does not grow with the number of
// calls: counts in log-linear buckets of seconds (the HDR histogram idea,
// keyed directly on the bits of the double).
#include <cstdint>
#include <vector>

namespace ccsim {

/// Counts of non-negative durations in seconds.
///
/// Buckets: zero is its own, exact bucket. From 2^-20 s (about 1 us) up to
/// 2^20 s (about 12 days) each power of two is split into 128 equal buckets,
/// so a bucket is at most 1/128 of its lower bound wide (0.8%). Positive
/// values below 2^-20 s share one bucket; values from 2^20 s on are counted
/// as overflow. Memory grows only with the largest value seen (at most about
/// 40 KB), never with the number of samples. Everything is exact integer
/// counting, so results are deterministic and independent of merge order.
class duration_histogram {
public:
  /// Counts one value. Negative values are a caller bug (asserted) and are
  /// counted as 0 in release builds.
  void add(double seconds);
  /// Adds the other histogram's counts, as if its values were added here.
  void merge(const duration_histogram& other);

  std::uint64_t count() const { return count_; }
  /// Values that were exactly 0.
  std::uint64_t zero_count() const { return zeros_; }
  /// Values at or above the top of the bucket range (2^20 s).
  std::uint64_t overflow_count() const { return overflow_; }
  /// The largest value added, exactly; 0 when empty.
  double max() const { return max_; }

  /// Nearest-rank quantile: the smallest v such that at least q * count()
  /// values are <= v, q in [0, 1] (q <= 0 gives the smallest value's bucket).
  /// Reported as the upper bound of the bucket holding that rank, clipped to
  /// max(): never below the true quantile, and above it by at most one
  /// bucket width (0.8%). Exact when at
  /// least q of the values are 0 (returns 0) and for the maximum. In the
  /// overflow range it returns max(). 0 when empty.
  double quantile(double q) const;

private:
  std::vector<std::uint64_t> counts_;  ///< [0]: (0, 2^-20); then 128 per octave
  std::uint64_t count_ = 0;
  std::uint64_t zeros_ = 0;
  std::uint64_t overflow_ = 0;
  double max_ = 0;
};

} // namespace ccsim
