// The agent's protocol: shifts, breaks, logouts and the idle key it reports,
// in virtual time.
#include "actors/agent.hpp"

#include <catch2/catch.hpp>

#include <tuple>

#include "actor_fixture.hpp"

using namespace ccsim;
using namespace ccsim::test;
using namespace std::chrono_literals;

namespace {

using enum agent_state;

/// (time, from, to) of each change, for whole-sequence comparisons.
using change = std::tuple<sim_time, agent_state, agent_state>;

std::vector<change> summary(const std::vector<event>& changes) {
  std::vector<change> out;
  for (auto& e : changes) out.emplace_back(e.at, e.from, e.to);
  return out;
}

shift make_shift(sim_time login, sim_time logout, std::vector<break_period> breaks = {}) {
  return shift{login, logout, std::move(breaks)};
}

} // namespace

TEST_CASE_METHOD(actor_fixture,
                 "an agent without a shift logs in at once and is ready with its login time as key",
                 "[actors]") {
  use(simple_tenant());
  add_agent(3);
  run_all();
  CHECK(summary(state_changes(3)) == std::vector<change>{{0s, offline, available}});
  auto ready = events_of(event_kind::agent_ready, std::nullopt, 3);
  REQUIRE(ready.size() == 1);
  CHECK(ready[0].at == 0s);
  CHECK(ready[0].arrived == 0s);
  CHECK(ready[0].agent_type == 0);
}

TEST_CASE_METHOD(actor_fixture,
                 "shift login, breaks and logout produce their state changes at their times",
                 "[actors]") {
  use(simple_tenant());
  auto lunch = break_code("lunch");
  auto coffee = break_code("coffee");
  add_agent(0, 0,
            make_shift(60s, 600s, {{120s, 30s, "lunch"}, {400s, 15s, "coffee"}}),
            {lunch, coffee});
  run_all();

  auto changes = state_changes(0);
  CHECK(summary(changes) == std::vector<change>{
                              {60s, offline, available},
                              {120s, available, on_break},
                              {150s, on_break, available},
                              {400s, available, on_break},
                              {415s, on_break, available},
                              {600s, available, offline},
                            });
  REQUIRE(changes.size() == 6);
  CHECK(changes[1].break_reason == lunch);
  CHECK(changes[3].break_reason == coffee);
  CHECK(changes[0].break_reason == 0);

  std::vector<sim_time> ready, withdrawn;
  for (auto& e : events_of(event_kind::agent_ready)) ready.push_back(e.at);
  for (auto& e : events_of(event_kind::agent_withdrawn)) withdrawn.push_back(e.at);
  CHECK(ready == std::vector<sim_time>{60s, 150s, 415s});
  CHECK(withdrawn == std::vector<sim_time>{120s, 400s, 600s});
}

TEST_CASE_METHOD(actor_fixture,
                 "a break due during a call starts when the call and its wrap-up are over",
                 "[actors]") {
  use(simple_tenant());
  add_agent(0, 0, make_shift(0s, 1000s, {{100s, 60s, "lunch"}}), {break_code("lunch")});
  at(50s, [this] { spawn_call(ticket(1, 100s, 0, 20s)); });
  run_all();

  // The break (60 s) runs from the end of the wrap-up, not from 100 s.
  CHECK(summary(state_changes(0)) == std::vector<change>{
                                       {0s, offline, available},
                                       {50s, available, reserved},
                                       {50s, reserved, on_call},
                                       {150s, on_call, wrap_up},
                                       {170s, wrap_up, on_break},
                                       {230s, on_break, available},
                                       {1000s, available, offline},
                                     });
  auto ended = events_of(event_kind::call_ended, 1);
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].at == 150s);
  // Busy when the break came due: nothing to withdraw at 100 s.
  std::vector<sim_time> withdrawn;
  for (auto& e : events_of(event_kind::agent_withdrawn)) withdrawn.push_back(e.at);
  CHECK(withdrawn == std::vector<sim_time>{1000s});
}

