#pragma once
// 95% confidence intervals for the mean of independent replications
// (Student t), as reported next to every KPI that comes from several runs.
#include <vector>

namespace ccsim {

/// Two-sided 95% critical value of Student's t (the 0.975 quantile):
/// 12.706 for 1 degree of freedom, 2.042 for 30, 1.960 in the limit.
/// Exact (to 15 digits) for 1..30 degrees of freedom; beyond that the
/// Cornish-Fisher expansion in 1/df, off by less than 3e-8. 0 degrees of
/// freedom give +infinity (no spread can be estimated).
double student_t_quantile_975(unsigned degrees_of_freedom);

/// A sample mean and the half width of its 95% confidence interval:
/// the interval is [mean - half_width, mean + half_width].
struct mean_ci {
  double mean = 0;
  double half_width = 0;
  unsigned n = 0;  ///< samples used
};

/// Student t interval from the sample standard deviation (n - 1 in the
/// denominator): half_width = t(n-1) * sd / sqrt(n). With fewer than two
/// samples half_width is 0 (no spread is known); with none, mean is 0 too.
mean_ci confidence_95(const std::vector<double>& samples);

} // namespace ccsim
