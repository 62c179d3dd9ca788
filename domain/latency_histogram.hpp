#pragma once
// A lock-free histogram of wall-clock latencies (dispatch latency in live
// mode). Writers on any thread add with relaxed atomic increments; readers
// take a plain copy of the counts (latency_counts), which merges across
// histograms and answers quantiles, so one tenant and all tenants together
// are read by the same code. Buckets are logarithmic: 8 per octave from
// 1 microsecond to about 1 hour.
#include <array>
#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

namespace ccsim {

/// Bucket counts, exact sum and maximum of latencies: a snapshot of one
/// latency_histogram, or of several merged.
struct latency_counts {
  static constexpr int buckets = 8 * 32;  ///< 2^32 us ~ 71 minutes

  std::array<std::uint64_t, buckets> counts{};
  std::uint64_t count = 0;  ///< sum of counts
  std::int64_t sum_ns = 0;  ///< of every latency added (negative ones as 0)
  std::int64_t max_ns = 0;

  /// Adds the other's latencies, as if they had been added here.
  void merge(const latency_counts& other);
  /// Upper bound (ms) of the bucket holding the nearest-rank quantile q,
  /// clipped to the maximum; 0 when empty.
  double quantile_ms(double q) const;
  double sum_ms() const { return static_cast<double>(sum_ns) / 1e6; }
  double max_ms() const { return static_cast<double>(max_ns) / 1e6; }
  /// (upper bound ms, cumulative count) for every bucket up to the last non-empty one.
  std::vector<std::pair<double, std::uint64_t>> cumulative() const;
  /// Upper bound of bucket i in microseconds.
  static double upper_us(int i);
  /// The bucket of a latency.
  static int bucket_of(std::int64_t ns);
};

class latency_histogram {
public:
  static constexpr int buckets = latency_counts::buckets;

  void add_ns(std::int64_t ns);
  /// The counts now. Taken bucket by bucket while writers may add: each
  /// field is exact, and they agree with each other once writers are quiet.
  latency_counts read() const;

  std::uint64_t count() const { return read().count; }
  double quantile_ms(double q) const { return read().quantile_ms(q); }

private:
  std::array<std::atomic<std::uint64_t>, buckets> counts_{};
  std::atomic<std::int64_t> sum_ns_{0};
  std::atomic<std::int64_t> max_ns_{0};
};

} // namespace ccsim