TEST_CASE_METHOD(actor_fixture, "a logout due during a call waits for the end of the call",
                 "[actors]") {
  use(simple_tenant());
  // A short break first; the logout comes due at 100 s, in the middle of a call.
  add_agent(0, 0, make_shift(0s, 100s, {{20s, 10s, "coffee"}}), {break_code("coffee")});
  at(50s, [this] { spawn_call(ticket(1, 100s)); });
  at(200s, [this] { spawn_call(ticket(2, 10s)); });
  run_all();

  CHECK(summary(state_changes(0)) == std::vector<change>{
                                       {0s, offline, available},
                                       {20s, available, on_break},
                                       {30s, on_break, available},
                                       {50s, available, reserved},
                                       {50s, reserved, on_call},
                                       {150s, on_call, offline},
                                     });
  // Logged out: the next call finds nobody.
  CHECK(events_of(event_kind::call_queued, 2).size() == 1);
  CHECK(events_of(event_kind::call_assigned, 2).empty());
}

TEST_CASE_METHOD(actor_fixture,
                 "a logout due during a call wins over a break that comes due later in the call",
                 "[actors]") {
  use(simple_tenant());
  add_agent(0, 0, make_shift(0s, 100s, {{90s, 60s, "lunch"}}), {break_code("lunch")});
  at(10s, [this] { spawn_call(ticket(1, 200s)); });
  run_all();
  auto changes = state_changes(0);
  REQUIRE_FALSE(changes.empty());
  CHECK(changes.back().to == offline);
  CHECK(changes.back().at == 210s);
  for (auto& c : changes) CHECK(c.to != on_break);
}

TEST_CASE_METHOD(actor_fixture,
                 "the idle key an agent reports after a break depends on the idle policy",
                 "[actors]") {
  auto policy = GENERATE(idle_policy::since_available, idle_policy::since_last_call);
  auto t = simple_tenant();
  t.idle = policy;
  use(t);
  add_agent(0, 0, make_shift(5s, 1000s, {{200s, 100s, "lunch"}}), {break_code("lunch")});
  at(50s, [this] { spawn_call(ticket(1, 50s, 0, 10s)); });
  run_all();

  auto ready = events_of(event_kind::agent_ready);
  REQUIRE(ready.size() == 3);
  // Login at 5 s: no call yet, both policies use the login time.
  CHECK(ready[0].at == 5s);
  CHECK(ready[0].arrived == 5s);
  // After the call (talk ends at 100 s, wrap-up until 110 s).
  CHECK(ready[1].at == 110s);
  CHECK(ready[2].at == 300s);
  if (policy == idle_policy::since_available) {
    CHECK(ready[1].arrived == 110s);  // end of wrap-up
    CHECK(ready[2].arrived == 300s);  // end of the break
  } else {
    CHECK(ready[1].arrived == 100s);  // end of the call
    CHECK(ready[2].arrived == 100s);  // the break does not reset it
  }
}

TEST_CASE_METHOD(actor_fixture,
                 "a call is qualified OK when its draw falls below the agent type's conversion",
                 "[actors]") {
  auto t = simple_tenant();
  t.agent_types.push_back({"closer", {0}});
  t.conversion = {{0.3}, {0.5}};
  t.has_conversion = true;
  use(t);
  add_agent(0, 0);
  add_agent(1, 1);
  run_all();
  // Both idle since 0 s: agent 0 first, then agent 1 (it is still busy).
  auto t1 = ticket(1, 10s, 0, 0s, 0.29);
  auto t2 = ticket(2, 10s, 0, 0s, 0.31);
  offer(t1);
  offer(t2);
  run_all();
  auto e1 = events_of(event_kind::call_ended, 1);
  auto e2 = events_of(event_kind::call_ended, 2);
  REQUIRE(e1.size() == 1);
  REQUIRE(e2.size() == 1);
  CHECK(e1[0].agent == 0);
  CHECK(e1[0].result == qualification::ok);   // 0.29 < 0.3
  CHECK(e2[0].agent == 1);
  CHECK(e2[0].result == qualification::ok);   // 0.31 < 0.5 for a closer
  CHECK(e2[0].agent_type == 1);

  // Both idle since 10 s again, so agent 0 gets the next one: 0.31 >= 0.3 is KO.
  offer(ticket(3, 10s, 0, 0s, 0.31));
  run_all();
  auto e3 = events_of(event_kind::call_ended, 3);
  REQUIRE(e3.size() == 1);
  CHECK(e3[0].agent == 0);
  CHECK(e3[0].result == qualification::ko);
}

TEST_CASE_METHOD(actor_fixture, "without a conversion matrix calls are not qualified",
                 "[actors]") {
  use(simple_tenant());
  add_agent(0);
  run_all();
  offer(ticket(1, 10s, 0, 0s, 0.0));
  run_all();
  auto ended = events_of(event_kind::call_ended, 1);
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].result == qualification::none);
}
