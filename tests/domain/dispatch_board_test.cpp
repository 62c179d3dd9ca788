#include "domain/dispatch_board.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <vector>

using namespace ccsim;
using namespace std::chrono_literals;

namespace {

using verdict = admission::verdict;

/// A board with one call type (priority 0) and one agent type that takes it.
dispatch_board single_skill_board(board_limits limits = {}) {
  return dispatch_board{{{0}}, {0}, std::move(limits)};
}

/// A fresh call of `type` that arrived at `t`, with the next FIFO position.
waiting_call fresh(dispatch_board& b, call_id id, call_type_index type, sim_time t) {
  return waiting_call{id, type, t, b.next_order()};
}

} // namespace

// -- longest idle ---------------------------------------------------------

TEST_CASE("a new call goes to the agent idle the longest", "[domain]") {
  auto b = single_skill_board();
  b.add_idle(1, 0, 30s);
  b.add_idle(2, 0, 10s);
  b.add_idle(3, 0, 20s);
  REQUIRE(b.idle_count() == 3);

  auto first = b.offer(fresh(b, 100, 0, 40s));
  CHECK(first.what == verdict::assigned);
  CHECK(first.agent == 2);
  CHECK(b.offer(fresh(b, 101, 0, 40s)).agent == 3);
  CHECK(b.offer(fresh(b, 102, 0, 40s)).agent == 1);
  CHECK(b.idle_count() == 0);
  CHECK_FALSE(b.is_idle(1));
  CHECK(b.offer(fresh(b, 103, 0, 40s)).what == verdict::queued);
}

TEST_CASE("agents idle since the same moment are taken in order of their ids", "[domain]") {
  auto b = single_skill_board();
  b.add_idle(7, 0, 5s);
  b.add_idle(3, 0, 5s);
  b.add_idle(5, 0, 5s);
  CHECK(b.offer(fresh(b, 1, 0, 6s)).agent == 3);
  CHECK(b.offer(fresh(b, 2, 0, 6s)).agent == 5);
  CHECK(b.offer(fresh(b, 3, 0, 6s)).agent == 7);
}

TEST_CASE("the longest idle agent is chosen across agent types, ties to the lower id",
          "[domain]") {
  // Agent types 0 and 1 both take call type 0: the choice spans both sets.
  dispatch_board b{{{0}, {0}}, {0}, {}};
  b.add_idle(4, 0, 20s);
  b.add_idle(2, 1, 20s);
  b.add_idle(9, 1, 15s);
  CHECK(b.offer(fresh(b, 1, 0, 30s)).agent == 9);
  CHECK(b.offer(fresh(b, 2, 0, 30s)).agent == 2);  // same key as 4, lower id
  CHECK(b.offer(fresh(b, 3, 0, 30s)).agent == 4);
}

TEST_CASE("a withdrawn agent is no longer chosen and withdrawing twice is harmless", "[domain]") {
  auto b = single_skill_board();
  b.add_idle(1, 0, 1s);
  b.add_idle(2, 0, 2s);
  CHECK(b.remove_idle(1));
  CHECK_FALSE(b.remove_idle(1));
  CHECK_FALSE(b.remove_idle(42));  // never seen
  CHECK(b.idle_count() == 1);
  CHECK(b.offer(fresh(b, 1, 0, 3s)).agent == 2);
  // Back again later with a new key: ranked by the new key.
  b.add_idle(1, 0, 10s);
  b.add_idle(2, 0, 4s);
  CHECK(b.offer(fresh(b, 2, 0, 11s)).agent == 2);
}

// -- eligibility ------------------------------------------------------------

