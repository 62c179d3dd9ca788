// What the configuration asks for is what the run delivers: conversion per
// agent type x call type, and talk/wrap-up durations per call type.
//
// Tolerances. Each call's qualification draw and durations are drawn at
// arrival from streams of their own, independently of how the call is
// routed, so (unlike waits) they are i.i.d. across calls and plain
// binomial / CLT bounds with the number of calls apply:
// - conversion of a cell with n answered calls: |p_hat - p| <= z sqrt(p(1-p)/n);
// - mean talk: |mean - mu| <= z sigma / sqrt(n), with mu, sigma the
//   distribution's effective (post-truncation) moments;
// - sd of talk: by the delta method sd(s) ~ sqrt((m4 - sigma^4) / (4 sigma^2 n)),
//   m4 the fourth central moment, estimated from the talk times in the
//   event stream (heavy-tailed lognormals make a fixed kurtosis unsafe).
// z = 4.5 puts a correct engine's chance of failing one check near 7e-6.
// Runs are counted in calls and drained, and nobody hangs up, so every
// counted call is answered: the sample is not biased towards short calls.
#include "sim/tenant_run.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim_support.hpp"

using namespace ccsim;
using namespace ccsim::test;

namespace {

constexpr double z = 4.5;

struct moments {
  double n = 0, mean = 0, m2 = 0, m4 = 0;
};

moments central_moments(const std::vector<double>& xs) {
  moments m;
  m.n = static_cast<double>(xs.size());
  if (xs.empty()) return m;
  for (auto x : xs) m.mean += x;
  m.mean /= m.n;
  for (auto x : xs) {
    auto d = (x - m.mean) * (x - m.mean);
    m.m2 += d;
    m.m4 += d * d;
  }
  m.m2 /= m.n;
  m.m4 /= m.n;
  return m;
}

} // namespace

TEST_CASE("conversion per agent type and call type matches the configured matrix",
          "[sim][stat]") {
  scenario s;
  s.name = "conversion";
  s.warmup_calls = 500;
  s.calls = 40000;
  tenant t;
  t.name = "sales";
  // Upgrades (15 Erlangs) are more than the juniors (12) can take, so the
  // seniors handle plenty of both call types: every cell gets thousands.
  t.call_types = {poisson_type("new", 150, 120), poisson_type("upgrade", 450, 120)};
  t.agent_types = {{"senior", {0, 1}}, {"junior", {1}}};
  t.agents = {{0, 12, std::nullopt}, {1, 12, std::nullopt}};
  t.conversion = {{0.30, 0.20}, {0.0, 0.08}};
  t.has_conversion = true;
  s.tenants.push_back(t);

  tenant_run_options opts;
  opts.replication_seed = 31337;
  auto result = run_tenant(s, 0, opts);
  auto& cells = result.report.conversion;
  REQUIRE(cells.size() == 3);  // the skill cells only
  for (auto& cell : cells) {
    CAPTURE(cell.agent_type, cell.call_type, cell.configured, cell.measured, cell.answered);
    REQUIRE(cell.answered > 2000);
    double se = std::sqrt(cell.configured * (1 - cell.configured) / static_cast<double>(cell.answered));
    CHECK(std::abs(cell.measured - cell.configured) <= z * se);
  }
  CHECK(cells[0].configured == 0.30);
  CHECK(cells[2].agent_type == "junior");
  CHECK(cells[2].configured == 0.08);
  // Over a call type, conversion is the answered-weighted mix of its cells.
  auto& upgrade = result.report.call_types[1].kpis;
  double expected = (cells[1].measured * static_cast<double>(cells[1].answered)
                     + cells[2].measured * static_cast<double>(cells[2].answered))
                    / static_cast<double>(cells[1].answered + cells[2].answered);
  CHECK(upgrade.conversion == Approx(expected).epsilon(1e-12));
}

TEST_CASE("talk and wrap-up times have the mean and sd the configuration implies",
          "[sim][stat]") {
  scenario s;
  s.name = "durations";
  s.warmup_calls = 200;
  s.calls = 40000;
  tenant t;
  t.name = "mix";
  // Truncated normal as in multi_tenant (effective mean ~232 s), a
  // truncation point above the mean (the tail sampler), a lognormal and an
  // exponential.
  auto a = poisson_type("normal_at_0", 150, 0);
  a.talk = distribution{distribution_kind::normal_truncated, 180, 180, 0};
  a.wrap_up = distribution{distribution_kind::fixed, 30};
  auto b = poisson_type("normal_tail", 150, 0);
  b.talk = distribution{distribution_kind::normal_truncated, 60, 30, 90};
  b.wrap_up = distribution{distribution_kind::exponential, 20};
  auto c = poisson_type("lognormal", 150, 0);
  c.talk = distribution{distribution_kind::lognormal, 240, 160};
  auto d = poisson_type("exponential", 150, 200);
  t.call_types = {a, b, c, d};
  t.agent_types = {{"agent", {0, 1, 2, 3}}};
  t.agents = {{0, 40, std::nullopt}};
  s.tenants.push_back(t);

  std::vector<std::vector<double>> talks(t.call_types.size());
  tenant_run_options opts;
  opts.replication_seed = 8;
  opts.observer = [&talks](const std::vector<event>& batch) {
    for (auto& e : batch)
      if (e.kind == event_kind::call_ended && e.counted) talks[e.type].push_back(to_seconds(e.duration));
  };
  auto result = run_tenant(s, 0, opts);
  auto& types = result.report.call_types;
  REQUIRE(types.size() == 4);
  for (std::size_t i = 0; i < types.size(); ++i) {
    auto& cfg = t.call_types[i];
    auto& k = types[i].kpis;
    auto m = central_moments(talks[i]);
    const double mu = cfg.talk.effective_mean(), sigma = cfg.talk.effective_sd();
    const double se_mean = sigma / std::sqrt(m.n);
    const double se_sd = std::sqrt(std::max(0.0, m.m4 - sigma * sigma * sigma * sigma)
                                   / (4 * sigma * sigma * m.n));
    CAPTURE(types[i].name, k.answered, mu, k.talk_mean, se_mean, sigma, k.talk_sd, se_sd);
    REQUIRE(k.answered == k.offered);
    REQUIRE(static_cast<double>(k.answered) == m.n);
    CHECK(k.answered > 8000);
    CHECK(types[i].talk_configured_mean == mu);
    // The report's figures are the stream's figures ...
    CHECK(k.talk_mean == Approx(m.mean).epsilon(1e-9));
    CHECK(k.talk_sd == Approx(std::sqrt(m.m2)).epsilon(1e-6));
    // ... and those are what the configuration implies.
    CHECK(std::abs(k.talk_mean - mu) <= z * se_mean);
    CHECK(std::abs(k.talk_sd - sigma) <= z * se_sd);
    const double wrap_mu = cfg.wrap_up.effective_mean(), wrap_sigma = cfg.wrap_up.effective_sd();
    CAPTURE(wrap_mu, k.wrap_mean);
    CHECK(std::abs(k.wrap_mean - wrap_mu) <= z * wrap_sigma / std::sqrt(m.n) + 1e-9);
    CHECK(k.aht == Approx(k.talk_mean + k.wrap_mean));
  }
  // The truncated normal really is shifted: the plain mean would be far off.
  CHECK(types[0].kpis.talk_mean > 220);
  CHECK(types[1].kpis.talk_mean > 90);
}
