#include "live/engine.hpp"

#include <chrono>

#include <catch2/catch.hpp>

#include "live/tenant_view.hpp"
#include "live_test_support.hpp"

using namespace ccsim;
using namespace ccsim::live;
using namespace std::chrono_literals;

namespace {

using test::eventually;
using test::ok;
using test::small_tenant;
using test::wait_for;

/// Agents the dispatcher has registered as idle (agent_ready events): only
/// then may a call find them. The view alone is not enough to wait for.
std::size_t ready_agents(const engine& eng, tenant_index t) {
  std::size_t n = 0;
  for (auto& e : eng.recent_events(t, 0)) n += e.kind == event_kind::agent_ready;
  return n;
}

} // namespace

TEST_CASE("a live call goes to the longest idle agent and the view follows the stream", "[live]") {
  engine eng{engine_options{1.0, 2, 7}};
  auto info = ok(eng.create_tenant(small_tenant("acme")));
  auto t = info.id;
  auto a0 = ok(wait_for<agent_info>([&](auto cb) { eng.create_agent(t, "rep", "Ana", true, cb); }));
  REQUIRE(eventually([&] { return ready_agents(eng, t) == 1; }));  // Ana becomes idle first
  auto a1 = ok(wait_for<agent_info>([&](auto cb) { eng.create_agent(t, "rep", "Bo", true, cb); }));
  REQUIRE(eventually([&] { return ready_agents(eng, t) == 2 && eng.agents(t).size() == 2; }));

  auto c1 = ok(wait_for<call_created>([&](auto cb) { eng.create_call(t, "sales", 600.0, std::nullopt, cb); }));
  CHECK(c1.outcome == "assigned");
  CHECK(c1.agent == a0.id);
  auto c2 = ok(wait_for<call_created>([&](auto cb) { eng.create_call(t, "sales", 600.0, std::nullopt, cb); }));
  CHECK(c2.agent == a1.id);
  auto c3 = ok(wait_for<call_created>([&](auto cb) { eng.create_call(t, "sales", 600.0, std::nullopt, cb); }));
  CHECK(c3.outcome == "queued");
  CHECK(c3.queue_length == 1);

  // "waiting" from its arrival on; in the queue once call_queued is applied.
  REQUIRE(eventually([&] { auto c = eng.call(t, c3.id); return c && c->state == "waiting"; }));
  REQUIRE(eventually([&] { return eng.snapshot(t).queues.at(0).waiting == 1; }));
  auto snap = eng.snapshot(t);
  REQUIRE(snap.queues.size() == 1);
  CHECK(snap.queues[0].waiting == 1);
  CHECK(snap.kpis.offered == 3);

  // Ending call 1 frees Ana, who takes the waiting call at once.
  REQUIRE(eventually([&] { auto c = eng.call(t, c1.id); return c && c->state == "talking"; }));
  auto ended = ok(wait_for<call_info>([&](auto cb) { eng.end_call(t, c1.id, cb); }));
  CHECK(ended.id == c1.id);
  REQUIRE(eventually([&] { auto c = eng.call(t, c3.id); return c && c->state == "talking" && c->agent == a0.id; }));
  auto lat = eng.status().dispatch_latency;
  CHECK(lat.count == 3);
  CHECK(lat.sum_ms > 0);
  CHECK(lat.sum_ms <= lat.max_ms * 3);
  CHECK(lat.sum_ms >= lat.max_ms);

  auto k = eng.kpis(t);
  CHECK(k.tenant == t);
  CHECK(k.name == "acme");
  CHECK(k.kpis.offered == 3);
  CHECK(k.agents == 2);
  CHECK(k.waiting == 0);
  CHECK(eng.kpis(99).name.empty());  // unknown tenant: empty, like snapshot()
  eng.shutdown();
}

