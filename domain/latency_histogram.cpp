#include "domain/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace ccsim {

double latency_histogram::upper_us(int i) { return std::exp2((i + 1) / 8.0); }

void latency_histogram::add_ns(std::int64_t ns) {
  double us = static_cast<double>(ns < 0 ? 0 : ns) / 1000.0;
  int i = us <= 1.0 ? 0 : static_cast<int>(std::ceil(std::log2(us) * 8.0)) - 1;
  if (i < 0) i = 0;
  if (i >= buckets) i = buckets - 1;
  counts_[static_cast<std::size_t>(i)].fetch_add(1, std::memory_order_relaxed);
  auto prev = max_ns_.load(std::memory_order_relaxed);
  while (ns > prev && !max_ns_.compare_exchange_weak(prev, ns, std::memory_order_relaxed)) {
  }
}

std::uint64_t latency_histogram::count() const {
  std::uint64_t n = 0;
  for (auto& c : counts_) n += c.load(std::memory_order_relaxed);
  return n;
}

double latency_histogram::quantile_ms(double q) const {
  std::array<std::uint64_t, buckets> snap{};
  std::uint64_t n = 0;
  for (int i = 0; i < buckets; ++i) n += snap[static_cast<std::size_t>(i)] = counts_[static_cast<std::size_t>(i)].load(std::memory_order_relaxed);
  if (n == 0) return 0;
  auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(n)));
  if (rank == 0) rank = 1;
  std::uint64_t seen = 0;
  for (int i = 0; i < buckets; ++i) {
    seen += snap[static_cast<std::size_t>(i)];
    if (seen >= rank) return std::min(upper_us(i) / 1000.0, max_ms());
  }
  return max_ms();
}

double latency_histogram::max_ms() const {
  return static_cast<double>(max_ns_.load(std::memory_order_relaxed)) / 1e6;
}

std::vector<std::pair<double, std::uint64_t>> latency_histogram::cumulative() const {
  std::vector<std::pair<double, std::uint64_t>> out;
  int last = -1;
  for (int i = 0; i < buckets; ++i)
    if (counts_[static_cast<std::size_t>(i)].load(std::memory_order_relaxed) > 0) last = i;
  std::uint64_t sum = 0;
  for (int i = 0; i <= last; ++i) {
    sum += counts_[static_cast<std::size_t>(i)].load(std::memory_order_relaxed);
    out.emplace_back(upper_us(i) / 1000.0, sum);
  }
  return out;
}

} // namespace ccsim
