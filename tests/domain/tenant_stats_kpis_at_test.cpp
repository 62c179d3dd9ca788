// tenant_stats::kpis_at(t) against finish(t, false) on a copy, over long
// random event streams: the live read must give the report's numbers bit
// for bit, at any time, with any kind of warm-up.
#include "domain/tenant_stats.hpp"
#include "two_by_two_tenant.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "domain/random.hpp"

using namespace ccsim;
using namespace std::chrono_literals;

namespace {

using test::two_by_two;

/// A small random call center that emits a consistent event stream: the
/// same kinds, fields and orders as the actors (arrival, then assigned +
/// answered or queued or rejected; refusals that queue again; abandons,
/// max-wait rejections, wrap-up, breaks, logins and logouts).
class random_center {
public:
  random_center(std::uint64_t seed, sim_duration warmup, std::uint64_t warmup_calls)
    : rng_(seed), warmup_(warmup), warmup_calls_(warmup_calls) {
    for (agent_id a = 0; a < 6; ++a) agents_.push_back({static_cast<agent_type_index>(a % 3 == 2 ? 1 : 0)});
  }

  sim_time now() const { return now_; }

  /// Moves time on (sometimes not at all) and appends one random step.
  void step(std::vector<event>& out) {
    if (rng_.uniform() > 0.2)
      now_ += std::chrono::duration_cast<sim_duration>(std::chrono::milliseconds(
        static_cast<std::int64_t>(rng_.exponential(3000.0))));
    out_ = &out;
    double pick = rng_.uniform() * 13.0;
    if (pick < 4) arrive();
    else if (pick < 7) hang_up();
    else if (pick < 9) end_wrap_up();
    else if (pick < 10) leave(event_kind::call_abandoned);
    else if (pick < 10.5) leave(event_kind::call_rejected);
    else shift_change();
  }

private:
  struct agent {
    agent_type_index type = 0;
    agent_state state = agent_state::offline;
  };
  struct call {
    call_id id = 0;
    call_type_index type = 0;
    sim_time arrived{0};
    bool counted = true;
    agent_id agent = no_agent;
    sim_time answered{0};
  };

  event& emit(event_kind kind, const call& c) {
    event e;
    e.kind = kind;
    e.at = now_;
    e.seq = out_->size();
    e.call = c.id;
    e.type = c.type;
    e.arrived = c.arrived;
    e.counted = c.counted;
    out_->push_back(e);
    return out_->back();
  }
  void move(agent_id a, agent_state to) {
    event e;
    e.kind = event_kind::agent_state_changed;
    e.at = now_;
    e.seq = out_->size();
    e.agent = a;
    e.agent_type = agents_[a].type;
    e.from = agents_[a].state;
    e.to = to;
    out_->push_back(e);
    agents_[a].state = to;
  }
  bool eligible(agent_id a, call_type_index type) const { return agents_[a].type == 0 || type == 1; }
  std::size_t random_index(std::size_t n) { return static_cast<std::size_t>(rng_.uniform() * static_cast<double>(n)); }

