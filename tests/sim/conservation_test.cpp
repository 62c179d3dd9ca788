// Nothing is lost: every offered call is answered, abandoned, rejected or
// still in the system at the end, per call type, per tenant and overall, on
// every shipped scenario and on an overload. The event streams of the same
// runs go through the routing referee too.
#include "sim/runner.hpp"

#include <catch2/catch.hpp>

#include <memory>

#include "event_stream_check.hpp"
#include "sim_support.hpp"

using namespace ccsim;
using namespace ccsim::test;
using namespace std::chrono_literals;

namespace {

std::uint64_t outcomes(const call_kpis& k) {
  return k.answered + k.abandoned + k.rejected + k.in_system_at_end;
}

std::uint64_t by_reason(const call_kpis& k, reject_reason r) {
  return k.rejected_by_reason[static_cast<std::size_t>(r)];
}

/// Runs one replication with a referee on every tenant's stream and checks
/// conservation in the report; returns the report for further checks.
run_report run_and_check_conservation(const scenario& s) {
  std::vector<std::unique_ptr<stream_checker>> checkers;
  for (auto& t : s.tenants) checkers.push_back(std::make_unique<stream_checker>(t));
  run_request req;
  req.seed = s.seed;
  req.threads = 2;
  // Jobs run on worker threads; each touches only its own tenant's referee.
  req.observer = [&checkers](unsigned, tenant_index t, const std::vector<event>& batch) {
    checkers[t]->on(batch);
  };
  run_status status{s.tenants.size()};
  auto out = run_scenario(s, req, status);
  REQUIRE_FALSE(out.interrupted);
  REQUIRE(out.replications.size() == 1);
  auto& r = out.replications[0];

  CAPTURE(s.name);
  CHECK(r.overall.offered > 0);
  CHECK(outcomes(r.overall) == r.overall.offered);
  std::uint64_t tenant_offered = 0;
  REQUIRE(r.tenants.size() == s.tenants.size());
  for (std::size_t ti = 0; ti < r.tenants.size(); ++ti) {
    auto& t = r.tenants[ti];
    CAPTURE(t.name);
    CHECK(outcomes(t.kpis) == t.kpis.offered);
    std::uint64_t rejected = 0;
    for (int i = 0; i < reject_reason_count; ++i)
      rejected += t.kpis.rejected_by_reason[static_cast<std::size_t>(i)];
    CHECK(rejected == t.kpis.rejected);
    tenant_offered += t.kpis.offered;

    call_kpis sum;
    auto counts = checkers[ti]->counts_by_type();
    REQUIRE(t.call_types.size() == counts.size());
    for (std::size_t c = 0; c < t.call_types.size(); ++c) {
      auto& k = t.call_types[c].kpis;
      CAPTURE(t.call_types[c].name);
      CHECK(outcomes(k) == k.offered);
      // The same numbers, counted independently from the event stream.
      CHECK(k.offered == counts[c].offered);
      CHECK(k.answered == counts[c].answered);
      CHECK(k.abandoned == counts[c].abandoned);
      CHECK(k.rejected == counts[c].rejected);
      CHECK(k.in_system_at_end == counts[c].in_system);
      sum.offered += k.offered;
      sum.answered += k.answered;
      sum.abandoned += k.abandoned;
      sum.rejected += k.rejected;
      sum.in_system_at_end += k.in_system_at_end;
    }
    CHECK(sum.offered == t.kpis.offered);
    CHECK(sum.answered == t.kpis.answered);
    CHECK(sum.abandoned == t.kpis.abandoned);
    CHECK(sum.rejected == t.kpis.rejected);
    CHECK(sum.in_system_at_end == t.kpis.in_system_at_end);

    INFO(checkers[ti]->summary());
    CHECK(checkers[ti]->violations() == 0);
  }
  CHECK(tenant_offered == r.overall.offered);
  return r;
}

} // namespace

TEST_CASE("inbound_basic conserves calls", "[sim]") {
  auto r = run_and_check_conservation(shipped("inbound_basic"));
  CHECK(r.overall.offered > 1000);
}

TEST_CASE("day_profile conserves calls through shifts, breaks and abandonment", "[sim]") {
  auto r = run_and_check_conservation(shipped("day_profile"));
  CHECK(r.overall.abandoned > 0);
}

TEST_CASE("multi_tenant conserves calls in every tenant and call type", "[sim]") {
  auto r = run_and_check_conservation(shipped("multi_tenant"));
  REQUIRE(r.tenants.size() == 3);
  for (auto& t : r.tenants) {
    CAPTURE(t.name);
    CHECK(t.kpis.offered > 1000);
  }
}

TEST_CASE("overload_abandon conserves calls and shows abandonment, max-wait and full-queue "
          "rejections",
          "[sim]") {
  // The scenario's header promises all three ways out in its report.
  auto r = run_and_check_conservation(shipped("overload_abandon"));
  CAPTURE(r.overall.abandoned, by_reason(r.overall, reject_reason::max_wait),
          by_reason(r.overall, reject_reason::queue_full));
  CHECK(r.overall.abandoned > 0);
  CHECK(by_reason(r.overall, reject_reason::max_wait) > 0);
  CHECK(by_reason(r.overall, reject_reason::queue_full) > 0);
}

TEST_CASE("bench_mmc (with fewer calls) conserves calls and drains completely", "[sim]") {
  auto s = shipped("bench_mmc");
  REQUIRE(s.calls.has_value());
  s.calls = 20000;  // the shipped million is a benchmark, not a test
  s.warmup_calls = 2000;
  auto r = run_and_check_conservation(s);
  CHECK(r.overall.offered == 20000);
  // Run by call count without patience: every counted call is answered.
  CHECK(r.overall.answered == 20000);
  CHECK(r.overall.in_system_at_end == 0);
}

TEST_CASE("a heavy overload conserves calls, with many still waiting at the end", "[sim]") {
  // 1.6 times the capacity. "patient" callers never hang up and have no
  // limit, so their queue grows all run long; "limited" calls meet a small
  // queue limit and a max wait; the tenant caps its total queue too.
  scenario s;
  s.name = "overload";
  s.seed = 5;
  s.horizon = 3h;
  s.warmup = 15min;
  tenant t;
  t.name = "swamped";
  auto patient = poisson_type("patient", 300, 180);
  auto limited = poisson_type("limited", 200, 180);
  limited.max_queue = 8;
  limited.max_wait = 4min;
  limited.patience = distribution{distribution_kind::exponential, 600};
  auto vip = poisson_type("vip", 30, 120);
  vip.priority = 2;
  t.call_types = {patient, limited, vip};
  t.max_queue = 150;
  t.agent_types = {{"agent", {0, 1, 2}}, {"limited_only", {1}}};
  t.agents = {{0, 14, std::nullopt}, {1, 2, std::nullopt}};
  s.tenants.push_back(t);

  auto r = run_and_check_conservation(s);
  auto& types = r.tenants[0].call_types;
  CHECK(types[0].kpis.in_system_at_end > 50);
  CHECK(by_reason(types[1].kpis, reject_reason::queue_full) > 0);
  CHECK(r.overall.abandoned + r.overall.rejected > 0);
}

