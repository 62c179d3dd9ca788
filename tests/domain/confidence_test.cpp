#include "domain/confidence.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "domain/random.hpp"

using namespace ccsim;

TEST_CASE("t critical values match the printed t table", "[domain]") {
  // Two-sided 95% column of the t table (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2).
  CHECK(student_t_quantile_975(1) == Approx(12.706).margin(5e-4));
  CHECK(student_t_quantile_975(2) == Approx(4.303).margin(5e-4));
  CHECK(student_t_quantile_975(5) == Approx(2.571).margin(5e-4));
  CHECK(student_t_quantile_975(7) == Approx(2.365).margin(5e-4));
  CHECK(student_t_quantile_975(10) == Approx(2.228).margin(5e-4));
  CHECK(student_t_quantile_975(30) == Approx(2.042).margin(5e-4));
  CHECK(student_t_quantile_975(40) == Approx(2.021).margin(5e-4));
  CHECK(student_t_quantile_975(60) == Approx(2.000).margin(5e-4));
  CHECK(student_t_quantile_975(100) == Approx(1.984).margin(5e-4));
  CHECK(student_t_quantile_975(1000000) == Approx(1.960).margin(5e-4));
  CHECK(std::isinf(student_t_quantile_975(0)));
}

TEST_CASE("t critical values are exact across the switch from table to expansion",
          "[domain]") {
  // References: the t CDF inverted with mpmath at 30 digits.
  CHECK(student_t_quantile_975(1) == Approx(12.7062047361747).epsilon(1e-13));
  CHECK(student_t_quantile_975(30) == Approx(2.04227245630124).epsilon(1e-13));
  CHECK(student_t_quantile_975(31) == Approx(2.03951344639641).epsilon(2e-8));
  CHECK(student_t_quantile_975(40) == Approx(2.02107539030627).epsilon(1e-8));
  CHECK(student_t_quantile_975(120) == Approx(1.97993040508).epsilon(1e-9));
  // Falls monotonically towards the normal value.
  for (unsigned df = 1; df < 200; ++df) {
    CAPTURE(df);
    CHECK(student_t_quantile_975(df + 1) < student_t_quantile_975(df));
  }
  // The normal value plus (z^3 + z) / (4 df): 6e-10 above it at 4e9.
  CHECK(student_t_quantile_975(4000000000u) == Approx(1.95996398513).epsilon(1e-11));
}

TEST_CASE("a confidence interval uses the sample sd and Student t", "[domain]") {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample sd sqrt(32 / 7).
  const auto ci = confidence_95({2, 4, 4, 4, 5, 5, 7, 9});
  CHECK(ci.n == 8);
  CHECK(ci.mean == Approx(5));
  CHECK(ci.half_width == Approx(2.36462425159279 * std::sqrt(32.0 / 7) / std::sqrt(8.0)));
}

TEST_CASE("fewer than two samples give no interval width", "[domain]") {
  const auto none = confidence_95({});
  CHECK(none.n == 0);
  CHECK(none.mean == 0);
  CHECK(none.half_width == 0);
  const auto one = confidence_95({3.5});
  CHECK(one.n == 1);
  CHECK(one.mean == 3.5);
  CHECK(one.half_width == 0);
  const auto same = confidence_95({1e9 + 0.5, 1e9 + 0.5, 1e9 + 0.5});
  CHECK(same.mean == 1e9 + 0.5);
  CHECK(same.half_width == 0);
}

TEST_CASE("95% intervals cover the true mean about 95% of the time", "[domain][stat]") {
  // 4000 intervals from 5 normal samples each: coverage is binomial.
  const int trials = 4000;
  rng r(808);
  int covered = 0;
  for (int i = 0; i < trials; ++i) {
    std::vector<double> xs;
    for (int k = 0; k < 5; ++k) xs.push_back(10 + 3 * r.standard_normal());
    const auto ci = confidence_95(xs);
    if (std::abs(ci.mean - 10) <= ci.half_width) ++covered;
  }
  const double share = static_cast<double>(covered) / trials;
  CAPTURE(share);
  CHECK(std::abs(share - 0.95) < 4 * std::sqrt(0.95 * 0.05 / trials));
}