TEST_CASE("a call only goes to an agent whose type has the call type's skill", "[domain]") {
  // Agent type 0 takes call type 0 only; agent type 1 takes call types 0 and 1.
  dispatch_board b{{{0}, {0, 1}}, {0, 0}, {}};
  b.add_idle(1, 0, 1s);   // idle longest, but not skilled for type 1
  b.add_idle(2, 1, 5s);

  auto a = b.offer(fresh(b, 10, 1, 6s));
  CHECK(a.what == verdict::assigned);
  CHECK(a.agent == 2);

  auto q = b.offer(fresh(b, 11, 1, 7s));  // agent 1 is idle but not eligible
  CHECK(q.what == verdict::queued);
  CHECK(q.queue_length == 1);
  CHECK(b.is_idle(1));

  // A freed agent of type 0 cannot take the waiting type-1 call.
  CHECK_FALSE(b.take_call_for(0).has_value());
  auto taken = b.take_call_for(1);
  REQUIRE(taken.has_value());
  CHECK(taken->id == 11);
}

TEST_CASE("the skills of an agent type are kept sorted and unique", "[domain]") {
  dispatch_board b{{{2, 0, 2}}, {0, 0, 0}, {}};
  CHECK(b.skills(0) == std::vector<call_type_index>{0, 2});
  CHECK(b.agent_type_count() == 1);
  CHECK(b.call_type_count() == 3);
}

// -- waiting calls ------------------------------------------------------------

TEST_CASE("waiting calls of one type are served first in, first out", "[domain]") {
  auto b = single_skill_board();
  for (call_id id = 1; id <= 4; ++id) {
    auto a = b.offer(fresh(b, id, 0, std::chrono::seconds(id)));
    CHECK(a.what == verdict::queued);
    CHECK(a.queue_length == id);
  }
  CHECK(b.waiting_total() == 4);
  REQUIRE(b.oldest_waiting(0).has_value());
  CHECK(b.oldest_waiting(0)->id == 1);
  for (call_id id = 1; id <= 4; ++id) {
    auto c = b.take_call_for(0);
    REQUIRE(c.has_value());
    CHECK(c->id == id);
  }
  CHECK_FALSE(b.take_call_for(0).has_value());
  CHECK(b.waiting_total() == 0);
}

TEST_CASE("a freed agent takes the highest priority waiting call before older ones",
          "[domain]") {
  // Call types: 0 (priority 0), 1 (priority 5), 2 (priority 5). One agent
  // type takes all three.
  dispatch_board b{{{0, 1, 2}}, {0, 5, 5}, {}};
  b.offer(fresh(b, 1, 0, 1s));   // oldest, lowest priority
  b.offer(fresh(b, 2, 2, 3s));
  b.offer(fresh(b, 3, 1, 4s));
  b.offer(fresh(b, 4, 2, 5s));
  b.offer(fresh(b, 5, 0, 6s));

  std::vector<call_id> order;
  while (auto c = b.take_call_for(0)) order.push_back(c->id);
  // Priority 5 first, oldest first across types 1 and 2; then priority 0 FIFO.
  CHECK(order == std::vector<call_id>{2, 3, 4, 1, 5});
}

TEST_CASE("a freed agent only considers the call types it is skilled for", "[domain]") {
  // Agent type 0: call types 0 and 1; agent type 1: call type 2 only.
  dispatch_board b{{{0, 1}, {2}}, {0, 1, 9}, {}};
  b.offer(fresh(b, 1, 2, 1s));  // top priority, but only agent type 1 takes it
  b.offer(fresh(b, 2, 0, 2s));
  b.offer(fresh(b, 3, 1, 3s));
  auto c = b.take_call_for(0);
  REQUIRE(c.has_value());
  CHECK(c->id == 3);
  c = b.take_call_for(0);
  REQUIRE(c.has_value());
  CHECK(c->id == 2);
  CHECK_FALSE(b.take_call_for(0).has_value());
  c = b.take_call_for(1);
  REQUIRE(c.has_value());
  CHECK(c->id == 1);
}

