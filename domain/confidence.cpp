#include "domain/confidence.hpp"

#include <cmath>
#include <limits>

namespace ccsim {

namespace {

// 0.975 quantiles for 1..30 degrees of freedom, from inverting the t CDF
// (regularized incomplete beta) with mpmath at 30 digits; they agree with
// the printed tables (12.706, 4.303, ..., 2.042).
constexpr double t975_table[30] = {
    12.7062047361747, 4.30265272974946, 3.18244630528371, 2.77644510519779, 2.57058183563632,
    2.44691185114497, 2.36462425159279, 2.30600413520417, 2.26215716279821, 2.22813885198627,
    2.20098516009164, 2.17881282966723, 2.16036865646279, 2.1447866879178,  2.13144954555978,
    2.11990529922125, 2.10981557783332, 2.10092204024104, 2.09302405440831, 2.08596344726586,
    2.07961384472768, 2.07387306790403, 2.06865761041905, 2.06389856162803, 2.0595385527533,
    2.05552943864287, 2.05183051648029, 2.04840714179524, 2.0452296421327,  2.04227245630124,
};

constexpr double z975 = 1.95996398454005423552;  // standard normal 0.975 quantile

} // namespace

double student_t_quantile_975(unsigned degrees_of_freedom) {
  if (degrees_of_freedom == 0) return std::numeric_limits<double>::infinity();
  if (degrees_of_freedom <= 30) return t975_table[degrees_of_freedom - 1];
  // Cornish-Fisher expansion of t in powers of 1/df (Abramowitz and Stegun
  // 26.7.5); the first omitted term is below 3e-8 from df = 31 on.
  const double z = z975;
  const double z2 = z * z;
  const double g1 = (z2 + 1) * z / 4;
  const double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  const double v = degrees_of_freedom;
  return z + (g1 + (g2 + (g3 + g4 / v) / v) / v) / v;
}

mean_ci confidence_95(const std::vector<double>& samples) {
  mean_ci ci;
  ci.n = static_cast<unsigned>(samples.size());
  if (samples.empty()) return ci;
  // Welford's update: no cancellation when the spread is tiny next to the mean.
  double mean = 0, m2 = 0;
  double count = 0;
  for (double x : samples) {
    count += 1;
    const double delta = x - mean;
    mean += delta / count;
    m2 += delta * (x - mean);
  }
  ci.mean = mean;
  if (ci.n < 2) return ci;
  const double sd = std::sqrt(m2 / (count - 1));
  ci.half_width = student_t_quantile_975(ci.n - 1) * sd / std::sqrt(count);
  return ci;
}

} // namespace ccsim
