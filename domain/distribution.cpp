#include "domain/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ccsim {

namespace {

constexpr double inv_sqrt_2pi = 0.398942280401432677939946059934;
constexpr double inv_sqrt_2 = 0.707106781186547524400844362105;

double normal_pdf(double x) { return inv_sqrt_2pi * std::exp(-0.5 * x * x); }

/// What the moments of a normal cut at `a` standard deviations need. With Y
/// standard normal and lambda = pdf(a) / P(Y > a) (the inverse Mills ratio):
struct normal_tail {
  double q = 0;            ///< P(Y > a)
  double d = 0;            ///< lambda - a = E[Y - a | Y > a]
  double var = 0;          ///< Var(Y | Y > a) = 1 - lambda * d
  double one_minus_ad = 0; ///< 1 - a * d = E[(Y - a)^2 | Y > a]
};

normal_tail tail_at(double a) {
  normal_tail t;
  t.q = 0.5 * std::erfc(a * inv_sqrt_2);
  if (a < 5.0) {
    // Moderate cut: the direct formulas lose at most a few digits.
    const double lambda = normal_pdf(a) / t.q;
    t.d = lambda - a;
    t.var = 1.0 - lambda * t.d;
    t.one_minus_ad = 1.0 - a * t.d;
    return t;
  }
  // Far in the tail pdf/q underflows and 1 - lambda*d cancels. Laplace's
  // continued fraction for the Mills ratio, lambda = a + 1/(a + 2/(a + 3/...)),
  // gives d and both differences without subtracting nearly equal numbers.
  // 60 terms reach full double precision from a = 5 on.
  double h = a;
  for (int k = 60; k >= 3; --k) h = a + k / h;
  const double tt = 2.0 / h;  // so that lambda = a + 1 / (a + tt)
  const double g = a + tt;
  t.d = 1.0 / g;
  t.var = (tt - t.d) / g;
  t.one_minus_ad = tt / g;
  return t;
}

/// Durations are never negative, so a lower bound below 0 acts as 0.
double lower_bound_of(const distribution& d) { return std::max(d.min, 0.0); }

/// True when the normal is a point mass (no or invalid spread).
bool degenerate_normal(const distribution& d) {
  return !(d.sd > 0) || !std::isfinite(d.sd) || !std::isfinite(d.mean);
}

double sample_truncated_normal(const distribution& d, rng& r) {
  const double lo = lower_bound_of(d);
  if (degenerate_normal(d)) return std::max(d.mean, lo);
  const double a = (lo - d.mean) / d.sd;
  if (a <= 0) {
    // At least half of all draws are accepted.
    for (;;) {
      const double x = d.mean + d.sd * r.standard_normal();
      if (x >= lo) return x;
    }
  }
  // Robert (1995), "Simulation of truncated normal variables": propose
  // a + Exp(rate) with the optimal rate, accept with exp(-(z - rate)^2 / 2).
  // Acceptance is at least 76% (its value at a = 0) and tends to 1 as a
  // grows, so an unlikely bound never makes sampling spin.
  const double rate = 0.5 * (a + std::sqrt(a * a + 4.0));
  for (;;) {
    const double excess = r.exponential(1.0) / rate;  // z - a
    const double diff = a + excess - rate;
    if (r.uniform() < std::exp(-0.5 * diff * diff)) return lo + d.sd * excess;
  }
}

double sample_lognormal(const distribution& d, rng& r) {
  if (!(d.mean > 0)) return 0.0;
  if (!(d.sd > 0)) return d.mean;
  // Moments of the lognormal itself -> parameters of its log.
  const double cv = d.sd / d.mean;
  const double sigma2 = std::log1p(cv * cv);
  const double mu = std::log(d.mean) - 0.5 * sigma2;
  return std::exp(mu + std::sqrt(sigma2) * r.standard_normal());
}

struct moments {
  double mean = 0;
  double sd = 0;
};

moments normal_moments(const distribution& d, bool truncated) {
  const double lo = lower_bound_of(d);
  if (degenerate_normal(d)) return {std::max(d.mean, lo), 0.0};
  const double a = (lo - d.mean) / d.sd;
  const normal_tail t = tail_at(a);
  if (truncated)
    return {lo + d.sd * t.d, d.sd * std::sqrt(std::max(t.var, 0.0))};
  // Clamped: X = lo + sd * W with W = max(Y - a, 0);
  // E[W] = q * d and E[W^2] = q * (1 - a * d).
  const double ew = t.q * t.d;
  const double ew2 = t.q * t.one_minus_ad;
  return {lo + d.sd * ew, d.sd * std::sqrt(std::max(ew2 - ew * ew, 0.0))};
}

moments moments_of(const distribution& d) {
  switch (d.kind) {
    case distribution_kind::fixed: return {std::max(d.mean, 0.0), 0.0};
    case distribution_kind::exponential: {
      const double m = std::max(d.mean, 0.0);
      return {m, m};
    }
    case distribution_kind::normal_truncated: return normal_moments(d, true);
    case distribution_kind::normal_clamped: return normal_moments(d, false);
    case distribution_kind::lognormal:
      if (!(d.mean > 0)) return {0.0, 0.0};
      return {d.mean, std::max(d.sd, 0.0)};
  }
  return {};
}

/// About four significant digits, no trailing zeros: 180, 231.8, 0.25, 12346.
std::string format_seconds(double x) {
  const double mag = std::fabs(x);
  const int decimals = mag >= 1000 ? 0 : mag >= 100 ? 1 : mag >= 10 ? 2 : 3;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s + " s";
}

} // namespace