TEST_CASE("tenants are found by name and names are unique", "[live]") {
  engine eng{engine_options{}};
  auto a = ok(eng.create_tenant(small_tenant("acme")));
  auto b = ok(eng.create_tenant(small_tenant("globex")));
  REQUIRE(eng.find_tenant("globex"));
  CHECK(eng.find_tenant("globex")->id == b.id);
  CHECK(eng.find_tenant("acme")->id == a.id);
  CHECK_FALSE(eng.find_tenant("initech"));
  auto again = eng.create_tenant(small_tenant("acme"));
  REQUIRE(std::holds_alternative<api_error>(again));
  CHECK(std::get<api_error>(again).code == "tenant_exists");
  CHECK(eng.tenants().size() == 2);
  eng.shutdown();
}

namespace {

/// Event helpers for feeding a tenant_view by hand.
struct stream {
  std::vector<event> events;
  event& add(event_kind kind, double at_s, call_id call = 0) {
    event e;
    e.kind = kind;
    e.at = from_seconds(at_s);
    e.call = call;
    e.seq = events.size() + 1;
    events.push_back(e);
    return events.back();
  }
  void state(double at_s, agent_id a, agent_state from, agent_state to) {
    auto& e = add(event_kind::agent_state_changed, at_s);
    e.agent = a;
    e.from = from;
    e.to = to;
  }
  void arrive(double at_s, call_id c) { add(event_kind::call_arrived, at_s, c).arrived = from_seconds(at_s); }
  void queue(double at_s, call_id c, double arrived_s) { add(event_kind::call_queued, at_s, c).arrived = from_seconds(arrived_s); }
  void take(double at_s, call_id c, double arrived_s, agent_id a) {
    for (auto kind : {event_kind::call_assigned, event_kind::call_answered}) {
      auto& e = add(kind, at_s, c);
      e.arrived = from_seconds(arrived_s);
      e.agent = a;
      e.duration = from_seconds(at_s - arrived_s);
    }
  }
  void end(double at_s, call_id c, double arrived_s, double answered_s, agent_id a) {
    auto& e = add(event_kind::call_ended, at_s, c);
    e.arrived = from_seconds(arrived_s);
    e.agent = a;
    e.duration = from_seconds(at_s - answered_s);
  }
};

} // namespace

TEST_CASE("a tenant view's KPI read equals its snapshot and its state counts follow every change", "[live]") {
  auto config = std::make_shared<const tenant>(small_tenant("acme"));
  tenant_info info;
  info.name = "acme";
  tenant_view view{config, info, [](std::uint8_t) { return std::string{"coffee"}; }};
  using enum agent_state;
  stream s;
  s.state(0, 0, offline, available);
  s.state(0, 1, offline, available);
  s.state(1, 2, offline, available);
  s.arrive(10, 1);
  s.take(10, 1, 10, 0);
  s.state(10, 0, available, reserved);
  s.state(10, 0, reserved, on_call);
  s.arrive(12, 2);
  s.take(12, 2, 12, 1);
  s.state(12, 1, available, reserved);
  s.state(12, 1, reserved, on_call);
  s.state(13, 2, available, on_break);
  s.arrive(15, 3);
  s.queue(15, 3, 15);
  s.arrive(16, 4);
  s.queue(16, 4, 16);
  s.end(70, 1, 10, 10, 0);
  s.state(70, 0, on_call, available);
  s.take(70, 3, 15, 0);
  s.state(70, 0, available, reserved);
  s.state(70, 0, reserved, on_call);
  s.add(event_kind::call_abandoned, 80, 4).arrived = from_seconds(16);
  view.apply(s.events);
  view.name_agent(7, "Dee", "rep");  // created offline, never logged in

  for (double now : {80.0, 95.5, 200.0}) {
    CAPTURE(now);
    auto snap = view.snapshot(now);
    auto k = view.kpis(now);
    auto from_snap = kpis_of(snap);
    CHECK(k.name == from_snap.name);
    CHECK(k.now_s == from_snap.now_s);
    CHECK(k.kpis.offered == from_snap.kpis.offered);
    CHECK(k.kpis.answered == from_snap.kpis.answered);
    CHECK(k.kpis.abandoned == from_snap.kpis.abandoned);
    CHECK(k.kpis.in_system_at_end == from_snap.kpis.in_system_at_end);
    CHECK(k.kpis.service_level == from_snap.kpis.service_level);
    CHECK(k.kpis.asa == from_snap.kpis.asa);
    CHECK(k.kpis.mean_queue == from_snap.kpis.mean_queue);
    CHECK(k.kpis.wait_p90 == from_snap.kpis.wait_p90);
    CHECK(k.occupancy == from_snap.occupancy);
    CHECK(k.agents == from_snap.agents);
    CHECK(k.waiting == from_snap.waiting);
    CHECK(k.minutes.size() == from_snap.minutes.size());
    CHECK(k.version == from_snap.version);
    CHECK(k.service_level_threshold_s == from_snap.service_level_threshold_s);
  }
  auto k = view.kpis(100);
  CHECK(k.kpis.offered == 4);
  CHECK(k.kpis.answered == 1);
  CHECK(k.kpis.abandoned == 1);
  CHECK(k.kpis.in_system_at_end == 2);
  CHECK(k.agents == 4);
  CHECK(k.waiting == 0);
  CHECK(k.occupancy > 0);

  // The running counts equal a count over the agents and calls.
  std::vector<std::size_t> agents(agent_state_count, 0), calls(3, 0);
  view.count_states(agents, calls);
  std::vector<std::size_t> expected(agent_state_count, 0);
  for (auto& a : view.agents()) ++expected[static_cast<std::size_t>(a.state)];
  CHECK(agents == expected);
  CHECK(agents[static_cast<std::size_t>(on_call)] == 2);
  CHECK(agents[static_cast<std::size_t>(on_break)] == 1);
  CHECK(agents[static_cast<std::size_t>(offline)] == 1);
  CHECK(calls == std::vector<std::size_t>{0, 0, 2});  // calls 2 and 3 talking
  view.forget_agent(7);
  view.count_states(agents, calls);  // adds: the totals doubled, minus the offline agent
  CHECK(agents[static_cast<std::size_t>(offline)] == 1);
  CHECK(agents[static_cast<std::size_t>(on_call)] == 4);
}

