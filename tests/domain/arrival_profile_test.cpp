#include "domain/arrival_profile.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace ccsim;
using namespace std::chrono_literals;

namespace {

/// Arrival times in [from, to), following the process from `from`.
std::vector<sim_time> arrivals(const arrival_profile& p, sim_time from, sim_time to,
                               std::uint64_t seed) {
  rng r(seed);
  std::vector<sim_time> out;
  sim_time t = from;
  bool in_order = true;
  for (;;) {
    auto next = p.next_arrival(t, r);
    if (!next || *next >= to) break;
    in_order = in_order && *next >= t;
    out.push_back(*next);
    t = *next;
  }
  CHECK(in_order);  // one assertion per run, not per arrival
  return out;
}

std::size_t count_in(const std::vector<sim_time>& ts, sim_time from, sim_time to) {
  std::size_t n = 0;
  for (auto t : ts)
    if (t >= from && t < to) ++n;
  return n;
}

/// |observed - expected| within 4 Poisson standard deviations.
bool poisson_close(double observed, double expected) {
  return std::abs(observed - expected) <= 4 * std::sqrt(expected);
}

} // namespace

TEST_CASE("a constant profile has its rate from t = 0 on and none before", "[domain]") {
  const auto p = arrival_profile::constant(120);
  CHECK(p.is_valid());
  CHECK(p.rate_at(0s) == 120);
  CHECK(p.rate_at(1000h) == 120);
  CHECK(p.rate_at(-1s) == 0);
  CHECK(p.expected_calls(0s, 30min) == Approx(60));
  CHECK(p.expected_calls(-1h, 1h) == Approx(120));
  CHECK(p.expected_calls(1h, 1h) == 0);
  CHECK(p.expected_calls(2h, 1h) == 0);
}

TEST_CASE("constant-rate arrivals over a long window match the Poisson mean",
          "[domain][stat]") {
  const auto p = arrival_profile::constant(360);  // 0.1 per second
  const auto ts = arrivals(p, 0s, 100h, 101);
  const double expected = p.expected_calls(0s, 100h);  // 36000
  CAPTURE(ts.size(), expected);
  CHECK(expected == Approx(36000));
  CHECK(poisson_close(static_cast<double>(ts.size()), expected));

  // Gaps are exponential with mean 10 s: their sd is 10 s too.
  double sum = 0, sum2 = 0;
  for (std::size_t i = 1; i < ts.size(); ++i) {
    const double gap = to_seconds(ts[i] - ts[i - 1]);
    sum += gap;
    sum2 += gap * gap;
  }
  const double n = static_cast<double>(ts.size() - 1);
  const double mean_gap = sum / n;
  const double sd_gap = std::sqrt(sum2 / n - mean_gap * mean_gap);
  CAPTURE(mean_gap, sd_gap);
  CHECK(std::abs(mean_gap - 10) < 4 * 10 / std::sqrt(n));
  CHECK(std::abs(sd_gap - 10) < 0.05 * 10);
}

TEST_CASE("a two-level profile gives each interval its own count", "[domain][stat]") {
  arrival_profile p;
  p.segments = {{0h, 60}, {10h, 600}};
  REQUIRE(p.is_valid());
  CHECK(p.rate_at(9h + 59min) == 60);
  CHECK(p.rate_at(10h) == 600);
  CHECK(p.expected_calls(9h, 11h) == Approx(660));

  // Many replications: counts per interval and their spread.
  const int reps = 200;
  double low = 0, high = 0;
  for (int i = 0; i < reps; ++i) {
    const auto ts = arrivals(p, 0s, 20h, 1000 + i);
    low += static_cast<double>(count_in(ts, 0s, 10h));
    high += static_cast<double>(count_in(ts, 10h, 20h));
  }
  CAPTURE(low, high);
  CHECK(poisson_close(low, reps * 600.0));
  CHECK(poisson_close(high, reps * 6000.0));
}

