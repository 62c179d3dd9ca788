#pragma once
// A lock-free histogram of wall-clock latencies (dispatch latency in live
// mode). Writers on any thread add with one relaxed atomic increment;
// readers take approximate quantiles from the buckets. Buckets are
// logarithmic: 8 per octave from 1 microsecond to about 1 hour.
#include <array>
#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

namespace ccsim {

class latency_histogram {
public:
  static constexpr int buckets = 8 * 32;  ///< 2^32 us ~ 71 minutes

  void add_ns(std::int64_t ns);
  std::uint64_t count() const;
  /// Upper bound (ms) of the bucket holding quantile q; 0 when empty.
  double quantile_ms(double q) const;
  double max_ms() const;
  /// (upper bound ms, cumulative count) for every bucket up to the last non-empty one.
  std::vector<std::pair<double, std::uint64_t>> cumulative() const;
  /// Upper bound of bucket i in microseconds.
  static double upper_us(int i);

private:
  std::array<std::atomic<std::uint64_t>, buckets> counts_{};
  std::atomic<std::int64_t> max_ns_{0};
};

} // namespace ccsim
