#include "domain/tenant_stats.hpp"
#include "two_by_two_tenant.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

using namespace ccsim;
using namespace std::chrono_literals;

namespace {

using test::two_by_two;

/// Builds the events of hand-made timelines; every helper fills exactly the
/// fields the real producers fill.
struct timeline {
  std::vector<event> events;

  event& add(event_kind kind, sim_time at, call_id call, call_type_index type, bool counted) {
    event e;
    e.kind = kind;
    e.at = at;
    e.call = call;
    e.type = type;
    e.counted = counted;
    e.seq = events.size();
    events.push_back(e);
    return events.back();
  }
  void arrive(sim_time at, call_id c, call_type_index type = 0, bool counted = true) {
    add(event_kind::call_arrived, at, c, type, counted).arrived = at;
  }
  void queue(sim_time at, call_id c, sim_time arrived, call_type_index type = 0,
             bool counted = true) {
    add(event_kind::call_queued, at, c, type, counted).arrived = arrived;
  }
  void assign(sim_time at, call_id c, sim_time arrived, agent_id a, call_type_index type = 0,
              bool counted = true) {
    auto& e = add(event_kind::call_assigned, at, c, type, counted);
    e.arrived = arrived;
    e.agent = a;
    e.duration = at - arrived;
  }
  void end(sim_time at, call_id c, sim_time arrived, agent_id a, agent_type_index at_type,
           sim_duration talk, sim_duration wrap = 0s, qualification q = qualification::none,
           call_type_index type = 0, bool counted = true) {
    auto& e = add(event_kind::call_ended, at, c, type, counted);
    e.arrived = arrived;
    e.agent = a;
    e.agent_type = at_type;
    e.duration = talk;
    e.duration2 = wrap;
    e.result = q;
  }
  void abandon(sim_time at, call_id c, sim_time arrived, call_type_index type = 0,
               bool counted = true) {
    auto& e = add(event_kind::call_abandoned, at, c, type, counted);
    e.arrived = arrived;
    e.duration = at - arrived;
  }
  void reject(sim_time at, call_id c, sim_time arrived, reject_reason why,
              call_type_index type = 0, bool counted = true) {
    auto& e = add(event_kind::call_rejected, at, c, type, counted);
    e.arrived = arrived;
    e.reason = why;
    e.duration = at - arrived;
  }
  void state(sim_time at, agent_id a, agent_type_index type, agent_state from, agent_state to) {
    auto& e = add(event_kind::agent_state_changed, at, 0, 0, true);
    e.agent = a;
    e.agent_type = type;
    e.from = from;
    e.to = to;
  }

  void feed(tenant_stats& s) const {
    for (auto& e : events) s.on(e);
  }
};

std::uint64_t outcomes(const call_kpis& k) {
  return k.answered + k.abandoned + k.rejected + k.in_system_at_end;
}

using enum agent_state;

} // namespace