  void arrive() {
    call c;
    c.id = next_call_++;
    c.type = rng_.uniform() < 0.5 ? 0 : 1;
    c.arrived = now_;
    c.counted = now_ >= warmup_ && arrivals_ >= warmup_calls_;
    ++arrivals_;
    emit(event_kind::call_arrived, c);
    for (agent_id a = 0; a < agents_.size(); ++a)
      if (agents_[a].state == agent_state::available && eligible(a, c.type)) return dispatch(c, a);
    if (rng_.uniform() < 0.15) {
      auto& e = emit(event_kind::call_rejected, c);
      e.reason = rng_.uniform() < 0.5 ? reject_reason::queue_full : reject_reason::tenant_queue_full;
      return;
    }
    enqueue(c);
  }
  void enqueue(const call& c) {
    waiting_.push_back(c);
    auto& e = emit(event_kind::call_queued, c);
    e.queue_length = static_cast<std::uint32_t>(
      std::count_if(waiting_.begin(), waiting_.end(), [&](auto& w) { return w.type == c.type; }));
  }
  void dispatch(call c, agent_id a) {
    auto& assigned = emit(event_kind::call_assigned, c);
    assigned.agent = a;
    assigned.duration = now_ - c.arrived;
    move(a, agent_state::reserved);
    if (rng_.uniform() < 0.05) {  // the agent went on break meanwhile: refused, queued again
      emit(event_kind::call_refused, c).agent = a;
      move(a, agent_state::on_break);
      return enqueue(c);
    }
    auto& answered = emit(event_kind::call_answered, c);
    answered.agent = a;
    answered.duration = now_ - c.arrived;
    move(a, agent_state::on_call);
    c.agent = a;
    c.answered = now_;
    talking_.push_back(c);
  }
  /// An agent that became available takes the oldest waiting call it may.
  void serve(agent_id a) {
    auto it = std::find_if(waiting_.begin(), waiting_.end(), [&](auto& w) { return eligible(a, w.type); });
    if (it == waiting_.end()) return;
    auto c = *it;
    waiting_.erase(it);
    dispatch(c, a);
  }
  void hang_up() {
    if (talking_.empty()) return;
    auto i = random_index(talking_.size());
    auto c = talking_[i];
    talking_.erase(talking_.begin() + static_cast<std::ptrdiff_t>(i));
    sim_duration wrap = rng_.uniform() < 0.5 ? sim_duration{0} : sim_duration{5s};
    auto& e = emit(event_kind::call_ended, c);
    e.agent = c.agent;
    e.agent_type = agents_[c.agent].type;
    e.duration = now_ - c.answered;
    e.duration2 = wrap;
    double q = rng_.uniform();
    e.result = q < 0.3 ? qualification::none : q < 0.6 ? qualification::ok : qualification::ko;
    if (wrap > sim_duration{0}) return move(c.agent, agent_state::wrap_up);
    move(c.agent, agent_state::available);
    serve(c.agent);
  }
  void end_wrap_up() {
    for (agent_id a = 0; a < agents_.size(); ++a)
      if (agents_[a].state == agent_state::wrap_up) {
        move(a, agent_state::available);
        return serve(a);
      }
  }
  void leave(event_kind kind) {
    if (waiting_.empty()) return;
    auto i = random_index(waiting_.size());
    auto c = waiting_[i];
    waiting_.erase(waiting_.begin() + static_cast<std::ptrdiff_t>(i));
    auto& e = emit(kind, c);
    e.duration = now_ - c.arrived;
    if (kind == event_kind::call_rejected) e.reason = reject_reason::max_wait;
  }
  void shift_change() {
    auto a = static_cast<agent_id>(random_index(agents_.size()));
    switch (agents_[a].state) {
      case agent_state::offline:
      case agent_state::on_break:
        move(a, agent_state::available);
        return serve(a);
      case agent_state::available:
        return move(a, rng_.uniform() < 0.5 ? agent_state::on_break : agent_state::offline);
      default:
        return;  // busy: the break waits (not modelled here)
    }
  }

