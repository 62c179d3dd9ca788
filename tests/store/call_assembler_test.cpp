#include "store/call_assembler.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>

#include <catch2/catch.hpp>

#include "actors/protocol/type_ids.hpp"
#include "domain/tenant_stats.hpp"
#include "store/history.hpp"
#include "store/schema.hpp"
#include "store_test_support.hpp"

namespace ccsim {
namespace {

using namespace std::chrono_literals;
using test::scratch_dir;

const char* small_scenario = R"(
name = "small"
seed = 1
duration = "1h"
[tenants.t.call_types.c]
rate_per_hour = 60
talk = { dist = "fixed", mean = 100 }
[tenants.t.agent_types.a]
skills = ["c"]
[[tenants.t.agents]]
type = "a"
count = 2
)";

struct collector final : store::record_sink {
  std::vector<store::call_record> calls;
  std::vector<store::requeue_record> requeues;
  std::vector<store::agent_change> agents;  // every change, in order
  std::vector<store::agent_change> rows;    // those that need a row of their own
  int queue = 0;
  void call_arrived(const store::call_record&) override {}
  void call_finished(const store::call_record& c) override { calls.push_back(c); }
  void queue_changed(sim_time, call_type_index, int d) override { queue += d; }
  void requeued(const store::requeue_record& r) override { requeues.push_back(r); }
  void agent_changed(const store::agent_change& a, bool bundled) override {
    agents.push_back(a);
    if (!bundled) rows.push_back(a);
  }
  void agent_unbundled(const store::agent_change& a) override { rows.push_back(a); }
};

/// A stream with every path a call can take: straight answer, queue and
/// answer, refusal and a second queue entry, abandon, rejection, and calls
/// still waiting or talking at the end.
std::vector<event> sample_stream() {
  std::vector<event> es;
  auto add = [&](event_kind k, sim_time at, call_id call) -> event& {
    event e;
    e.kind = k;
    e.at = at;
    e.seq = es.size();
    e.call = call;
    es.push_back(e);
    return es.back();
  };
  auto agent = [&](sim_time at, agent_id a, agent_state from, agent_state to) {
    auto& e = add(event_kind::agent_state_changed, at, 0);
    e.agent = a, e.from = from, e.to = to;
  };
  auto call = [&](event_kind k, sim_time at, call_id c, sim_time arrived) -> event& {
    auto& e = add(k, at, c);
    e.arrived = arrived;
    return e;
  };
  agent(0s, 0, agent_state::offline, agent_state::available);
  agent(0s, 1, agent_state::offline, agent_state::available);
  call(event_kind::call_arrived, 10s, 1, 10s);
  call(event_kind::call_queued, 10s, 1, 10s);
  call(event_kind::call_assigned, 20s, 1, 10s).agent = 0;
  agent(20s, 0, agent_state::available, agent_state::on_break);
  call(event_kind::call_refused, 20s, 1, 10s).agent = 0;
  call(event_kind::call_queued, 20s, 1, 10s);
  call(event_kind::call_assigned, 30s, 1, 10s).agent = 1;
  agent(30s, 1, agent_state::available, agent_state::reserved);
  agent(30s, 1, agent_state::reserved, agent_state::on_call);
  call(event_kind::call_answered, 30s, 1, 10s).agent = 1;
  call(event_kind::call_arrived, 40s, 2, 40s);
  call(event_kind::call_queued, 40s, 2, 40s);
  call(event_kind::call_arrived, 50s, 3, 50s);
  call(event_kind::call_rejected, 50s, 3, 50s).reason = reject_reason::queue_full;
  call(event_kind::call_abandoned, 100s, 2, 40s).duration = 60s;
  auto& end = call(event_kind::call_ended, 130s, 1, 10s);
  end.agent = 1, end.duration = 100s, end.duration2 = 5s, end.result = qualification::ok;
  agent(130s, 1, agent_state::on_call, agent_state::wrap_up);
  agent(135s, 1, agent_state::wrap_up, agent_state::available);
  agent(140s, 0, agent_state::on_break, agent_state::available);
  call(event_kind::call_arrived, 150s, 4, 150s);
  call(event_kind::call_assigned, 150s, 4, 150s).agent = 1;  // straight to an agent
  agent(150s, 1, agent_state::available, agent_state::reserved);
  agent(150s, 1, agent_state::reserved, agent_state::on_call);
  call(event_kind::call_answered, 150s, 4, 150s).agent = 1;
  call(event_kind::call_arrived, 200s, 5, 200s);
  call(event_kind::call_queued, 200s, 5, 200s);
  return es;
}

TEST_CASE("the assembler turns a call's events into one record with its waits and outcome", "[store]") {
  collector out;
  store::call_assembler assembler(out);
  for (auto& e : sample_stream()) assembler.on(e);
  assembler.finish();
  REQUIRE(out.calls.size() == 5);
  auto& rejected = out.calls[0];
  CHECK(rejected.call == 3);
  CHECK(rejected.outcome == store::call_outcome::rejected);
  CHECK(rejected.reason == reject_reason::queue_full);
  CHECK(!rejected.queued);
  auto& abandoned = out.calls[1];
  CHECK(abandoned.call == 2);
  CHECK(abandoned.outcome == store::call_outcome::abandoned);
  CHECK(abandoned.wait == sim_duration{60s});
  auto& answered = out.calls[2];
  CHECK(answered.call == 1);
  CHECK(answered.outcome == store::call_outcome::answered);
  CHECK(answered.agent == 1);
  CHECK(answered.queued == sim_duration{0s});
  CHECK(answered.dequeued == sim_duration{10s});  // first queue entry: 10 s to the refusing agent
  CHECK(answered.wait == sim_duration{20s});
  CHECK(answered.talk == sim_duration{100s});
  CHECK(answered.wrap == sim_duration{5s});
  CHECK(answered.result == qualification::ok);
  REQUIRE(out.requeues.size() == 2);  // the second queue entry and its exit
  CHECK(out.requeues[0].entered);
  CHECK(!out.requeues[1].entered);
  CHECK(out.requeues[1].at == sim_time{30s});
  auto& talking = out.calls[3];  // in the system at the end, in arrival order
  CHECK(talking.call == 4);
  CHECK(talking.outcome == store::call_outcome::in_system);
  CHECK(talking.agent == 1);
  CHECK(!talking.queued);
  auto& waiting = out.calls[4];
  CHECK(waiting.call == 5);
  CHECK(waiting.outcome == store::call_outcome::in_system);
  CHECK(!waiting.wait);
  CHECK(out.agents.size() == 10);
  CHECK(out.queue == 1);  // call 5 still waits
}

TEST_CASE("the agent changes that frame a call are bundled with its record", "[store]") {
  collector out;
  store::call_assembler assembler(out);
  for (auto& e : sample_stream()) assembler.on(e);
  assembler.finish();
  auto& answered = out.calls[2];
  CHECK(answered.bundled == (store::bundle_answer | store::bundle_end));
  CHECK(answered.end_to == agent_state::wrap_up);
  auto& talking = out.calls[3];
  CHECK(talking.bundled == store::bundle_answer);
  // Left as rows: two logins, the break and its end, the end of wrap-up.
  REQUIRE(out.rows.size() == 5);
  for (auto& a : out.rows) CHECK(!(a.from == agent_state::available && a.to == agent_state::reserved));
}

TEST_CASE("a checkpoint turns the bundles of open calls back into rows", "[store]") {
  collector out;
  store::call_assembler assembler(out);
  auto stream = sample_stream();
  for (auto& e : stream) assembler.on(e);
  assembler.checkpoint();  // call 4 talks on: its answer changes need rows now
  REQUIRE(out.rows.size() == 7);
  CHECK(out.rows[5].to == agent_state::reserved);
  CHECK(out.rows[6].to == agent_state::on_call);
  assembler.finish();
  CHECK(out.calls[3].bundled == 0);
}

TEST_CASE("recorded events replay in their original order, refusals included", "[store]") {
  scratch_dir dir;
  auto s = test::parse_or_fail(small_scenario, "small.toml");
  auto stream = sample_stream();
  {
    store::run_settings settings;
    settings.scenario_text = small_scenario;
    store::recorder rec(dir / "h.db", s, settings);
    {
      caf::actor_system_config cfg;
      register_types(cfg);
      caf::actor_system sys{cfg};
      auto sub = rec.spawn_subscriber(sys, 0, 0);
      // Two batches, as the bus would send them.
      auto mid = stream.begin() + 9;
      caf::anon_send(sub, event_batch{std::make_shared<const std::vector<event>>(stream.begin(), mid)});
      caf::anon_send(sub, event_batch{std::make_shared<const std::vector<event>>(mid, stream.end())});
      caf::anon_send_exit(sub, caf::exit_reason::user_shutdown);
      sys.await_all_actors_done();
    }  // the system is gone: the subscriber's end-of-job hook has run, even on a slow machine
    rec.finish(store::run_state::completed);
  }
  auto db = store::open_for_reading(dir / "h.db");
  auto jobs = store::run_jobs(*db, 1);
  REQUIRE(jobs.size() == 1);
  CHECK(jobs[0].finished);
  CHECK(jobs[0].end == sim_time{1h});
  std::vector<event> replayed;
  store::replay_job(*db, jobs[0], [&](const event& e) { replayed.push_back(e); });

  // What the stats and the recorder look at: everything but refusals and
  // assignments that took no call out of the queue.
  std::vector<event> expected;
  for (auto& e : stream) {
    if (e.kind == event_kind::call_refused) continue;
    if (e.kind == event_kind::call_assigned && e.call == 4) continue;  // never queued
    expected.push_back(e);
  }
  REQUIRE(replayed.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i, to_string(expected[i].kind), to_string(replayed[i].kind));
    CHECK(replayed[i].seq == expected[i].seq);
    CHECK(replayed[i].kind == expected[i].kind);
    CHECK(replayed[i].at == expected[i].at);
    CHECK(replayed[i].call == expected[i].call);
    if (expected[i].kind == event_kind::agent_state_changed) {
      CHECK(replayed[i].agent == expected[i].agent);
      CHECK(replayed[i].from == expected[i].from);
      CHECK(replayed[i].to == expected[i].to);
    }
    if (expected[i].kind == event_kind::call_ended) {
      CHECK(replayed[i].duration == expected[i].duration);
      CHECK(replayed[i].duration2 == expected[i].duration2);
      CHECK(replayed[i].agent == expected[i].agent);
      CHECK(replayed[i].result == expected[i].result);
      CHECK(replayed[i].arrived == expected[i].arrived);
    }
    if (expected[i].kind == event_kind::call_rejected) CHECK(replayed[i].reason == expected[i].reason);
  }

