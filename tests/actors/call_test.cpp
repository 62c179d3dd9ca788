// The call actor's side of the line: patience and max wait, in virtual time.
#include "actors/call.hpp"

#include <catch2/catch.hpp>

#include <caf/send.hpp>

#include "actor_fixture.hpp"

using namespace ccsim;
using namespace ccsim::test;
using namespace std::chrono_literals;

TEST_CASE_METHOD(actor_fixture,
                 "a caller whose patience runs out before an agent frees up abandons and no agent "
                 "ever gets the call",
                 "[actors]") {
  use(simple_tenant());
  add_agent(0);
  at(0s, [this] { spawn_call(ticket(1, 300s)); });
  at(10s, [this] { spawn_call(ticket(2, 60s), sim_duration{60s}); });
  run_all();

  auto abandoned = events_of(event_kind::call_abandoned, 2);
  REQUIRE(abandoned.size() == 1);
  CHECK(abandoned[0].at == 70s);
  CHECK(abandoned[0].duration == 60s);
  CHECK(abandoned[0].arrived == 10s);
  CHECK(events_of(event_kind::call_assigned, 2).empty());
  CHECK(events_of(event_kind::call_answered, 2).empty());
  CHECK(events_of(event_kind::call_ended, 2).empty());
  // When the agent frees up at 300 s nobody is waiting: it becomes ready.
  auto ready = events_of(event_kind::agent_ready);
  REQUIRE(ready.size() == 2);
  CHECK(ready[1].at == 300s);
  // The call was the only thing the abandoned caller left behind.
  CHECK(events().back().call != 2);
}

TEST_CASE_METHOD(actor_fixture, "patience no longer matters once the call is answered",
                 "[actors]") {
  use(simple_tenant());
  add_agent(0);
  at(0s, [this] { spawn_call(ticket(1, 100s), sim_duration{5s}); });
  run_all();
  CHECK(events_of(event_kind::call_abandoned).empty());
  auto ended = events_of(event_kind::call_ended, 1);
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].at == 100s);
}

TEST_CASE_METHOD(actor_fixture,
                 "a caller whose patience runs out just as the agent takes the call stays "
                 "connected",
                 "[actors]") {
  use(simple_tenant());
  add_agent(0);
  at(0s, [this] { spawn_call(ticket(1, 30s)); });
  at(10s, [this] { spawn_call(ticket(2, 30s), sim_duration{20s}); });
  run_all();
  // The agent's talk timer (set at 0 s) and call 2's patience (set at 10 s)
  // both fire at 30 s, in that order: the agent takes call 2 first, and the
  // late timeout must not tear the call away from it.
  CHECK(events_of(event_kind::call_abandoned).empty());
  auto answered = events_of(event_kind::call_answered, 2);
  REQUIRE(answered.size() == 1);
  CHECK(answered[0].at == 30s);
  CHECK(events_of(event_kind::call_ended, 2).size() == 1);
}

TEST_CASE_METHOD(actor_fixture,
                 "a leave for a call that is already reserved for an agent is ignored",
                 "[actors]") {
  use(simple_tenant());
  add_agent(0);
  run_all();
  auto log = std::make_shared<caller_log>();
  auto t = ticket(1, 30s);
  t.caller = fake_caller(log);
  t.wants_connect = true;
  // The caller hangs up while its reservation is on the way to the agent.
  offer(t);
  caf::anon_send(dispatcher, atoms::leave_atom_v, call_id{1}, leave_reason::abandon);
  run_all();
  CHECK(events_of(event_kind::call_abandoned).empty());
  CHECK(events_of(event_kind::call_answered, 1).size() == 1);
  CHECK(log->gone == 0);
  CHECK(log->connected == std::vector<agent_id>{0});
  CHECK(log->ended == 1);
}

TEST_CASE_METHOD(actor_fixture,
                 "a call still waiting at its max wait is rejected with reason max_wait",
                 "[actors]") {
  use(simple_tenant());
  add_agent(0);
  at(0s, [this] { spawn_call(ticket(1, 500s)); });
  // Patience 200 s, but the tenant turns it away after 120 s.
  at(10s, [this] { spawn_call(ticket(2, 60s), sim_duration{200s}, sim_duration{120s}); });
  // Patience shorter than max wait: an abandon, not a rejection.
  at(20s, [this] { spawn_call(ticket(3, 60s), sim_duration{50s}, sim_duration{120s}); });
  run_all();

  auto rejected = events_of(event_kind::call_rejected, 2);
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].reason == reject_reason::max_wait);
  CHECK(rejected[0].at == 130s);
  CHECK(rejected[0].duration == 120s);
  CHECK(events_of(event_kind::call_abandoned, 2).empty());

  auto abandoned = events_of(event_kind::call_abandoned, 3);
  REQUIRE(abandoned.size() == 1);
  CHECK(abandoned[0].at == 70s);
  CHECK(events_of(event_kind::call_rejected, 3).empty());
  CHECK(events_of(event_kind::call_assigned, 2).empty());
  CHECK(events_of(event_kind::call_assigned, 3).empty());
}

TEST_CASE_METHOD(actor_fixture, "a call announces its arrival and offers itself on spawn",
                 "[actors]") {
  use(simple_tenant());
  at(5s, [this] { spawn_call(ticket(7, 60s)); });
  run_until(5s);
  auto arrived = events_of(event_kind::call_arrived, 7);
  REQUIRE(arrived.size() == 1);
  CHECK(arrived[0].at == 5s);
  CHECK(arrived[0].arrived == 5s);
  CHECK(arrived[0].counted);
  // No agent: it waits.
  auto queued = events_of(event_kind::call_queued, 7);
  REQUIRE(queued.size() == 1);
  CHECK(queued[0].seq > arrived[0].seq);
}
