#include "live/engine.hpp"

#include <chrono>
#include <future>
#include <thread>

#include <catch2/catch.hpp>

using namespace ccsim;
using namespace ccsim::live;
using namespace std::chrono_literals;

namespace {

tenant small_tenant(std::string name) {
  tenant t;
  t.name = std::move(name);
  call_type sales;
  sales.name = "sales";
  sales.talk = {distribution_kind::fixed, 60, 0, 0};
  t.call_types.push_back(sales);
  agent_type rep;
  rep.name = "rep";
  rep.skills = {0};
  t.agent_types.push_back(rep);
  t.conversion = {{0.0}};
  return t;
}

/// Runs an async engine command and waits (in the test only) for its answer.
template <class T, class F>
result<T> wait_for(F&& start) {
  std::promise<result<T>> p;
  auto f = p.get_future();
  start([&p](result<T> r) { p.set_value(std::move(r)); });
  REQUIRE(f.wait_for(5s) == std::future_status::ready);
  return f.get();
}

template <class T>
const T& ok(const result<T>& r) {
  if (auto* e = std::get_if<api_error>(&r)) FAIL(e->code + ": " + e->detail);
  return std::get<T>(r);
}

/// Polls `pred` until true or 3 s passed (the view follows the event stream
/// asynchronously).
template <class Pred>
bool eventually(Pred pred) {
  for (int i = 0; i < 300; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return pred();
}

} // namespace

TEST_CASE("a live call goes to the longest idle agent and the view follows the stream", "[live]") {
  engine eng{engine_options{1.0, 2, 7}};
  auto info = ok(eng.create_tenant(small_tenant("acme")));
  auto t = info.id;
  auto a0 = ok(wait_for<agent_info>([&](auto cb) { eng.create_agent(t, "rep", "Ana", true, cb); }));
  std::this_thread::sleep_for(20ms);  // Ana becomes idle first
  auto a1 = ok(wait_for<agent_info>([&](auto cb) { eng.create_agent(t, "rep", "Bo", true, cb); }));
  REQUIRE(eventually([&] { return eng.agents(t).size() == 2; }));

  auto c1 = ok(wait_for<call_created>([&](auto cb) { eng.create_call(t, "sales", 600.0, std::nullopt, cb); }));
  CHECK(c1.outcome == "assigned");
  CHECK(c1.agent == a0.id);
  auto c2 = ok(wait_for<call_created>([&](auto cb) { eng.create_call(t, "sales", 600.0, std::nullopt, cb); }));
  CHECK(c2.agent == a1.id);
  auto c3 = ok(wait_for<call_created>([&](auto cb) { eng.create_call(t, "sales", 600.0, std::nullopt, cb); }));
  CHECK(c3.outcome == "queued");
  CHECK(c3.queue_length == 1);

  REQUIRE(eventually([&] { auto c = eng.call(t, c3.id); return c && c->state == "waiting"; }));
  auto snap = eng.snapshot(t);
  REQUIRE(snap.queues.size() == 1);
  CHECK(snap.queues[0].waiting == 1);
  CHECK(snap.kpis.offered == 3);

  // Ending call 1 frees Ana, who takes the waiting call at once.
  REQUIRE(eventually([&] { auto c = eng.call(t, c1.id); return c && c->state == "talking"; }));
  auto ended = ok(wait_for<call_info>([&](auto cb) { eng.end_call(t, c1.id, cb); }));
  CHECK(ended.id == c1.id);
  REQUIRE(eventually([&] { auto c = eng.call(t, c3.id); return c && c->state == "talking" && c->agent == a0.id; }));
  CHECK(eng.status().dispatch_latency.count == 3);
  eng.shutdown();
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
