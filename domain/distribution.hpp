#pragma once
// Duration distributions for talk, wrap-up and patience times. Sampling uses
// our own transforms on top of domain/random.hpp (not <random>'s
// distributions, whose output differs between standard libraries), so a seed
// gives the same numbers everywhere.
#include <optional>
#include <string>
#include <string_view>

#include "domain/random.hpp"
#include "domain/time.hpp"

namespace ccsim {

/// Durations are never negative: for the normal kinds a `min` below 0 acts
/// as 0, and a non-positive `mean` of fixed, exponential or lognormal gives 0.
enum class distribution_kind {
  fixed,            ///< always `mean`
  exponential,      ///< mean `mean`
  /// normal(mean, sd) conditioned on >= `min` (a true truncated normal, not a
  /// clamp). Drawn by redrawing while below `min` when `min` <= `mean`; when
  /// `min` lies above the mean, by Robert's (1995) exact exponential-proposal
  /// sampler, which stays fast however far out in the tail `min` is.
  normal_truncated,
  normal_clamped,   ///< normal(mean, sd), values below `min` replaced by `min`
  lognormal,        ///< mean `mean` and sd `sd` of the lognormal itself (not of its log)
};
inline constexpr int distribution_kind_count = 5;

/// "fixed", "exponential", "normal_truncated", "normal_clamped", "lognormal".
std::string_view to_string(distribution_kind k);
/// The inverse of to_string; nullopt for any other text.
std::optional<distribution_kind> distribution_kind_from_string(std::string_view s);

/// Parameters in seconds, as written in the scenario.
struct distribution {
  distribution_kind kind = distribution_kind::fixed;
  double mean = 0;  ///< seconds; for fixed the value
  double sd = 0;    ///< seconds; normal_* and lognormal only (0: always `mean`)
  double min = 0;   ///< seconds; normal_* only

  /// One draw, in seconds (never negative). Allocation-free; always
  /// terminates, however unlikely values >= `min` are.
  double sample_seconds(rng& r) const;
  sim_duration sample(rng& r) const { return from_seconds(sample_seconds(r)); }

  /// The mean the draws really have (for a truncated normal this is larger
  /// than `mean`: mean 180, sd 180, min 0 gives 231.8 s). Exact formulas.
  double effective_mean() const;
  /// The standard deviation the draws really have.
  double effective_sd() const;

  /// Short human description: "exponential(mean 180 s)", "normal truncated
  /// at 0 s (mean 180 s, sd 180 s; effective mean 231.8 s)".
  std::string describe() const;
};

} // namespace ccsim
