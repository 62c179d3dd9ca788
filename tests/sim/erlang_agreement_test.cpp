// The simulator against queueing theory: M/M/n must match Erlang C, and
// M/M/n+M (exponential patience) must match Erlang A.
//
// How the tolerances are derived. Successive calls' waits are strongly
// autocorrelated, so a single long run's calls are not independent samples
// and a naive binomial/CLT bound on them would be far too tight. Instead we
// run R independent replications (distinct seeds, each with its own
// warm-up) and treat each replication's KPI as one sample: these R values
// are i.i.d., and by the CLT over the many calls inside each one they are
// close to normal. Their sample standard error se = sd / sqrt(R) therefore
// captures the autocorrelation exactly, and (mean - truth) / se follows
// Student's t with R - 1 degrees of freedom. We accept |mean - truth| <=
// k * se with k = 5: for R = 20 (19 degrees of freedom) P(|t| > 5) is about
// 1e-4, so a correct engine fails with negligible probability on any seed,
// while a modelling error (wrong queue discipline, lost calls, biased
// durations) shifts the mean by many standard errors. The seeds are fixed,
// so the outcome is reproducible. To make sure the bound has teeth, each
// test also requires the standard error itself to be small (under one
// percentage point for the shares, under 5% of the ASA), so "within
// tolerance" cannot come from a noisy, meaningless estimate. Residual biases (the finite warm-up, the ratio
// estimators over ~10^4 calls) are O(1/N) and far below one se here.
#include "sim/runner.hpp"

#include <catch2/catch.hpp>

#include "domain/erlang.hpp"
#include "sim_support.hpp"

using namespace ccsim;
using namespace ccsim::test;

namespace {

constexpr double k_se = 5.0;  // see the derivation above

/// Runs `reps` replications of `s` and returns their reports.
std::vector<run_report> replicate(const scenario& s, unsigned reps, std::uint64_t seed) {
  run_request req;
  req.seed = seed;
  req.replications = reps;
  req.threads = 2;
  run_status status{static_cast<std::size_t>(reps) * s.tenants.size()};
  auto out = run_scenario(s, req, status);
  REQUIRE_FALSE(out.interrupted);
  REQUIRE(out.replications.size() == reps);
  return out.replications;
}

template <class F>
replication_estimate per_replication(const std::vector<run_report>& reps, F kpi) {
  std::vector<double> xs;
  for (auto& r : reps) xs.push_back(kpi(r.overall));
  return estimate(xs);
}

} // namespace

TEST_CASE("a single exponential queue matches Erlang C in P(wait), service level and ASA",
          "[sim][stat]") {
  // 10 agents, 160 calls/h, 180 s talk: a = 8 Erlangs, rho = 0.8.
  const unsigned n = 10;
  const double per_hour = 160, aht = 180, t_sl = 20;
  const double a = per_hour / 3600 * aht;
  const unsigned reps = 20;
  auto s = mmn(n, per_hour, aht, 1000, 10000);
  s.tenants[0].service_level_threshold = std::chrono::seconds(20);
  auto runs = replicate(s, reps, 4242);

  const double c_theory = erlang_c(n, a);
  const double sl_theory = erlang_c_service_level(n, a, aht, t_sl);
  const double asa_theory = erlang_c_asa(n, a, aht);

  std::uint64_t calls = 0;
  for (auto& r : runs) {
    calls += r.overall.offered;
    // Infinite patience and a drained run: every counted call was answered.
    CHECK(r.overall.answered == r.overall.offered);
  }
  CHECK(calls == reps * 10000ull);

  auto p_wait = per_replication(runs, [](const call_kpis& k) { return k.p_wait; });
  auto sl = per_replication(runs, [](const call_kpis& k) { return k.service_level; });
  auto asa = per_replication(runs, [](const call_kpis& k) { return k.asa; });
  CAPTURE(c_theory, p_wait.mean, p_wait.std_error);
  CAPTURE(sl_theory, sl.mean, sl.std_error);
  CAPTURE(asa_theory, asa.mean, asa.std_error);

  CHECK(std::abs(p_wait.mean - c_theory) <= k_se * p_wait.std_error);
  CHECK(std::abs(sl.mean - sl_theory) <= k_se * sl.std_error);
  CHECK(std::abs(asa.mean - asa_theory) <= k_se * asa.std_error);
  // The bounds are tight enough to mean something.
  CHECK(p_wait.std_error < 0.01);
  CHECK(sl.std_error < 0.01);
  CHECK(asa.std_error < 0.05 * asa_theory);
}

TEST_CASE("a queue with exponential patience matches Erlang A in abandonment, P(wait) and "
          "service level",
          "[sim][stat]") {
  // Overloaded on purpose: 10 agents, 220 calls/h, 180 s talk (11 Erlangs),
  // callers wait 120 s on average. Only abandonment keeps the queue finite.
  const unsigned n = 10;
  const double per_hour = 220, aht = 180, patience = 120, t_sl = 20;
  const unsigned reps = 20;
  auto s = mmn(n, per_hour, aht, 1000, 10000, patience);
  s.tenants[0].service_level_threshold = std::chrono::seconds(20);
  auto runs = replicate(s, reps, 777);

  auto theory = erlang_a(n, per_hour / 3600, 1 / aht, 1 / patience, t_sl);
  for (auto& r : runs) {
    CHECK(r.overall.answered + r.overall.abandoned == r.overall.offered);
    CHECK(r.overall.rejected == 0);
  }

  auto ab = per_replication(runs, [](const call_kpis& k) { return k.abandon_rate; });
  auto p_wait = per_replication(runs, [](const call_kpis& k) { return k.p_wait; });
  auto sl = per_replication(runs, [](const call_kpis& k) { return k.service_level; });
  CAPTURE(theory.p_abandon, ab.mean, ab.std_error);
  CAPTURE(theory.p_wait, p_wait.mean, p_wait.std_error);
  CAPTURE(theory.service_level, sl.mean, sl.std_error);

  CHECK(std::abs(ab.mean - theory.p_abandon) <= k_se * ab.std_error);
  CHECK(std::abs(p_wait.mean - theory.p_wait) <= k_se * p_wait.std_error);
  CHECK(std::abs(sl.mean - theory.service_level) <= k_se * sl.std_error);
  CHECK(theory.p_abandon > 0.1);  // the scenario really is about abandonment
  CHECK(ab.std_error < 0.01);
  CHECK(p_wait.std_error < 0.01);
  CHECK(sl.std_error < 0.01);
}