  rng rng_;
  sim_duration warmup_;
  std::uint64_t warmup_calls_;
  sim_time now_{0};
  std::vector<agent> agents_;
  std::vector<call> waiting_, talking_;
  call_id next_call_ = 1;
  std::uint64_t arrivals_ = 0;
  std::vector<event>* out_ = nullptr;
};

/// The first field where two KPI sets differ ("" when they are identical).
std::string first_difference(const call_kpis& a, const call_kpis& b) {
  std::ostringstream out;
  out.precision(17);
  auto field = [&](const char* name, auto x, auto y) {
    if (out.tellp() == 0 && !(x == y)) out << name << ": " << x << " != " << y;
  };
  field("offered", a.offered, b.offered);
  field("answered", a.answered, b.answered);
  field("abandoned", a.abandoned, b.abandoned);
  field("rejected", a.rejected, b.rejected);
  field("in_system_at_end", a.in_system_at_end, b.in_system_at_end);
  for (std::size_t i = 0; i < a.rejected_by_reason.size(); ++i)
    field("rejected_by_reason", a.rejected_by_reason[i], b.rejected_by_reason[i]);
  field("answered_within_t", a.answered_within_t, b.answered_within_t);
  field("waited", a.waited, b.waited);
  field("ok", a.ok, b.ok);
  field("qualified", a.qualified, b.qualified);
  field("service_level", a.service_level, b.service_level);
  field("service_level_answered", a.service_level_answered, b.service_level_answered);
  field("asa", a.asa, b.asa);
  field("abandon_rate", a.abandon_rate, b.abandon_rate);
  field("p_wait", a.p_wait, b.p_wait);
  field("wait_p50", a.wait_p50, b.wait_p50);
  field("wait_p90", a.wait_p90, b.wait_p90);
  field("wait_p99", a.wait_p99, b.wait_p99);
  field("aht", a.aht, b.aht);
  field("talk_mean", a.talk_mean, b.talk_mean);
  field("talk_sd", a.talk_sd, b.talk_sd);
  field("wrap_mean", a.wrap_mean, b.wrap_mean);
  field("mean_queue", a.mean_queue, b.mean_queue);
  field("max_queue", a.max_queue, b.max_queue);
  field("conversion", a.conversion, b.conversion);
  return out.str();
}

/// Compares kpis_at(t) with finish(t, false) on a copy; returns the checks made.
int compare_at(const tenant_stats& stats, sim_time t) {
  auto reading = stats.kpis_at(t);
  auto copy = stats;
  auto report = copy.finish(t, false);
  CAPTURE(to_seconds(t));
  CHECK(first_difference(reading.kpis, report.kpis) == "");
  REQUIRE(reading.call_types.size() == report.call_types.size());
  for (std::size_t c = 0; c < report.call_types.size(); ++c) {
    CAPTURE(c);
    CHECK(first_difference(reading.call_types[c], report.call_types[c].kpis) == "");
  }
  CHECK(reading.occupancy == report.occupancy);
  return 1;
}

/// Feeds `steps` random steps and compares now and then, at the time of the
/// last event, later, and a little earlier (a reader's clock may lag).
void check_stream(std::uint64_t seed, sim_duration warmup, std::uint64_t warmup_calls, bool calls_warmup) {
  auto cfg = two_by_two();
  tenant_stats stats{cfg, warmup, calls_warmup};
  random_center center{seed, warmup, warmup_calls};
  rng when{seed + 1};
  std::vector<event> batch;
  int checks = 0;
  std::uint64_t offered_seen = 0;
  for (int i = 0; i < 4000; ++i) {
    batch.clear();
    center.step(batch);
    for (auto& e : batch) stats.on(e);
    if (when.uniform() > 0.08) continue;
    auto now = center.now();
    checks += compare_at(stats, now);
    checks += compare_at(stats, now + std::chrono::duration_cast<sim_duration>(
                                          std::chrono::milliseconds(1 + static_cast<std::int64_t>(when.uniform() * 60000))));
    auto back = std::chrono::duration_cast<sim_duration>(std::chrono::milliseconds(static_cast<std::int64_t>(when.uniform() * 5000)));
    checks += compare_at(stats, std::max(sim_time{0}, now - back));
    offered_seen = stats.kpis_at(now).kpis.offered;
  }
  CHECK(checks > 500);
  CHECK(offered_seen > 500);  // the stream did exercise the tallies
  // Reading changes nothing: the real finish still agrees with the last read.
  auto end = center.now() + 1s;
  auto reading = stats.kpis_at(end);
  auto report = stats.finish(end, false);
  CHECK(first_difference(reading.kpis, report.kpis) == "");
  CHECK(reading.occupancy == report.occupancy);
  // ... and the tenant's KPIs are those of its merged call-type tallies
  // (wait quantiles included), as the cross-tenant merge sees them.
  CHECK(first_difference(report.kpis, stats.tenant_tally().finish()) == "");
}

} // namespace

TEST_CASE("the live KPI read equals finish on a copy at any time, without a warm-up", "[domain]") {
  check_stream(11, 0s, 0, false);
}

TEST_CASE("the live KPI read equals finish on a copy at any time, with a time warm-up", "[domain]") {
  check_stream(12, 600s, 0, false);
}

TEST_CASE("the live KPI read equals finish on a copy at any time, with a warm-up of N calls",
          "[domain]") {
  check_stream(13, 0s, 150, true);
}

TEST_CASE("the live KPI read of a tenant without counted calls is the empty report", "[domain]") {
  auto cfg = two_by_two();
  tenant_stats stats{cfg, 0s, true};  // window opens at the first counted call: none yet
  auto reading = stats.kpis_at(100s);
  CHECK(reading.kpis.offered == 0);
  CHECK(reading.kpis.mean_queue == 0);
  CHECK(reading.occupancy == 0);
  REQUIRE(reading.call_types.size() == 2);
  compare_at(stats, 100s);
}
