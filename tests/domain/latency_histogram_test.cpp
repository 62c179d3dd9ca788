#include "domain/latency_histogram.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "domain/random.hpp"

using namespace ccsim;

TEST_CASE("an empty latency histogram reads as zeros", "[domain]") {
  latency_histogram h;
  auto c = h.read();
  CHECK(c.count == 0);
  CHECK(c.sum_ms() == 0);
  CHECK(c.max_ms() == 0);
  CHECK(c.quantile_ms(0.99) == 0);
  CHECK(c.cumulative().empty());
}

TEST_CASE("a latency read gives the count, the exact sum and the maximum", "[domain]") {
  latency_histogram h;
  for (std::int64_t ns : {1'500, 20'000, 20'000, 3'000'000}) h.add_ns(ns);
  h.add_ns(-5);  // a clock step backwards: counted, as 0
  auto c = h.read();
  CHECK(c.count == 5);
  CHECK(c.sum_ns == 3'041'500);
  CHECK(c.sum_ms() == Approx(3.0415));
  CHECK(c.max_ms() == Approx(3.0));
  CHECK(h.count() == 5);
}

TEST_CASE("latency quantiles are the upper bound of the rank's bucket, clipped to the maximum",
          "[domain]") {
  latency_histogram h;
  for (int i = 0; i < 99; ++i) h.add_ns(10'000);  // 10 us
  h.add_ns(2'000'000);                            // 2 ms
  auto c = h.read();
  auto b = latency_counts::bucket_of(10'000);
  CHECK(c.quantile_ms(0.50) == Approx(latency_counts::upper_us(b) / 1000.0));
  CHECK(c.quantile_ms(0.99) == Approx(latency_counts::upper_us(b) / 1000.0));
  CHECK(c.quantile_ms(1.0) == Approx(2.0));  // the top bucket's bound is above the max
  CHECK(latency_counts::upper_us(b) >= 10.0);
  CHECK(latency_counts::upper_us(b) < 10.0 * 1.0906);  // 8 buckets per octave: 2^(1/8)
  CHECK(h.quantile_ms(0.50) == c.quantile_ms(0.50));
  auto cum = c.cumulative();
  REQUIRE_FALSE(cum.empty());
  CHECK(cum.back().second == 100);
  CHECK(cum.back().first == Approx(latency_counts::upper_us(latency_counts::bucket_of(2'000'000)) / 1000.0));
}

TEST_CASE("merged latency counts equal one histogram fed with every latency", "[domain]") {
  rng r{5};
  latency_histogram parts[3], all;
  for (int i = 0; i < 3000; ++i) {
    auto ns = static_cast<std::int64_t>(r.exponential(50'000.0 * (1 + i % 3)));
    parts[i % 3].add_ns(ns);
    all.add_ns(ns);
  }
  latency_counts merged;
  for (auto& p : parts) merged.merge(p.read());
  auto one = all.read();
  CHECK(merged.counts == one.counts);
  CHECK(merged.count == one.count);
  CHECK(merged.sum_ns == one.sum_ns);
  CHECK(merged.max_ns == one.max_ns);
  for (double q : {0.0, 0.5, 0.9, 0.99, 1.0}) {
    CAPTURE(q);
    CHECK(merged.quantile_ms(q) == one.quantile_ms(q));
  }
  CHECK(merged.cumulative() == one.cumulative());
}
