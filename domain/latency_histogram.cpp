#include "domain/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace ccsim {

double latency_counts::upper_us(int i) { return std::exp2((i + 1) / 8.0); }

int latency_counts::bucket_of(std::int64_t ns) {
  double us = static_cast<double>(ns < 0 ? 0 : ns) / 1000.0;
  int i = us <= 1.0 ? 0 : static_cast<int>(std::ceil(std::log2(us) * 8.0)) - 1;
  return std::clamp(i, 0, buckets - 1);
}

void latency_counts::merge(const latency_counts& other) {
  for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += other.counts[i];
  count += other.count;
  sum_ns += other.sum_ns;
  max_ns = std::max(max_ns, other.max_ns);
}

double latency_counts::quantile_ms(double q) const {
  if (count == 0) return 0;
  auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count)));
  rank = std::max<std::uint64_t>(rank, 1);
  std::uint64_t seen = 0;
  for (int i = 0; i < buckets; ++i) {
    seen += counts[static_cast<std::size_t>(i)];
    if (seen >= rank) return std::min(upper_us(i) / 1000.0, max_ms());
  }
  return max_ms();
}

std::vector<std::pair<double, std::uint64_t>> latency_counts::cumulative() const {
  std::vector<std::pair<double, std::uint64_t>> out;
  int last = -1;
  for (int i = 0; i < buckets; ++i)
    if (counts[static_cast<std::size_t>(i)] > 0) last = i;
  std::uint64_t sum = 0;
  for (int i = 0; i <= last; ++i) {
    sum += counts[static_cast<std::size_t>(i)];
    out.emplace_back(upper_us(i) / 1000.0, sum);
  }
  return out;
}

void latency_histogram::add_ns(std::int64_t ns) {
  auto i = static_cast<std::size_t>(latency_counts::bucket_of(ns));
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(ns < 0 ? 0 : ns, std::memory_order_relaxed);
  auto prev = max_ns_.load(std::memory_order_relaxed);
  while (ns > prev && !max_ns_.compare_exchange_weak(prev, ns, std::memory_order_relaxed)) {
  }
}

latency_counts latency_histogram::read() const {
  latency_counts out;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    out.counts[i] = counts_[i].load(std::memory_order_relaxed);
    out.count += out.counts[i];
  }
  out.sum_ns = sum_ns_.load(std::memory_order_relaxed);
  out.max_ns = max_ns_.load(std::memory_order_relaxed);
  return out;
}

} // namespace ccsim
