#pragma once
// Simulated time. Domain code never reads a clock: whoever needs "now" is
// handed one of these. Nanosecond ticks match caf::timespan, so actors can
// pass values through without conversion.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>

namespace ccsim {

/// A span of simulated time.
using sim_duration = std::chrono::nanoseconds;
/// A point in simulated time: the offset from the scenario's start (t = 0).
using sim_time = std::chrono::nanoseconds;

/// Seconds as a double, for statistics and reports.
inline double to_seconds(sim_duration d) {
  return std::chrono::duration<double>(d).count();
}

/// A duration from (possibly fractional) seconds, rounded to the nanosecond.
inline sim_duration from_seconds(double s) {
  return sim_duration{static_cast<std::int64_t>(std::llround(s * 1e9))};
}

/// "HH:MM:SS" of a time-of-day offset (wraps past 24 h as "1d HH:MM:SS").
std::string format_clock(sim_duration since_midnight);

} // namespace ccsim
