#include "store/interval_stats.hpp"

#include <catch2/catch.hpp>

namespace ccsim {
namespace {

using namespace std::chrono_literals;

store::call_record call(sim_time arrived, store::call_outcome outcome, sim_duration wait,
                        sim_duration talk = 0s, bool counted = true) {
  store::call_record c;
  c.arrived = arrived;
  c.outcome = outcome;
  c.wait = wait;
  c.talk = talk;
  c.wrap = 0s;
  c.counted = counted;
  return c;
}

TEST_CASE("a call counts in the interval it arrived in, whenever it ends", "[store]") {
  store::interval_stats st(15min, 20s, 1, 1);
  auto a = call(14min, store::call_outcome::answered, 10s, 300s);  // ends in the next interval
  auto b = call(16min, store::call_outcome::answered, 30s, 100s);
  auto c = call(17min, store::call_outcome::abandoned, 50s);
  auto warm = call(1min, store::call_outcome::answered, 1s, 1s, false);
  for (auto* x : {&a, &b, &c, &warm}) st.call_arrived(*x);
  for (auto* x : {&a, &b, &c, &warm}) st.call_finished(*x);
  auto s = st.finish(30min);
  REQUIRE(s.size() == 2);
  CHECK(s.tenant[0].offered == 1);  // the warm-up call is not counted
  CHECK(s.tenant[0].answered == 1);
  CHECK(s.tenant[0].answered_within_t == 1);
  CHECK(s.tenant[0].service_level() == 1.0);
  CHECK(s.tenant[1].offered == 2);
  CHECK(s.tenant[1].answered == 1);
  CHECK(s.tenant[1].abandoned == 1);
  CHECK(s.tenant[1].service_level() == 0.0);  // answered after 30 s > T = 20 s
  CHECK(s.tenant[1].asa_s() == 30.0);
  CHECK(s.tenant[1].aht_s() == 100.0);
  CHECK(s.by_type[1][0].offered == 2);
}

TEST_CASE("queue length and occupancy are split at interval boundaries", "[store]") {
  store::interval_stats st(10min, 20s, 1, 1);
  st.queue_changed(5min, 0, +1);
  st.queue_changed(8min, 0, +1);
  st.queue_changed(12min, 0, -1);
  st.queue_changed(14min, 0, -1);
  st.agent_changed(0min, 0, agent_state::offline, agent_state::available);
  st.agent_changed(5min, 0, agent_state::available, agent_state::on_call);
  st.agent_changed(15min, 0, agent_state::on_call, agent_state::available);
  auto s = st.finish(20min);
  REQUIRE(s.size() == 2);
  // [0,10): 1 call for 3 min + 2 calls for 2 min = 7 call-minutes; [10,20): 2 for 2 min + 1 for 2 min.
  CHECK(s.tenant[0].queue_area == Approx(7 * 60.0));
  CHECK(s.tenant[1].queue_area == Approx(6 * 60.0));
  CHECK(s.mean_queue(0, s.tenant[0]) == Approx(0.7));
  CHECK(s.tenant[0].max_queue == 2);
  CHECK(s.tenant[1].max_queue == 2);  // carried into the interval
  CHECK(s.by_agent[0][0].busy_s == Approx(300.0));
  CHECK(s.by_agent[0][0].logged_s == Approx(600.0));
  CHECK(s.by_agent[1][0].occupancy() == Approx(0.5));
}

TEST_CASE("the last interval of a run that ends mid-interval averages over its covered part", "[store]") {
  store::interval_stats st(30min, 20s, 1, 1);
  st.queue_changed(0min, 0, +1);
  auto s = st.finish(45min);
  REQUIRE(s.size() == 2);
  CHECK(s.covered_s(1) == Approx(15 * 60.0));
  CHECK(s.mean_queue(1, s.tenant[1]) == Approx(1.0));
}

} // namespace
} // namespace ccsim
