// The dispatcher's protocol: offers, reservations, refusals and saturation,
// driven through the real dispatcher, agent and call actors in virtual time.
#include "actors/dispatcher.hpp"

#include <catch2/catch.hpp>

#include <caf/send.hpp>

#include "actor_fixture.hpp"

using namespace ccsim;
using namespace ccsim::test;
using namespace std::chrono_literals;

TEST_CASE_METHOD(actor_fixture,
                 "a call offered while an agent is idle is answered at once and ends after its "
                 "talk time",
                 "[actors]") {
  use(simple_tenant());
  add_agent(0);
  run_all();
  REQUIRE(events_of(event_kind::agent_ready).size() == 1);

  auto log = std::make_shared<caller_log>();
  auto t = ticket(1, 120s, 0, 15s);
  t.caller = fake_caller(log);
  t.wants_connect = true;  // as a call with a patience timer
  offer(t);
  run_all();

  auto assigned = events_of(event_kind::call_assigned, 1);
  REQUIRE(assigned.size() == 1);
  CHECK(assigned[0].agent == 0);
  CHECK(assigned[0].at == 0s);
  CHECK(assigned[0].duration == 0s);
  auto answered = events_of(event_kind::call_answered, 1);
  REQUIRE(answered.size() == 1);
  CHECK(answered[0].at == 0s);
  auto ended = events_of(event_kind::call_ended, 1);
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].at == 120s);
  CHECK(ended[0].duration == 120s);
  CHECK(ended[0].duration2 == 15s);
  CHECK(ended[0].agent == 0);
  CHECK(ended[0].agent_type == 0);
  CHECK(events_of(event_kind::call_queued).empty());

  // The caller heard it was connected to agent 0, then that it was over.
  CHECK(log->connected == std::vector<agent_id>{0});
  CHECK(log->ended == 1);
  CHECK(log->gone == 0);

  // Agent: login, reserved, on call, wrap-up for 15 s, available again.
  auto changes = state_changes(0);
  REQUIRE(changes.size() == 5);
  using enum agent_state;
  CHECK(changes[1].to == reserved);
  CHECK(changes[2].to == on_call);
  CHECK(changes[3].to == wrap_up);
  CHECK(changes[3].at == 120s);
  CHECK(changes[4].to == available);
  CHECK(changes[4].at == 135s);
  CHECK(events_of(event_kind::agent_ready).back().at == 135s);
}

TEST_CASE_METHOD(actor_fixture,
                 "a caller without a patience timer only hears that its call ended", "[actors]") {
  use(simple_tenant());
  add_agent(0);
  run_all();
  auto log = std::make_shared<caller_log>();
  auto t = ticket(1, 40s);
  t.caller = fake_caller(log);  // wants_connect stays false: nothing to stop
  offer(t);
  run_all();
  CHECK(events_of(event_kind::call_answered, 1).size() == 1);
  CHECK(log->connected.empty());
  CHECK(log->ended == 1);
  CHECK(log->gone == 0);
}

TEST_CASE_METHOD(actor_fixture,
                 "a call that finds no idle agent waits and is assigned when an agent frees up",
                 "[actors]") {
  use(simple_tenant());
  add_agent(0);
  at(0s, [this] { spawn_call(ticket(1, 100s, 0, 20s)); });
  at(30s, [this] { spawn_call(ticket(2, 50s)); });
  run_all();

  auto queued = events_of(event_kind::call_queued, 2);
  REQUIRE(queued.size() == 1);
  CHECK(queued[0].at == 30s);
  CHECK(queued[0].queue_length == 1);
  // Call 1 talks until 100 s, the agent wraps up until 120 s: then call 2.
  auto assigned = events_of(event_kind::call_assigned, 2);
  REQUIRE(assigned.size() == 1);
  CHECK(assigned[0].at == 120s);
  CHECK(assigned[0].agent == 0);
  CHECK(assigned[0].duration == 90s);  // waited from 30 s to 120 s
  auto ended = events_of(event_kind::call_ended, 2);
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].at == 170s);
  // The agent went straight from wrap-up to the waiting call: never ready between.
  auto ready = events_of(event_kind::agent_ready);
  REQUIRE(ready.size() == 2);
  CHECK(ready[0].at == 0s);
  CHECK(ready[1].at == 170s);
}

TEST_CASE_METHOD(actor_fixture, "a new call goes to the agent that has been idle the longest",
                 "[actors]") {
  use(simple_tenant());
  add_agent(0);
  add_agent(1);
  add_agent(2);
  // All three idle since 0 s: the tie goes to agent 0. It is back at 10 s.
  at(0s, [this] { spawn_call(ticket(1, 10s)); });
  at(20s, [this] {
    spawn_call(ticket(2, 100s));
    spawn_call(ticket(3, 100s));
    spawn_call(ticket(4, 100s));
  });
  run_all();
  auto agent_of = [this](call_id c) {
    auto a = events_of(event_kind::call_assigned, c);
    return a.size() == 1 ? a[0].agent : no_agent;
  };
  CHECK(agent_of(1) == 0);
  CHECK(agent_of(2) == 1);  // idle since 0 s, lower id than agent 2
  CHECK(agent_of(3) == 2);
  CHECK(agent_of(4) == 0);  // idle only since 10 s
  auto ready = events_of(event_kind::agent_ready, std::nullopt, 0);
  REQUIRE(ready.size() >= 2);
  CHECK(ready[1].at == 10s);
  CHECK(ready[1].arrived == 10s);  // the idle key it is ranked by
}