TEST_CASE("every offered call is answered, abandoned, rejected or still in the system",
          "[domain]") {
  auto cfg = two_by_two();
  timeline tl;
  // c1: answered at once (talk 100 s); c2: waits 90 s, answered.
  tl.arrive(0s, 1);
  tl.assign(0s, 1, 0s, 0);
  tl.arrive(10s, 2);
  tl.queue(10s, 2, 10s);
  // c3: abandons after 30 s; c4: turned away at the door (queue full).
  tl.arrive(20s, 3);
  tl.queue(20s, 3, 20s);
  tl.arrive(30s, 4);
  tl.reject(30s, 4, 30s, reject_reason::queue_full);
  // c5 (support): waits, then is rejected for max wait; c6: still waiting at the end.
  tl.arrive(40s, 5, 1);
  tl.queue(40s, 5, 40s, 1);
  tl.abandon(50s, 3, 20s);
  tl.arrive(60s, 6);
  tl.queue(60s, 6, 60s);
  tl.end(100s, 1, 0s, 0, 0, 100s);
  tl.assign(100s, 2, 10s, 0);
  tl.end(150s, 2, 10s, 0, 0, 50s);
  tl.reject(190s, 5, 40s, reject_reason::max_wait, 1);

  tenant_stats stats{cfg, 0s, false};
  tl.feed(stats);
  auto r = stats.finish(200s, false);

  const auto& k = r.kpis;
  CHECK(k.offered == 6);
  CHECK(k.answered == 2);
  CHECK(k.abandoned == 1);
  CHECK(k.rejected == 2);
  CHECK(k.in_system_at_end == 1);
  CHECK(outcomes(k) == k.offered);
  CHECK(k.rejected_by_reason[static_cast<std::size_t>(reject_reason::queue_full)] == 1);
  CHECK(k.rejected_by_reason[static_cast<std::size_t>(reject_reason::max_wait)] == 1);
  CHECK(k.rejected_by_reason[static_cast<std::size_t>(reject_reason::tenant_queue_full)] == 0);

  REQUIRE(r.call_types.size() == 2);
  for (auto& ct : r.call_types) {
    CAPTURE(ct.name);
    CHECK(outcomes(ct.kpis) == ct.kpis.offered);
  }
  CHECK(r.call_types[0].kpis.offered == 5);
  CHECK(r.call_types[1].kpis.offered == 1);
  CHECK(r.call_types[1].kpis.rejected == 1);
  CHECK(r.call_types[0].kpis.in_system_at_end == 1);
}

TEST_CASE("service level counts answers within T over offered, and over answered separately",
          "[domain]") {
  auto cfg = two_by_two();
  timeline tl;
  // Waits: 0 s, exactly 20 s (within T: "within" includes T), 21 s; one
  // abandon after 5 s and one rejection, both failures for the SL over offered.
  tl.arrive(0s, 1);
  tl.end(60s, 1, 0s, 0, 0, 60s);
  tl.arrive(100s, 2);
  tl.queue(100s, 2, 100s);
  tl.assign(120s, 2, 100s, 0);
  tl.end(180s, 2, 100s, 0, 0, 60s);  // answered at 120 s: waited 20 s
  tl.arrive(200s, 3);
  tl.queue(200s, 3, 200s);
  tl.assign(221s, 3, 200s, 0);
  tl.end(281s, 3, 200s, 0, 0, 60s);  // answered at 221 s: waited 21 s
  tl.arrive(300s, 4);
  tl.queue(300s, 4, 300s);
  tl.abandon(305s, 4, 300s);
  tl.arrive(400s, 5);
  tl.reject(400s, 5, 400s, reject_reason::tenant_queue_full);

  tenant_stats stats{cfg, 0s, false};
  tl.feed(stats);
  auto k = stats.finish(500s, false).kpis;

  CHECK(k.offered == 5);
  CHECK(k.answered == 3);
  CHECK(k.answered_within_t == 2);
  CHECK(k.service_level == Approx(2.0 / 5));
  CHECK(k.service_level_answered == Approx(2.0 / 3));
  CHECK(k.abandon_rate == Approx(1.0 / 5));
  // Waited: the three queued calls and the one turned away at the door.
  CHECK(k.waited == 4);
  CHECK(k.p_wait == Approx(4.0 / 5));
  CHECK(k.asa == Approx((0.0 + 20 + 21) / 3));
  CHECK(k.talk_mean == Approx(60));
  CHECK(k.talk_sd == Approx(0).margin(1e-9));
}

TEST_CASE("a call that queues again after a refusal has waited once", "[domain]") {
  auto cfg = two_by_two();
  timeline tl;
  tl.arrive(0s, 1);
  tl.queue(0s, 1, 0s);
  tl.assign(10s, 1, 0s, 3);
  tl.add(event_kind::call_refused, 10s, 1, 0, true).agent = 3;
  tl.queue(10s, 1, 0s);
  tl.assign(30s, 1, 0s, 4);
  tl.end(90s, 1, 0s, 4, 0, 60s);

  tenant_stats stats{cfg, 0s, false};
  tl.feed(stats);
  auto r = stats.finish(100s, false);
  CHECK(r.kpis.offered == 1);
  CHECK(r.kpis.waited == 1);
  CHECK(r.kpis.answered == 1);
  CHECK(r.kpis.asa == Approx(30));
  CHECK(r.kpis.max_queue == 1);
  // One call waiting from 0 to 30 s of a 100 s window.
  CHECK(r.kpis.mean_queue == Approx(0.3));
}

