#include "domain/distribution.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace ccsim;

namespace {

struct sample_stats {
  double mean = 0;
  double sd = 0;
  double min = 0;
};

sample_stats draw_many(const distribution& d, int n, std::uint64_t seed) {
  rng r(seed);
  double sum = 0, sum2 = 0, lowest = 1e300;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample_seconds(r);
    sum += x;
    sum2 += x * x;
    lowest = std::min(lowest, x);
  }
  const double mean = sum / n;
  return {mean, std::sqrt(std::max(sum2 / n - mean * mean, 0.0)), lowest};
}

/// The truncated normal's mean in the form textbooks give it:
/// mean + sd * phi(alpha) / (1 - Phi(alpha)), alpha = (min - mean) / sd.
double truncated_mean_formula(double mean, double sd, double min) {
  const double alpha = (min - mean) / sd;
  const double phi = std::exp(-0.5 * alpha * alpha) / std::sqrt(2 * std::numbers::pi);
  const double upper = 0.5 * std::erfc(alpha / std::sqrt(2.0));
  return mean + sd * phi / upper;
}

} // namespace

TEST_CASE("every distribution kind has a name that reads back", "[domain]") {
  for (int i = 0; i < distribution_kind_count; ++i) {
    const auto k = static_cast<distribution_kind>(i);
    CAPTURE(i);
    CHECK(to_string(k) != "?");
    CHECK(distribution_kind_from_string(to_string(k)) == k);
  }
  CHECK(to_string(distribution_kind::normal_truncated) == "normal_truncated");
  CHECK_FALSE(distribution_kind_from_string("gamma").has_value());
}

TEST_CASE("a fixed distribution always gives its value, never a negative one", "[domain]") {
  rng r(1);
  distribution d{distribution_kind::fixed, 42.5};
  for (int i = 0; i < 10; ++i) CHECK(d.sample_seconds(r) == 42.5);
  CHECK(d.sample(r) == std::chrono::milliseconds(42500));
  CHECK(d.effective_mean() == 42.5);
  CHECK(d.effective_sd() == 0);
  distribution negative{distribution_kind::fixed, -3};
  CHECK(negative.sample_seconds(r) == 0);
}

TEST_CASE("the same seed gives the same durations", "[domain]") {
  const distribution d{distribution_kind::normal_truncated, 180, 180, 0};
  rng a(77), b(77);
  for (int i = 0; i < 100; ++i) CHECK(d.sample_seconds(a) == d.sample_seconds(b));
}

TEST_CASE("exponential durations have the configured mean and sd", "[domain][stat]") {
  const int n = 200000;
  const distribution d{distribution_kind::exponential, 180};
  const auto s = draw_many(d, n, 3);
  CAPTURE(s.mean, s.sd);
  CHECK(d.effective_mean() == 180);
  CHECK(d.effective_sd() == 180);
  CHECK(s.min >= 0);
  CHECK(std::abs(s.mean - 180) < 4 * 180 / std::sqrt(n));
}

TEST_CASE("a truncated normal has the analytic truncated mean, not the nominal one",
          "[domain][stat]") {
  const distribution d{distribution_kind::normal_truncated, 180, 180, 0};
  // mpmath at 40 digits: 231.76799..., 142.83499...
  CHECK(d.effective_mean() == Approx(231.767994769052).epsilon(1e-12));
  CHECK(d.effective_sd() == Approx(142.834994518717).epsilon(1e-12));
  CHECK(d.effective_mean() == Approx(truncated_mean_formula(180, 180, 0)).epsilon(1e-12));

  const int n = 200000;
  const auto s = draw_many(d, n, 17);
  CAPTURE(s.mean, s.sd, s.min);
  CHECK(s.min >= 0);
  CHECK(std::abs(s.mean - d.effective_mean()) < 4 * d.effective_sd() / std::sqrt(n));
  CHECK(std::abs(s.sd - d.effective_sd()) < 0.02 * d.effective_sd());
}

TEST_CASE("a truncated normal cut above its mean is sampled exactly", "[domain][stat]") {
  // alpha = 0.5: the exponential-proposal sampler takes over from redrawing.
  const distribution d{distribution_kind::normal_truncated, 60, 120, 120};
  CHECK(d.effective_mean() == Approx(truncated_mean_formula(60, 120, 120)).epsilon(1e-12));
  const int n = 200000;
  const auto s = draw_many(d, n, 23);
  CAPTURE(s.mean, s.sd, s.min, d.effective_mean(), d.effective_sd());
  CHECK(s.min >= 120);
  CHECK(std::abs(s.mean - d.effective_mean()) < 4 * d.effective_sd() / std::sqrt(n));
  CHECK(std::abs(s.sd - d.effective_sd()) < 0.02 * d.effective_sd());
}

TEST_CASE("sampling ends even when the bound lies ten sds above the mean", "[domain][stat]") {
  // P(x >= 20) = 7.6e-24: redrawing would never finish.
  const distribution d{distribution_kind::normal_truncated, 10, 1, 20};
  // mpmath: 20.0980932339625, sd 0.0971873336688288.
  CHECK(d.effective_mean() == Approx(20.0980932339625).epsilon(1e-12));
  CHECK(d.effective_sd() == Approx(0.0971873336688288).epsilon(1e-9));
  const int n = 100000;
  const auto s = draw_many(d, n, 29);
  CAPTURE(s.mean, s.sd, s.min);
  CHECK(s.min >= 20);
  CHECK(std::abs(s.mean - d.effective_mean()) < 4 * d.effective_sd() / std::sqrt(n));
}

