#pragma once
// Piecewise-constant arrival rates over the simulated day, and the Poisson
// process they drive. A constant rate is a profile with one segment.
#include <optional>
#include <vector>

#include "domain/random.hpp"
#include "domain/time.hpp"

namespace ccsim {

/// From `start` on (until the next segment starts) calls arrive at `calls_per_hour`.
struct rate_segment {
  sim_time start{0};          ///< offset from the scenario start
  double calls_per_hour = 0;  ///< >= 0
};

/// Rates over time; segments sorted by start. Before the first segment the
/// rate is 0; the last segment lasts forever unless `period` is set, in
/// which case the whole pattern repeats every `period` (a daily profile).
struct arrival_profile {
  std::vector<rate_segment> segments;
  std::optional<sim_duration> period;  ///< e.g. 24 h for a daily profile

  static arrival_profile constant(double calls_per_hour);

  /// Rate in effect at time t (calls per hour).
  double rate_at(sim_time t) const;
  /// Expected number of arrivals in [from, to).
  double expected_calls(sim_time from, sim_time to) const;
  /// The next arrival of a non-homogeneous Poisson process after `t`
  /// (inversion of the cumulative rate); nullopt if the rate stays 0 forever.
  std::optional<sim_time> next_arrival(sim_time t, rng& r) const;
};

} // namespace ccsim
