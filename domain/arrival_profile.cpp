#include "domain/arrival_profile.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace ccsim {

namespace {

constexpr double seconds_per_hour = 3600.0;

/// Index one past the segment in effect at local time `x` (0: before the first).
std::size_t after_segment_at(const std::vector<rate_segment>& segs, sim_time x) {
  auto it = std::upper_bound(segs.begin(), segs.end(), x,
                             [](sim_time v, const rate_segment& s) { return v < s.start; });
  return static_cast<std::size_t>(it - segs.begin());
}

/// Seconds still representable after `at` before sim_time overflows.
double seconds_left(sim_time at) { return to_seconds(sim_time::max() - at); }

/// Uses up `e` (unit-rate exponential mass) along the local timeline from
/// `from`, up to `limit` (none: the last segment lasts forever). Returns the
/// absolute arrival time (local time + `shift`), or nullopt with `e` reduced
/// by everything consumed before `limit` / when the rate stays 0 forever.
std::optional<sim_time> consume(const std::vector<rate_segment>& segs, sim_time from,
                                std::optional<sim_time> limit, sim_time shift, double& e,
                                bool& out_of_range) {
  std::size_t i = after_segment_at(segs, from);
  sim_time cur = from;
  for (;;) {
    const double rate = i == 0 ? 0.0 : segs[i - 1].calls_per_hour;
    std::optional<sim_time> end = limit;
    if (i < segs.size()) end = segs[i].start;
    if (rate > 0) {
      const double per_second = rate / seconds_per_hour;
      const double mass = end ? per_second * to_seconds(*end - cur) : 0.0;
      if (!end || e < mass) {
        const double wait = e / per_second;
        if (!(wait < seconds_left(shift + cur) - 1.0)) {
          out_of_range = true;
          return std::nullopt;
        }
        return shift + cur + from_seconds(wait);
      }
      e -= mass;
    }
    if (!end) return std::nullopt;  // rate 0 from here on, forever
    cur = *end;
    if (limit && cur >= *limit) return std::nullopt;
    ++i;
  }
}

/// Integral of the rate (calls) over local [first segment, x), with the last
/// segment ending at `limit` if given.
double cumulative_local(const std::vector<rate_segment>& segs, sim_time x,
                        std::optional<sim_time> limit) {
  double calls = 0;
  for (std::size_t i = 0; i < segs.size() && segs[i].start < x; ++i) {
    sim_time end = i + 1 < segs.size() ? segs[i + 1].start : limit.value_or(x);
    end = std::min(end, x);
    if (end > segs[i].start)
      calls += segs[i].calls_per_hour / seconds_per_hour * to_seconds(end - segs[i].start);
  }
  return calls;
}

/// t modulo period, in [0, period).
sim_time floor_mod(sim_time t, sim_duration period) {
  sim_time r = t % period;
  return r < sim_time{0} ? r + period : r;
}

} // namespace

arrival_profile arrival_profile::constant(double calls_per_hour) {
  arrival_profile p;
  p.segments.push_back({sim_time{0}, calls_per_hour});
  return p;
}

bool arrival_profile::is_valid() const {
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& s = segments[i];
    if (!std::isfinite(s.calls_per_hour) || s.calls_per_hour < 0) return false;
    if (i > 0 && s.start < segments[i - 1].start) return false;
    if (period && (s.start < sim_time{0} || s.start >= *period)) return false;
  }
  return !period || *period > sim_duration{0};
}

double arrival_profile::rate_at(sim_time t) const {
  assert(is_valid());
  const sim_time local = period ? floor_mod(t, *period) : t;
  const std::size_t i = after_segment_at(segments, local);
  return i == 0 ? 0.0 : segments[i - 1].calls_per_hour;
}

double arrival_profile::expected_calls(sim_time from, sim_time to) const {
  assert(is_valid());
  if (to <= from) return 0.0;
  if (!period) return cumulative_local(segments, to, std::nullopt)
                      - cumulative_local(segments, from, std::nullopt);
  // Whole periods between the two cycle starts, plus the parts within them.
  const sim_duration p = *period;
  const double per_period = cumulative_local(segments, p, p);
  const sim_time from_local = floor_mod(from, p);
  const sim_time to_local = floor_mod(to, p);
  const auto cycles = ((to - to_local) - (from - from_local)) / p;
  return static_cast<double>(cycles) * per_period + cumulative_local(segments, to_local, p)
         - cumulative_local(segments, from_local, p);
}

std::optional<sim_time> arrival_profile::next_arrival(sim_time t, rng& r) const {
  assert(is_valid());
  double e = r.exponential(1.0);
  bool out_of_range = false;
  if (!period) return consume(segments, t, std::nullopt, sim_time{0}, e, out_of_range);

  const sim_duration p = *period;
  const double per_period = cumulative_local(segments, p, p);
  if (!(per_period > 0)) return std::nullopt;
  const sim_time offset = floor_mod(t, p);
  sim_time base = t - offset;
  if (auto hit = consume(segments, offset, p, base, e, out_of_range)) return hit;
  if (out_of_range) return std::nullopt;
  // Skip the repetitions the remaining mass passes over entirely, then walk
  // the period in which it runs out. Rounding may leave a sliver for one
  // more repetition, hence the loop.
  const double skip = std::floor(e / per_period);
  if (to_seconds(p) * (skip + 1.0) >= seconds_left(base) - 1.0) return std::nullopt;
  base += p * (static_cast<std::int64_t>(skip) + 1);
  e = std::max(e - skip * per_period, 0.0);
  for (;;) {
    if (auto hit = consume(segments, sim_time{0}, p, base, e, out_of_range)) return hit;
    if (out_of_range || base > sim_time::max() - 2 * p) return std::nullopt;
    base += p;
  }
}

} // namespace ccsim