TEST_CASE("truncated moments stay exact far in the tail", "[domain]") {
  // Standard normal cut at 8 and 40 (mpmath references); the formulas switch
  // method at 5 sds, so both sides of the switch must agree.
  distribution d{distribution_kind::normal_truncated, 0, 1, 8};
  CHECK(d.effective_mean() == Approx(8.12136811223611).epsilon(1e-13));
  CHECK(d.effective_sd() == Approx(0.119686605112439).epsilon(1e-12));
  d.min = 40;
  CHECK(d.effective_mean() == Approx(40.0249688472073).epsilon(1e-13));
  CHECK(d.effective_sd() == Approx(0.0249533239988461).epsilon(1e-12));
  distribution below{distribution_kind::normal_truncated, 0, 1, 5 - 1e-9};
  distribution above{distribution_kind::normal_truncated, 0, 1, 5 + 1e-9};
  CHECK(below.effective_mean() == Approx(above.effective_mean()).epsilon(1e-8));
  CHECK(below.effective_sd() == Approx(above.effective_sd()).epsilon(1e-7));
}

TEST_CASE("a clamped normal piles the low draws onto the bound", "[domain][stat]") {
  const distribution d{distribution_kind::normal_clamped, 180, 180, 0};
  // mpmath: E[max(X, 0)] = 194.99678..., sd 155.99758...
  CHECK(d.effective_mean() == Approx(194.996784705784).epsilon(1e-12));
  CHECK(d.effective_sd() == Approx(155.997580026320).epsilon(1e-12));

  const int n = 200000;
  rng r(31);
  double sum = 0, lowest = 0;
  int at_bound = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample_seconds(r);
    lowest = std::min(lowest, x);
    sum += x;
    if (x == 0) ++at_bound;
  }
  CHECK(lowest == 0);
  const double mean = sum / n;
  const double share = static_cast<double>(at_bound) / n;
  const double p = 0.158655253931457;  // Phi(-1)
  CAPTURE(mean, share);
  CHECK(std::abs(mean - d.effective_mean()) < 4 * d.effective_sd() / std::sqrt(n));
  CHECK(std::abs(share - p) < 4 * std::sqrt(p * (1 - p) / n));

  // Far above the mean nearly every draw is the bound (mpmath references).
  const distribution high{distribution_kind::normal_clamped, 0, 1, 3};
  CHECK(high.effective_mean() == Approx(3.00038215431705).epsilon(1e-12));
  CHECK(high.effective_sd() == Approx(0.0142579465058923).epsilon(1e-9));
}

TEST_CASE("a lognormal takes the mean and sd of the values, not of their log",
          "[domain][stat]") {
  const distribution d{distribution_kind::lognormal, 180, 90};
  CHECK(d.effective_mean() == 180);
  CHECK(d.effective_sd() == 90);
  // log X ~ normal(mu, sigma) with sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2.
  const double sigma2 = std::log(1.25);
  const double mu = std::log(180.0) - sigma2 / 2;
  const int n = 200000;
  rng r(37);
  double sum = 0, sum_log = 0, sum_log2 = 0;
  int non_positive = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample_seconds(r);
    if (!(x > 0)) ++non_positive;
    sum += x;
    sum_log += std::log(x);
    sum_log2 += std::log(x) * std::log(x);
  }
  const double mean = sum / n;
  const double mean_log = sum_log / n;
  const double var_log = sum_log2 / n - mean_log * mean_log;
  CAPTURE(mean, mean_log, var_log);
  CHECK(non_positive == 0);
  CHECK(std::abs(mean - 180) < 4 * 90 / std::sqrt(n));
  CHECK(std::abs(mean_log - mu) < 4 * std::sqrt(sigma2 / n));
  CHECK(std::abs(var_log - sigma2) < 4 * sigma2 * std::sqrt(2.0 / n));
}

TEST_CASE("degenerate parameters give fixed, non-negative durations", "[domain]") {
  rng r(41);
  CHECK(distribution{distribution_kind::exponential, 0}.sample_seconds(r) == 0);
  CHECK(distribution{distribution_kind::lognormal, 50, 0}.sample_seconds(r) == 50);
  CHECK(distribution{distribution_kind::lognormal, -5, 3}.sample_seconds(r) == 0);
  CHECK(distribution{distribution_kind::normal_truncated, 30, 0, 60}.sample_seconds(r) == 60);
  CHECK(distribution{distribution_kind::normal_clamped, -30, 0, -10}.sample_seconds(r) == 0);
  // A bound below 0 acts as 0: durations cannot be negative.
  const distribution low{distribution_kind::normal_truncated, 10, 100, -50};
  double lowest = 0;
  for (int i = 0; i < 1000; ++i) lowest = std::min(lowest, low.sample_seconds(r));
  CHECK(lowest >= 0);
  CHECK(low.effective_mean() == Approx(truncated_mean_formula(10, 100, 0)).epsilon(1e-12));
}

TEST_CASE("descriptions name the shape, the parameters and the real mean", "[domain]") {
  CHECK(distribution{distribution_kind::exponential, 180}.describe() == "exponential(mean 180 s)");
  CHECK(distribution{distribution_kind::fixed, 2.5}.describe() == "fixed(2.5 s)");
  CHECK(distribution{distribution_kind::normal_truncated, 180, 180, 0}.describe()
        == "normal truncated at 0 s (mean 180 s, sd 180 s; effective mean 231.8 s)");
  CHECK(distribution{distribution_kind::normal_clamped, 180, 180, 0}.describe()
        == "normal clamped at 0 s (mean 180 s, sd 180 s; effective mean 195 s)");
  CHECK(distribution{distribution_kind::lognormal, 180, 90}.describe()
        == "lognormal(mean 180 s, sd 90 s)");
}