TEST_CASE_METHOD(actor_fixture,
                 "an agent that goes on break while reserved refuses and the call goes to another "
                 "agent",
                 "[actors]") {
  use(simple_tenant());
  auto lunch = break_code("lunch");
  auto a0 = add_agent(0);
  add_agent(1);
  run_all();

  auto log = std::make_shared<caller_log>();
  auto t = ticket(1, 60s);
  t.caller = fake_caller(log);
  t.wants_connect = true;
  // The offer reaches the dispatcher before agent 0's withdrawal does: the
  // dispatcher reserves agent 0 (tie at key 0, lower id), which is on its
  // break by the time the reservation arrives.
  offer(t);
  caf::anon_send(a0, atoms::break_atom_v, lunch, sim_duration{300s});
  run_all();

  auto assigned = events_of(event_kind::call_assigned, 1);
  REQUIRE(assigned.size() == 2);
  CHECK(assigned[0].agent == 0);
  CHECK(assigned[1].agent == 1);
  auto refused = events_of(event_kind::call_refused, 1);
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].agent == 0);
  CHECK(refused[0].seq > assigned[0].seq);
  CHECK(refused[0].seq < assigned[1].seq);
  auto answered = events_of(event_kind::call_answered, 1);
  REQUIRE(answered.size() == 1);
  CHECK(answered[0].agent == 1);
  CHECK(answered[0].at == 0s);
  CHECK(log->connected == std::vector<agent_id>{1});
  CHECK(log->ended == 1);

  // Agent 0 never took the call: available -> break -> available.
  using enum agent_state;
  auto changes = state_changes(0);
  REQUIRE(changes.size() == 3);
  CHECK(changes[1].to == on_break);
  CHECK(changes[1].break_reason == lunch);
  CHECK(changes[2].from == on_break);
  CHECK(changes[2].to == available);
  CHECK(changes[2].at == 300s);
  // The dispatcher had already reserved it: nothing to withdraw.
  CHECK(events_of(event_kind::agent_withdrawn).empty());
}

TEST_CASE_METHOD(actor_fixture,
                 "a refused call with no other agent waits ahead of the calls that came after it",
                 "[actors]") {
  use(simple_tenant());
  auto a0 = add_agent(0);
  run_all();
  offer(ticket(1, 10s));
  caf::anon_send(a0, atoms::break_atom_v, std::uint8_t{0}, sim_duration{60s});
  offer(ticket(2, 10s));
  offer(ticket(3, 10s));
  run_all();

  REQUIRE(events_of(event_kind::call_refused, 1).size() == 1);
  std::vector<call_id> order;
  for (auto& e : events_of(event_kind::call_assigned)) order.push_back(e.call);
  // Call 1 first (reserved, refused), then 1 again when the break ends at 60 s.
  CHECK(order == std::vector<call_id>{1, 1, 2, 3});
  auto again = events_of(event_kind::call_assigned, 1);
  REQUIRE(again.size() == 2);
  CHECK(again[1].at == 60s);
  CHECK(events_of(event_kind::call_assigned, 2)[0].at == 70s);
  CHECK(events_of(event_kind::call_assigned, 3)[0].at == 80s);
}

TEST_CASE_METHOD(actor_fixture, "a freed agent takes the waiting call of the highest priority",
                 "[actors]") {
  auto t = simple_tenant(3);
  t.call_types[1].priority = 5;
  t.call_types[2].priority = 5;
  use(t);
  add_agent(0);
  at(0s, [this] { spawn_call(ticket(1, 100s)); });
  at(1s, [this] { spawn_call(ticket(2, 10s, 0)); });
  at(2s, [this] { spawn_call(ticket(3, 10s, 2)); });
  at(3s, [this] { spawn_call(ticket(4, 10s, 1)); });
  at(4s, [this] { spawn_call(ticket(5, 10s, 2)); });
  run_all();
  std::vector<call_id> order;
  for (auto& e : events_of(event_kind::call_answered)) order.push_back(e.call);
  CHECK(order == std::vector<call_id>{1, 3, 4, 5, 2});
}

TEST_CASE_METHOD(actor_fixture,
                 "a call over the call type's queue limit is rejected with reason queue_full",
                 "[actors]") {
  auto t = simple_tenant(2);
  t.call_types[0].max_queue = 1;
  t.max_queue = 2;
  use(t);  // no agents at all: every call has to queue

  std::vector<std::shared_ptr<caller_log>> logs;
  auto send = [&](call_id id, call_type_index type) {
    logs.push_back(std::make_shared<caller_log>());
    auto tk = ticket(id, 10s, type);
    tk.caller = fake_caller(logs.back());
    offer(tk);
  };
  send(1, 0);  // queued
  send(2, 0);  // type 0 full
  send(3, 1);  // queued: tenant now holds 2
  send(4, 1);  // type 1 has room, the tenant does not
  run_all();

  CHECK(events_of(event_kind::call_queued, 1).size() == 1);
  CHECK(events_of(event_kind::call_queued, 3).size() == 1);
  auto r2 = events_of(event_kind::call_rejected, 2);
  REQUIRE(r2.size() == 1);
  CHECK(r2[0].reason == reject_reason::queue_full);
  CHECK(events_of(event_kind::call_queued, 2).empty());
  auto r4 = events_of(event_kind::call_rejected, 4);
  REQUIRE(r4.size() == 1);
  CHECK(r4[0].reason == reject_reason::tenant_queue_full);
  CHECK(r4[0].type == 1);
  // The rejected callers are told to go; the waiting ones hear nothing yet.
  CHECK(logs[0]->gone == 0);
  CHECK(logs[1]->gone == 1);
  CHECK(logs[2]->gone == 0);
  CHECK(logs[3]->gone == 1);
}