TEST_CASE("calls that arrive during the warm-up are left out of every per-call KPI",
          "[domain]") {
  auto cfg = two_by_two();
  timeline tl;
  // Warm-up 100 s. c1 arrives at 50 s (not counted) and ends after the warm-up.
  tl.arrive(50s, 1, 0, false);
  tl.queue(50s, 1, 50s, 0, false);
  tl.assign(120s, 1, 50s, 0, 0, false);
  tl.end(200s, 1, 50s, 0, 0, 80s, 0s, qualification::ok, 0, false);
  // c2 arrives at 150 s (counted): answered at once, talk 20 s, KO.
  tl.arrive(150s, 2);
  tl.end(170s, 2, 150s, 1, 0, 20s, 0s, qualification::ko);
  // c3: not counted, abandons; c4: not counted, still waiting at the end.
  tl.arrive(60s, 3, 0, false);
  tl.queue(60s, 3, 60s, 0, false);
  tl.abandon(90s, 3, 60s, 0, false);
  tl.arrive(99s, 4, 0, false);
  tl.queue(99s, 4, 99s, 0, false);

  // The timeline is not in time order (c3, c4 come late); sort it like a stream.
  std::stable_sort(tl.events.begin(), tl.events.end(),
                   [](const event& a, const event& b) { return a.at < b.at; });
  tenant_stats stats{cfg, 100s, false};
  tl.feed(stats);
  auto r = stats.finish(300s, false);
  CHECK(r.window_start == Approx(100));
  CHECK(r.window_end == Approx(300));
  CHECK(r.kpis.offered == 1);
  CHECK(r.kpis.answered == 1);
  CHECK(r.kpis.abandoned == 0);
  CHECK(r.kpis.in_system_at_end == 0);
  CHECK(r.kpis.waited == 0);
  CHECK(r.kpis.talk_mean == Approx(20));
  CHECK(r.kpis.qualified == 1);
  CHECK(r.kpis.ok == 0);
  CHECK(stats.arrivals_seen() == 4);
}

TEST_CASE("a warm-up of N calls starts the window at the first counted arrival", "[domain]") {
  auto cfg = two_by_two();
  timeline tl;
  tl.arrive(10s, 1, 0, false);
  tl.queue(10s, 1, 10s, 0, false);  // waits until 70 s: 30 s of it inside the window
  tl.arrive(40s, 2);
  tl.queue(40s, 2, 40s);
  tl.assign(70s, 1, 10s, 0, 0, false);
  tl.assign(90s, 2, 40s, 0);

  tenant_stats stats{cfg, 0s, true};
  tl.feed(stats);
  auto r = stats.finish(140s, false);
  CHECK(r.window_start == Approx(40));
  CHECK(r.window_end == Approx(140));
  // Queue: 2 waiting 40..70, 1 waiting 70..90 over a 100 s window.
  CHECK(r.kpis.mean_queue == Approx((2 * 30.0 + 1 * 20.0) / 100));
  CHECK(r.kpis.max_queue == 2);  // both waiting at 40 s, inside the window
}