TEST_CASE("a removed waiting call is gone from its queue wherever it stood", "[domain]") {
  auto b = single_skill_board();
  for (call_id id = 1; id <= 5; ++id) b.offer(fresh(b, id, 0, std::chrono::seconds(id)));

  auto middle = b.remove_call(3);
  REQUIRE(middle.has_value());
  CHECK(middle->id == 3);
  CHECK(middle->arrived == 3s);
  CHECK_FALSE(b.is_waiting(3));
  CHECK_FALSE(b.remove_call(3).has_value());  // only once
  CHECK_FALSE(b.remove_call(99).has_value()); // never seen

  auto front = b.remove_call(1);
  REQUIRE(front.has_value());
  CHECK(b.waiting_count(0) == 3);
  CHECK(b.oldest_waiting(0)->id == 2);

  std::vector<call_id> order;
  while (auto c = b.take_call_for(0)) order.push_back(c->id);
  CHECK(order == std::vector<call_id>{2, 4, 5});
  // Assigned calls are not waiting any more: removing them does nothing.
  CHECK_FALSE(b.remove_call(2).has_value());
}

TEST_CASE("a re-offered call gets its place in line back", "[domain]") {
  auto b = single_skill_board();
  b.add_idle(1, 0, 0s);
  auto a = fresh(b, 10, 0, 1s);  // reserved for agent 1, which will refuse
  REQUIRE(b.offer(a).what == verdict::assigned);
  b.offer(fresh(b, 11, 0, 2s));
  b.offer(fresh(b, 12, 0, 3s));

  // Agent 1 refused: the call comes back with its original order and is
  // queued ahead of the calls that arrived after it.
  auto again = b.offer(a);
  CHECK(again.what == verdict::queued);
  CHECK(again.queue_length == 3);
  CHECK(b.oldest_waiting(0)->id == 10);

  std::vector<call_id> order;
  while (auto c = b.take_call_for(0)) order.push_back(c->id);
  CHECK(order == std::vector<call_id>{10, 11, 12});
}

TEST_CASE("calls re-offered in any order line up by their original positions", "[domain]") {
  auto b = single_skill_board();
  auto w1 = fresh(b, 1, 0, 1s);
  b.add_idle(5, 0, 0s);
  auto w2 = fresh(b, 2, 0, 2s);
  auto w3 = fresh(b, 3, 0, 3s);
  b.offer(w1);  // goes to agent 5
  b.offer(w2);
  b.offer(w3);
  REQUIRE(b.remove_call(2).has_value());  // 2 abandoned
  b.offer(w2);  // re-offered with its own order (as a refused call would be)
  b.offer(w1);
  std::vector<call_id> order;
  while (auto c = b.take_call_for(0)) order.push_back(c->id);
  CHECK(order == std::vector<call_id>{1, 2, 3});
}

// -- saturation -----------------------------------------------------------------

TEST_CASE("a call type's queue limit rejects the next call with reason queue_full",
          "[domain]") {
  board_limits limits;
  limits.max_queue_by_type = {2, std::nullopt};
  dispatch_board b{{{0, 1}}, {0, 0}, limits};
  CHECK(b.offer(fresh(b, 1, 0, 1s)).what == verdict::queued);
  CHECK(b.offer(fresh(b, 2, 0, 2s)).what == verdict::queued);
  auto r = b.offer(fresh(b, 3, 0, 3s));
  CHECK(r.what == verdict::rejected);
  CHECK(r.reason == reject_reason::queue_full);
  CHECK(r.agent == no_agent);
  CHECK_FALSE(b.is_waiting(3));
  CHECK(b.waiting_count(0) == 2);
  // The other call type has no limit.
  for (call_id id = 10; id < 20; ++id) CHECK(b.offer(fresh(b, id, 1, 4s)).what == verdict::queued);
  // Once a place frees up, the type queues again.
  REQUIRE(b.remove_call(1).has_value());
  CHECK(b.offer(fresh(b, 4, 0, 5s)).what == verdict::queued);
}

