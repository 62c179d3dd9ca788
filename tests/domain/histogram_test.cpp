#include "domain/histogram.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "domain/random.hpp"

using namespace ccsim;

namespace {

/// The exact nearest-rank quantile of a sample.
double exact_quantile(std::vector<double> xs, double q) {
  std::sort(xs.begin(), xs.end());
  const auto rank = static_cast<std::size_t>(
      std::max(1.0, std::ceil(q * static_cast<double>(xs.size()) - 1e-9)));
  return xs[rank - 1];
}

} // namespace

TEST_CASE("an empty histogram reports zeros", "[domain]") {
  duration_histogram h;
  CHECK(h.count() == 0);
  CHECK(h.max() == 0);
  CHECK(h.quantile(0.5) == 0);
  CHECK(h.quantile(1.0) == 0);
}

TEST_CASE("zero waits are counted exactly", "[domain]") {
  duration_histogram h;
  for (int i = 0; i < 80; ++i) h.add(0);
  for (int i = 0; i < 20; ++i) h.add(30);
  CHECK(h.count() == 100);
  CHECK(h.zero_count() == 80);
  CHECK(h.quantile(0.5) == 0);
  CHECK(h.quantile(0.8) == 0);
  CHECK(h.quantile(0.81) == 30);  // upper bound clipped to the max seen
  CHECK(h.max() == 30);
}

TEST_CASE("quantiles follow the nearest-rank definition", "[domain]") {
  duration_histogram h;
  for (int i = 1; i <= 20; ++i) h.add(i);  // 1, 2, ..., 20 seconds
  // Rank ceil(q * 20): 0.95 -> 19, 0.5 -> 10, 0.51 -> 11, 0 -> 1.
  CHECK(h.quantile(0.95) >= 19);
  CHECK(h.quantile(0.95) <= 19 * (1 + 1.0 / 128));
  CHECK(h.quantile(0.5) >= 10);
  CHECK(h.quantile(0.5) < 11);
  CHECK(h.quantile(0.51) >= 11);
  CHECK(h.quantile(0.0) >= 1);
  CHECK(h.quantile(0.0) < 2);
  CHECK(h.quantile(1.0) == 20);
}

TEST_CASE("a quantile is never below the true one and at most one bucket above",
          "[domain][stat]") {
  rng r(4242);
  std::vector<double> xs;
  duration_histogram h;
  for (int i = 0; i < 50000; ++i) {
    // Spread over six orders of magnitude, with some exact zeros.
    const double x = i % 10 == 0 ? 0.0 : std::exp(r.uniform() * 14 - 7);
    xs.push_back(x);
    h.add(x);
  }
  for (double q : {0.01, 0.1, 0.25, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 1.0}) {
    const double want = exact_quantile(xs, q);
    const double got = h.quantile(q);
    CAPTURE(q, want, got);
    CHECK(got >= want);
    CHECK(got <= want * (1 + 1.0 / 128) + 1e-300);
  }
  CHECK(h.max() == *std::max_element(xs.begin(), xs.end()));
}

TEST_CASE("values across the whole range keep their relative precision", "[domain]") {
  for (double x : {1e-6, 0.001, 0.37, 1.0, 20.0, 3599.9, 86400.0, 10 * 86400.0}) {
    duration_histogram h;
    h.add(x);
    h.add(2 * x);  // so that the max does not clip the answer for rank 1
    const double got = h.quantile(0.5);
    CAPTURE(x, got);
    CHECK(got >= x);
    CHECK(got <= x * (1 + 1.0 / 128));
  }
  duration_histogram tiny;
  tiny.add(1e-9);
  tiny.add(1.0);
  CHECK(tiny.quantile(0.5) > 0);
  CHECK(tiny.quantile(0.5) <= std::ldexp(1.0, -20));
}

TEST_CASE("values beyond the range are counted as overflow and reported as the max",
          "[domain]") {
  duration_histogram h;
  h.add(5);
  h.add(2e6);  // about 23 days
  h.add(3e6);
  CHECK(h.count() == 3);
  CHECK(h.overflow_count() == 2);
  CHECK(h.max() == 3e6);
  CHECK(h.quantile(1.0) == 3e6);
  CHECK(h.quantile(0.6) == 3e6);
  CHECK(h.quantile(0.3) >= 5);
  CHECK(h.quantile(0.3) <= 5 * (1 + 1.0 / 128));
}

TEST_CASE("merging equals adding everything to one histogram", "[domain]") {
  rng r(99);
  duration_histogram a, b, all;
  for (int i = 0; i < 10000; ++i) {
    const double x = i % 7 == 0 ? 0.0 : r.exponential(60);
    (i % 3 == 0 ? a : b).add(x);
    all.add(x);
  }
  b.add(5e6);
  all.add(5e6);
  duration_histogram merged;
  merged.merge(a);
  merged.merge(b);
  CHECK(merged.count() == all.count());
  CHECK(merged.zero_count() == all.zero_count());
  CHECK(merged.overflow_count() == all.overflow_count());
  CHECK(merged.max() == all.max());
  for (double q = 0; q <= 1.0; q += 0.01) {
    CAPTURE(q);
    CHECK(merged.quantile(q) == all.quantile(q));
  }
}
