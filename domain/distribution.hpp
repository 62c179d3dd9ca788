#pragma once
// Duration distributions for talk, wrap-up and patience times. Sampling uses
// our own transforms on top of domain/random.hpp (not <random>'s
// distributions, whose output differs between standard libraries), so a seed
// gives the same numbers everywhere.
#include <string>
#include <string_view>

#include "domain/random.hpp"
#include "domain/time.hpp"

namespace ccsim {

enum class distribution_kind {
  fixed,            ///< always `mean`
  exponential,      ///< mean `mean`
  normal_truncated, ///< normal(mean, sd) redrawn until >= `min` (a true truncated normal)
  normal_clamped,   ///< normal(mean, sd), values below `min` replaced by `min`
  lognormal,        ///< mean `mean` and sd `sd` of the lognormal itself (not of its log)
};

std::string_view to_string(distribution_kind k);

/// Parameters in seconds, as written in the scenario.
struct distribution {
  distribution_kind kind = distribution_kind::fixed;
  double mean = 0;  ///< seconds; for fixed the value
  double sd = 0;    ///< seconds; normal_* and lognormal only
  double min = 0;   ///< seconds; normal_* only

  /// One draw, in seconds (never negative).
  double sample_seconds(rng& r) const;
  sim_duration sample(rng& r) const { return from_seconds(sample_seconds(r)); }

  /// The mean the draws really have (for a truncated normal this is larger
  /// than `mean`: mean 180, sd 180, min 0 gives about 232 s).
  double effective_mean() const;
  /// The standard deviation the draws really have.
  double effective_sd() const;

  /// Short human description: "exponential(mean 180 s)".
  std::string describe() const;
};

} // namespace ccsim