TEST_CASE("live agent commands reject illegal moves with 409 and unknown ids with 404", "[live]") {
  engine eng{engine_options{}};
  auto t = ok(eng.create_tenant(small_tenant("acme"))).id;
  auto a = ok(wait_for<agent_info>([&](auto cb) { eng.create_agent(t, "rep", "", false, cb); }));
  CHECK(a.state == agent_state::offline);
  REQUIRE(eng.agent(t, a.id).has_value());

  auto logout = wait_for<agent_info>([&](auto cb) { eng.command_agent(t, a.id, agent_command::logout, "", cb); });
  REQUIRE(std::holds_alternative<api_error>(logout));
  CHECK(std::get<api_error>(logout).status == 409);
  CHECK(std::get<api_error>(logout).code == "illegal_transition");

  auto login = ok(wait_for<agent_info>([&](auto cb) { eng.command_agent(t, a.id, agent_command::login, "", cb); }));
  CHECK(login.state == agent_state::available);
  auto brk = ok(wait_for<agent_info>([&](auto cb) { eng.command_agent(t, a.id, agent_command::take_break, "coffee", cb); }));
  CHECK(brk.state == agent_state::on_break);
  REQUIRE(eventually([&] { auto x = eng.agent(t, a.id); return x && x->break_reason == "coffee"; }));
  auto back = ok(wait_for<agent_info>([&](auto cb) { eng.command_agent(t, a.id, agent_command::available, "", cb); }));
  CHECK(back.state == agent_state::available);

  auto missing = wait_for<agent_info>([&](auto cb) { eng.command_agent(t, 999, agent_command::login, "", cb); });
  REQUIRE(std::holds_alternative<api_error>(missing));
  CHECK(std::get<api_error>(missing).status == 404);

  auto call = wait_for<call_created>([&](auto cb) { eng.create_call(t, "nope", std::nullopt, std::nullopt, cb); });
  REQUIRE(std::holds_alternative<api_error>(call));
  CHECK(std::get<api_error>(call).code == "unknown_call_type");
  eng.shutdown();
}