TEST_CASE("occupancy and the mean queue are time averages over the measurement window",
          "[domain]") {
  auto cfg = two_by_two();
  auto build = [] {
    timeline tl;
    tl.state(0s, 0, 0, offline, available);
    tl.arrive(0s, 1);
    tl.assign(0s, 1, 0s, 0);
    tl.state(0s, 0, 0, available, reserved);
    tl.state(0s, 0, 0, reserved, on_call);
    tl.arrive(10s, 2);
    tl.queue(10s, 2, 10s);
    tl.end(40s, 1, 0s, 0, 0, 40s, 10s);
    tl.state(40s, 0, 0, on_call, wrap_up);
    tl.state(50s, 0, 0, wrap_up, available);
    tl.assign(50s, 2, 10s, 0);
    tl.state(50s, 0, 0, available, reserved);
    tl.state(50s, 0, 0, reserved, on_call);
    tl.state(60s, 1, 0, offline, available);
    tl.end(80s, 2, 10s, 0, 0, 30s);
    tl.state(80s, 0, 0, on_call, available);
    tl.state(90s, 0, 0, available, on_break);
    return tl;
  };

  SECTION("without a warm-up") {
    tenant_stats stats{cfg, 0s, false};
    build().feed(stats);
    auto r = stats.finish(100s, false);
    // Agent 0 busy 0..50 and 50..80; logged in 0..100 (the break counts).
    // Agent 1 logged in 60..100, never busy.
    CHECK(r.occupancy == Approx(80.0 / 140));
    REQUIRE(r.agent_types.size() == 2);
    CHECK(r.agent_types[0].occupancy == Approx(80.0 / 140));
    CHECK(r.agent_types[1].occupancy == 0);
    CHECK(r.agent_types[1].agents == 0);
    auto [busy, logged] = stats.occupancy_integrals();
    CHECK(busy == Approx(80));
    CHECK(logged == Approx(140));
    // One call waiting 10..50.
    CHECK(r.kpis.mean_queue == Approx(40.0 / 100));
    CHECK(r.call_types[0].kpis.mean_queue == Approx(40.0 / 100));
    CHECK(r.call_types[1].kpis.mean_queue == 0);
    CHECK(r.kpis.max_queue == 1);
    // Agents 0 and 1 answered 2 and 0 calls.
    CHECK(r.agent_types[0].agents == 2);
    CHECK(r.agent_types[0].calls_per_agent == Approx(1));
    CHECK(r.agent_types[0].fairness_cv == Approx(1));
    CHECK(r.kpis.wrap_mean == Approx(5));
    CHECK(r.kpis.aht == Approx(35 + 5));
  }
  SECTION("with a 20 s warm-up") {
    tenant_stats stats{cfg, 20s, false};
    build().feed(stats);
    auto r = stats.finish(100s, false);
    CHECK(r.window_start == Approx(20));
    // Window 20..100: agent 0 busy 20..80, logged 80; agent 1 logged 40.
    CHECK(r.occupancy == Approx(60.0 / 120));
    // The waiting call (arrived before the warm-up) is still a waiting call.
    CHECK(r.kpis.mean_queue == Approx(30.0 / 80));
  }
}

TEST_CASE("when the run stops after N calls the window ends at the last counted arrival",
          "[domain]") {
  auto cfg = two_by_two();
  timeline tl;
  tl.state(0s, 0, 0, offline, available);
  tl.arrive(0s, 1);
  tl.state(0s, 0, 0, available, reserved);
  tl.state(0s, 0, 0, reserved, on_call);
  tl.arrive(50s, 2);  // the last counted arrival
  tl.queue(50s, 2, 50s);
  tl.end(100s, 1, 0s, 0, 0, 100s);
  tl.state(100s, 0, 0, on_call, available);
  tl.state(100s, 0, 0, available, reserved);
  tl.state(100s, 0, 0, reserved, on_call);
  tl.end(400s, 2, 50s, 0, 0, 300s);
  tl.state(400s, 0, 0, on_call, available);

  tenant_stats stats{cfg, 0s, false};
  tl.feed(stats);
  auto r = stats.finish(400s, true);
  CHECK(r.window_end == Approx(50));
  // The drain after 50 s is left out of the time averages.
  CHECK(r.occupancy == Approx(1.0));
  CHECK(r.kpis.mean_queue == 0);
  // But every counted call is followed to its end.
  CHECK(r.kpis.answered == 2);
  CHECK(r.kpis.asa == Approx(25));
}