TEST_CASE("a periodic profile repeats its pattern every period", "[domain][stat]") {
  arrival_profile day;
  day.period = 24h;
  day.segments = {{8h, 120}, {12h, 240}, {18h, 0}};
  REQUIRE(day.is_valid());
  CHECK(day.rate_at(7h) == 0);
  CHECK(day.rate_at(24h + 9h) == 120);
  CHECK(day.rate_at(3 * 24h + 13h) == 240);
  CHECK(day.rate_at(-24h + 13h) == 240);  // t < 0 reads as t modulo period
  CHECK(day.rate_at(2 * 24h + 20h) == 0);
  const double per_day = 4 * 120 + 6 * 240;  // 1920
  CHECK(day.expected_calls(0h, 24h) == Approx(per_day));
  CHECK(day.expected_calls(10h, 3 * 24h + 10h) == Approx(3 * per_day));
  CHECK(day.expected_calls(11h, 24h + 9h) == Approx(120 + 6 * 240 + 120));

  const auto ts = arrivals(day, 0s, 30 * 24h, 202);
  double nights = 0, mornings = 0, afternoons = 0;
  for (auto t : ts) {
    const auto local = t % 24h;
    if (local < 8h || local >= 18h) ++nights;
    else if (local < 12h) ++mornings;
    else ++afternoons;
  }
  CAPTURE(nights, mornings, afternoons);
  CHECK(nights == 0);
  CHECK(poisson_close(mornings, 30 * 480.0));
  CHECK(poisson_close(afternoons, 30 * 1440.0));
  CHECK(poisson_close(static_cast<double>(count_in(ts, 29 * 24h, 30 * 24h)), per_day));
}

TEST_CASE("zero-rate gaps are skipped, not waited out one draw at a time", "[domain]") {
  arrival_profile p;
  p.segments = {{0h, 0}, {5h, 3600}, {5h + 1s, 0}, {1000h, 36}};
  REQUIRE(p.is_valid());
  rng r(7);
  // From 0 the first arrival lies in the one busy second or after 1000 h.
  for (int i = 0; i < 200; ++i) {
    auto t = p.next_arrival(0s, r);
    REQUIRE(t.has_value());
    CHECK(((*t >= 5h && *t <= 5h + 1s) || *t >= 1000h));
  }
  // From inside the last gap the next one is after 1000 h.
  for (int i = 0; i < 200; ++i) {
    auto t = p.next_arrival(6h, r);
    REQUIRE(t.has_value());
    CHECK(*t >= 1000h);
  }
}

TEST_CASE("a long quiet stretch in a daily profile carries the draw into later days",
          "[domain][stat]") {
  // One call a day on average, all between 09:00 and 10:00: many draws span
  // several whole periods, which are skipped in one step.
  arrival_profile p;
  p.period = 24h;
  p.segments = {{9h, 1}, {10h, 0}};
  rng r(9);
  const int n = 20000;
  double days = 0;
  for (int i = 0; i < n; ++i) {
    auto t = p.next_arrival(10h, r);
    REQUIRE(t.has_value());
    const auto local = *t % 24h;
    REQUIRE(local >= 9h);
    REQUIRE(local <= 10h);
    days += static_cast<double>((*t - 9h) / 24h);  // 1 = the next morning
  }
  // Days until the arrival is geometric with p = 1 - e^-1: mean 1 / p.
  const double p_day = 1 - std::exp(-1.0);
  const double mean = days / n;
  const double sd = std::sqrt(1 - p_day) / p_day;
  CAPTURE(mean);
  CHECK(std::abs(mean - 1 / p_day) < 4 * sd / std::sqrt(n));
}

TEST_CASE("no arrival is returned when the rate stays 0", "[domain]") {
  rng r(3);
  arrival_profile none;
  CHECK_FALSE(none.next_arrival(0s, r).has_value());
  CHECK_FALSE(arrival_profile::constant(0).next_arrival(0s, r).has_value());

  arrival_profile ends;
  ends.segments = {{0h, 100}, {1h, 0}};
  CHECK_FALSE(ends.next_arrival(2h, r).has_value());

  arrival_profile silent_day;
  silent_day.period = 24h;
  silent_day.segments = {{8h, 0}};
  CHECK_FALSE(silent_day.next_arrival(0s, r).has_value());
}

TEST_CASE("profiles breaking the ordering or period rules are invalid", "[domain]") {
  arrival_profile unsorted;
  unsorted.segments = {{2h, 10}, {1h, 10}};
  CHECK_FALSE(unsorted.is_valid());
  arrival_profile negative;
  negative.segments = {{0h, -1}};
  CHECK_FALSE(negative.is_valid());
  arrival_profile outside;
  outside.period = 24h;
  outside.segments = {{8h, 10}, {24h, 10}};
  CHECK_FALSE(outside.is_valid());
  outside.segments.pop_back();
  CHECK(outside.is_valid());
}