  // The same KPIs from both streams.
  tenant_stats live(s.tenants[0], s.warmup, false), again(s.tenants[0], s.warmup, false);
  for (auto& e : stream) live.on(e);
  for (auto& e : replayed) again.on(e);
  auto a = live.finish(sim_time{1h}, false), b = again.finish(sim_time{1h}, false);
  CHECK(a.kpis.offered == b.kpis.offered);
  CHECK(a.kpis.answered == b.kpis.answered);
  CHECK(a.kpis.abandoned == b.kpis.abandoned);
  CHECK(a.kpis.rejected == b.kpis.rejected);
  CHECK(a.kpis.in_system_at_end == b.kpis.in_system_at_end);
  CHECK(a.kpis.asa == b.kpis.asa);
  CHECK(a.kpis.mean_queue == b.kpis.mean_queue);
  CHECK(a.occupancy == b.occupancy);
}

TEST_CASE("every call outcome has a name", "[store]") {
  for (int i = 0; i < store::call_outcome_count; ++i)
    CHECK(to_string(static_cast<store::call_outcome>(i)) != "?");
  CHECK(to_string(store::call_direction::inbound) == "inbound");
  for (auto s : {store::run_state::running, store::run_state::completed, store::run_state::failed,
                 store::run_state::interrupted})
    CHECK(to_string(s) != "?");
}

} // namespace
} // namespace ccsim