std::string_view to_string(distribution_kind k) {
  switch (k) {
    case distribution_kind::fixed: return "fixed";
    case distribution_kind::exponential: return "exponential";
    case distribution_kind::normal_truncated: return "normal_truncated";
    case distribution_kind::normal_clamped: return "normal_clamped";
    case distribution_kind::lognormal: return "lognormal";
  }
  return "?";
}

std::optional<distribution_kind> distribution_kind_from_string(std::string_view s) {
  for (int i = 0; i < distribution_kind_count; ++i)
    if (to_string(static_cast<distribution_kind>(i)) == s) return static_cast<distribution_kind>(i);
  return std::nullopt;
}

double distribution::sample_seconds(rng& r) const {
  switch (kind) {
    case distribution_kind::fixed: return std::max(mean, 0.0);
    case distribution_kind::exponential: return mean > 0 ? r.exponential(mean) : 0.0;
    case distribution_kind::normal_truncated: return sample_truncated_normal(*this, r);
    case distribution_kind::normal_clamped: {
      const double lo = lower_bound_of(*this);
      if (degenerate_normal(*this)) return std::max(mean, lo);
      return std::max(mean + sd * r.standard_normal(), lo);
    }
    case distribution_kind::lognormal: return sample_lognormal(*this, r);
  }
  return 0.0;
}

double distribution::effective_mean() const { return moments_of(*this).mean; }

double distribution::effective_sd() const { return moments_of(*this).sd; }

std::string distribution::describe() const {
  switch (kind) {
    case distribution_kind::fixed: return "fixed(" + format_seconds(std::max(mean, 0.0)) + ")";
    case distribution_kind::exponential: return "exponential(mean " + format_seconds(mean) + ")";
    case distribution_kind::normal_truncated:
    case distribution_kind::normal_clamped:
      return std::string(kind == distribution_kind::normal_truncated ? "normal truncated at "
                                                                      : "normal clamped at ")
             + format_seconds(lower_bound_of(*this)) + " (mean " + format_seconds(mean) + ", sd "
             + format_seconds(sd) + "; effective mean " + format_seconds(effective_mean()) + ")";
    case distribution_kind::lognormal:
      return "lognormal(mean " + format_seconds(mean) + ", sd " + format_seconds(sd) + ")";
  }
  return "?";
}

} // namespace ccsim
