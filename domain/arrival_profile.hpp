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
///
/// In a periodic profile the starts are offsets into the period and must lie
/// in [0, period); the last segment ends at the period's end and does not
/// wrap around, so [0, first start) has rate 0 in every repetition. Time t
/// is read as t modulo period (also for t < 0). A profile breaking these
/// rules (see is_valid) is a bug in the caller and trips an assertion.
struct arrival_profile {
  std::vector<rate_segment> segments;
  std::optional<sim_duration> period;  ///< e.g. 24 h for a daily profile

  /// `calls_per_hour` from t = 0 on, forever (0 before).
  static arrival_profile constant(double calls_per_hour);

  /// Segments sorted by start, every rate finite and >= 0, and for a
  /// periodic profile a positive period with every start in [0, period).
  bool is_valid() const;

  /// Rate in effect at time t (calls per hour).
  double rate_at(sim_time t) const;
  /// Expected number of arrivals in [from, to) (0 if to <= from).
  double expected_calls(sim_time from, sim_time to) const;
  /// The next arrival of a non-homogeneous Poisson process at or after `t`
  /// (inversion of the cumulative rate: one Exp(1) draw, used up segment by
  /// segment, zero-rate gaps skipped). nullopt if the rate stays 0 forever,
  /// or if the arrival would lie beyond the range of sim_time (~292 years).
  /// Because the process is memoryless, calling it again from the returned
  /// time continues the same process. Allocation-free.
  std::optional<sim_time> next_arrival(sim_time t, rng& r) const;
};

} // namespace ccsim
