// Routing rules checked from the event stream of long random runs, with an
// independent referee (event_stream_check.hpp) that rebuilds what the
// dispatcher must have known from the events alone.
#include "sim/tenant_run.hpp"

#include <catch2/catch.hpp>

#include "event_stream_check.hpp"
#include "sim_support.hpp"

using namespace ccsim;
using namespace ccsim::test;
using namespace std::chrono_literals;

namespace {

sim_time hours(double h) { return from_seconds(h * 3600); }

break_period pause(double at_h, double minutes, std::string reason) {
  return break_period{hours(at_h), from_seconds(minutes * 60), std::move(reason)};
}

/// A skills-based floor: three call types with different priorities, four
/// agent types with partial skills, staggered shifts with breaks, wrap-up
/// (so "since the last call" and "since available" disagree), impatient
/// callers and queue limits. Load close to capacity, so that both routing
/// paths (a new call picks an idle agent; a freed agent picks a waiting
/// call) happen thousands of times.
scenario skills_floor(idle_policy policy, double load = 1.0) {
  scenario s;
  s.name = "skills_floor";
  s.seed = 99;
  s.horizon = hours(9);
  s.warmup = 20min;

  tenant t;
  t.name = "floor";
  t.idle = policy;
  auto sales = poisson_type("sales", 150, 200);
  sales.priority = 1;
  sales.wrap_up = distribution{distribution_kind::fixed, 20};
  sales.patience = distribution{distribution_kind::exponential, 240};
  sales.max_queue = 12;
  auto service = poisson_type("service", 180, 240);
  service.wrap_up = distribution{distribution_kind::exponential, 30};
  service.patience = distribution{distribution_kind::exponential, 300};
  auto vip = poisson_type("vip", 40, 300);
  vip.priority = 5;
  vip.talk = distribution{distribution_kind::normal_truncated, 300, 150, 30};
  vip.wrap_up = distribution{distribution_kind::fixed, 60};
  vip.max_wait = 10min;
  t.call_types = {sales, service, vip};
  for (auto& ct : t.call_types)
    ct.arrivals = arrival_profile::constant(ct.arrivals.segments[0].calls_per_hour * load);
  t.max_queue = 25;
  t.agent_types = {
    {"all", {0, 1, 2}},
    {"sales", {0}},
    {"service", {1, 2}},
    {"front", {0, 1}},
  };
  auto day = [](double login, double logout, std::vector<break_period> b) {
    return shift{hours(login), hours(logout), std::move(b)};
  };
  t.agents = {
    {0, 3, day(0, 8, {pause(2, 15, "coffee"), pause(4, 30, "lunch")})},
    {1, 5, day(0, 8, {pause(2.5, 15, "coffee"), pause(4.5, 30, "lunch")})},
    {2, 6, day(0.5, 8.5, {pause(3, 15, "coffee"), pause(5, 30, "lunch"), pause(7, 10, "coffee")})},
    {3, 4, day(1, 9, {pause(3.5, 20, "coffee"), pause(6, 30, "lunch")})},
    {0, 2, std::nullopt},  // all day, no breaks
    {2, 3, day(0, 4.5, {pause(1.5, 10, "coffee")})},
    {1, 2, day(4, 9, {pause(6.5, 15, "coffee")})},
  };
  s.tenants.push_back(t);
  return s;
}

struct checked_run {
  tenant_result result;
  stream_checker checker;
};

checked_run run_checked(const scenario& s, std::uint64_t seed) {
  stream_checker checker{s.tenants[0]};
  tenant_run_options opts;
  opts.replication_seed = seed;
  opts.observer = [&checker](const std::vector<event>& batch) { checker.on(batch); };
  auto result = run_tenant(s, 0, opts);
  return {std::move(result), std::move(checker)};
}

} // namespace

TEST_CASE("every assignment goes to the longest-idle eligible agent, checked from the event "
          "stream",
          "[sim]") {
  auto policy = GENERATE(idle_policy::since_available, idle_policy::since_last_call);
  auto s = skills_floor(policy, 0.7);
  CAPTURE(policy == idle_policy::since_available ? "since_available" : "since_last_call");
  auto run = run_checked(s, 20240601);
  auto& c = run.checker;
  INFO(c.summary());
  CHECK(c.violations() == 0);
  // The run must have exercised what it claims to check.
  CHECK(c.offers_checked > 500);
  CHECK(c.queue_takes_checked > 500);
  CHECK(c.skill_mattered > 100);  // partial skills changed the choice
  CHECK(c.ties_by_id > 0);        // equal keys (shift starts) broken by id
  CHECK(c.ready_checked > 500);
  // Wrap-up and breaks make the two policies' keys differ.
  CHECK(c.keys_differ > 500);
}

TEST_CASE("a freed agent takes the waiting call of highest priority, oldest first, checked from "
          "the event stream",
          "[sim]") {
  // Overloaded: many calls wait, so freed agents often have a choice.
  auto s = skills_floor(idle_policy::since_last_call, 1.2);
  auto run = run_checked(s, 7);
  auto& c = run.checker;
  INFO(c.summary());
  CHECK(c.violations() == 0);
  CHECK(c.queue_takes_with_choice > 500);
  CHECK(c.priority_decided > 50);  // a younger vip call went before an older one
  CHECK(c.full_queue_rejections > 0);
}

TEST_CASE("an agent never holds two calls and a call never goes to two agents", "[sim]") {
  // The referee pairs every call_assigned with exactly one answer or refusal
  // by that agent, and no agent or call may be given anything else in
  // between. Short breaks every 20 minutes make agents leave and rejoin the
  // idle set all day long, the traffic the bookkeeping is most likely to get
  // wrong.
  auto s = skills_floor(idle_policy::since_available);
  for (auto& g : s.tenants[0].agents) {
    if (!g.hours) continue;
    g.hours->breaks.clear();
    for (auto t = g.hours->login + 7min; t + 2min < g.hours->logout; t += 20min)
      g.hours->breaks.push_back({t, 2min, "micro"});
  }
  auto run = run_checked(s, 3);
  auto& c = run.checker;
  INFO(c.summary());
  CHECK(c.violations() == 0);
  CHECK(c.offers_checked + c.queue_takes_checked > 1000);
  CHECK(c.ready_checked > 400);
}

TEST_CASE("the report's counts agree with the outcomes counted from the event stream", "[sim]") {
  auto s = skills_floor(idle_policy::since_available);
  auto run = run_checked(s, 11);
  auto counts = run.checker.counts_by_type();
  auto& report = run.result.report;
  REQUIRE(report.call_types.size() == counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) {
    auto& k = report.call_types[i].kpis;
    CAPTURE(report.call_types[i].name);
    CHECK(k.offered == counts[i].offered);
    CHECK(k.answered == counts[i].answered);
    CHECK(k.abandoned == counts[i].abandoned);
    CHECK(k.rejected == counts[i].rejected);
    CHECK(k.in_system_at_end == counts[i].in_system);
  }
  CHECK(report.kpis.offered > 2000);
  CHECK(report.kpis.abandoned > 0);
  CHECK(report.kpis.in_system_at_end > 0);
}