TEST_CASE("conversion is measured per agent type and call type from the qualifications",
          "[domain]") {
  auto cfg = two_by_two();
  timeline tl;
  call_id id = 1;
  auto handled = [&](agent_id agent, agent_type_index at, call_type_index type,
                     qualification q) {
    sim_time t = std::chrono::seconds(10 * id);
    tl.arrive(t, id, type);
    tl.end(t + 5s, id, t, agent, at, 5s, 0s, q, type);
    ++id;
  };
  handled(0, 0, 0, qualification::ok);
  handled(0, 0, 0, qualification::ko);
  handled(0, 0, 0, qualification::ko);
  handled(0, 0, 0, qualification::ko);
  handled(1, 0, 1, qualification::ok);
  handled(2, 1, 1, qualification::ko);
  handled(2, 1, 1, qualification::ok);

  tenant_stats stats{cfg, 0s, false};
  tl.feed(stats);
  auto r = stats.finish(1000s, false);
  CHECK(r.kpis.qualified == 7);
  CHECK(r.kpis.ok == 3);
  CHECK(r.kpis.conversion == Approx(3.0 / 7));
  // Only skill cells: all x sales, all x support, support_only x support.
  REQUIRE(r.conversion.size() == 3);
  CHECK(r.conversion[0].agent_type == "all");
  CHECK(r.conversion[0].call_type == "sales");
  CHECK(r.conversion[0].configured == 0.3);
  CHECK(r.conversion[0].answered == 4);
  CHECK(r.conversion[0].measured == Approx(0.25));
  CHECK(r.conversion[1].call_type == "support");
  CHECK(r.conversion[1].measured == Approx(1.0));
  CHECK(r.conversion[2].agent_type == "support_only");
  CHECK(r.conversion[2].answered == 2);
  CHECK(r.conversion[2].measured == Approx(0.5));
}

TEST_CASE("talk mean and standard deviation come from the answered calls' talk times",
          "[domain]") {
  auto cfg = two_by_two();
  timeline tl;
  tl.arrive(0s, 1);
  tl.end(100s, 1, 0s, 0, 0, 100s, 10s);
  tl.arrive(0s, 2);
  tl.end(200s, 2, 0s, 1, 0, 200s, 20s);
  tl.arrive(0s, 3);
  tl.end(300s, 3, 0s, 2, 0, 300s, 30s);
  std::stable_sort(tl.events.begin(), tl.events.end(),
                   [](const event& a, const event& b) { return a.at < b.at; });
  tenant_stats stats{cfg, 0s, false};
  tl.feed(stats);
  auto k = stats.finish(400s, false).call_types[0].kpis;
  CHECK(k.talk_mean == Approx(200));
  CHECK(k.talk_sd == Approx(std::sqrt(20000.0 / 3)));
  CHECK(k.wrap_mean == Approx(20));
  CHECK(k.aht == Approx(220));
  CHECK(k.asa == 0);
  CHECK(k.service_level == 1);
}

TEST_CASE("the tallies of call types add up to the tenant's", "[domain]") {
  auto cfg = two_by_two();
  timeline tl;
  tl.arrive(0s, 1, 0);
  tl.arrive(1s, 2, 1);
  tl.queue(1s, 2, 1s, 1);
  tl.arrive(2s, 3, 1);
  tl.reject(2s, 3, 2s, reject_reason::queue_full, 1);
  tl.end(30s, 1, 0s, 0, 0, 30s);
  tenant_stats stats{cfg, 0s, false};
  tl.feed(stats);
  auto r = stats.finish(60s, false);
  call_tally sum;
  for (auto& t : stats.tallies()) sum.merge(t);
  CHECK(sum.offered == stats.tenant_tally().offered);
  CHECK(sum.answered == stats.tenant_tally().answered);
  CHECK(sum.rejected == stats.tenant_tally().rejected);
  CHECK(sum.in_system == stats.tenant_tally().in_system);
  CHECK(r.kpis.offered == 3);
  CHECK(r.kpis.in_system_at_end == 1);
}