TEST_CASE("every call type's queue limit is enforced, not only the first type's", "[domain]") {
  board_limits limits;
  limits.max_queue_by_type = {std::nullopt, 1, 2};
  dispatch_board b{{{0, 1, 2}}, {0, 0, 0}, limits};
  CHECK(b.offer(fresh(b, 1, 1, 1s)).what == verdict::queued);
  auto second = b.offer(fresh(b, 2, 1, 2s));
  CHECK(second.what == verdict::rejected);
  CHECK(second.reason == reject_reason::queue_full);
  CHECK(b.offer(fresh(b, 3, 2, 3s)).what == verdict::queued);
  CHECK(b.offer(fresh(b, 4, 2, 4s)).what == verdict::queued);
  auto third = b.offer(fresh(b, 5, 2, 5s));
  CHECK(third.what == verdict::rejected);
  CHECK(third.reason == reject_reason::queue_full);
  CHECK(b.waiting_count(1) == 1);
  CHECK(b.waiting_count(2) == 2);
  // Type 0 has no limit.
  for (call_id id = 10; id < 20; ++id) CHECK(b.offer(fresh(b, id, 0, 6s)).what == verdict::queued);
}

TEST_CASE("the tenant's queue limit counts every call type, reason tenant_queue_full",
          "[domain]") {
  board_limits limits;
  limits.max_queue_total = 3;
  dispatch_board b{{{0, 1}}, {0, 0}, limits};
  CHECK(b.offer(fresh(b, 1, 0, 1s)).what == verdict::queued);
  CHECK(b.offer(fresh(b, 2, 1, 2s)).what == verdict::queued);
  CHECK(b.offer(fresh(b, 3, 1, 3s)).what == verdict::queued);
  auto r = b.offer(fresh(b, 4, 0, 4s));
  CHECK(r.what == verdict::rejected);
  CHECK(r.reason == reject_reason::tenant_queue_full);
  CHECK(b.waiting_total() == 3);
  REQUIRE(b.take_call_for(0).has_value());
  CHECK(b.offer(fresh(b, 5, 0, 5s)).what == verdict::queued);
}

TEST_CASE("a full call-type queue is reported as queue_full even when the tenant is full too",
          "[domain]") {
  board_limits limits;
  limits.max_queue_by_type = {1};
  limits.max_queue_total = 1;
  dispatch_board b{{{0}}, {0}, limits};
  b.offer(fresh(b, 1, 0, 1s));
  CHECK(b.offer(fresh(b, 2, 0, 2s)).reason == reject_reason::queue_full);
}

TEST_CASE("a call that finds an eligible idle agent is never rejected by a full queue",
          "[domain]") {
  board_limits limits;
  limits.max_queue_by_type = {0};
  limits.max_queue_total = 0;
  dispatch_board b{{{0}}, {0}, limits};
  b.add_idle(1, 0, 0s);
  CHECK(b.offer(fresh(b, 1, 0, 1s)).what == verdict::assigned);
  auto r = b.offer(fresh(b, 2, 0, 2s));
  CHECK(r.what == verdict::rejected);
  CHECK(r.reason == reject_reason::queue_full);
}

// -- live additions -------------------------------------------------------------

TEST_CASE("agent and call types added at runtime take part in routing", "[domain]") {
  auto b = single_skill_board();
  auto ct = b.add_call_type(3, 1);
  auto at = b.add_agent_type({ct});
  CHECK(ct == 1);
  CHECK(at == 1);
  CHECK(b.offer(fresh(b, 1, ct, 1s)).what == verdict::queued);
  CHECK(b.offer(fresh(b, 2, ct, 1s)).reason == reject_reason::queue_full);
  CHECK_FALSE(b.take_call_for(0).has_value());  // the old agent type lacks the skill
  auto c = b.take_call_for(at);
  REQUIRE(c.has_value());
  CHECK(c->id == 1);
}
