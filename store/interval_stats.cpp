#include "store/interval_stats.hpp"

#include <algorithm>

namespace ccsim::store {

void interval_calls::merge(const interval_calls& o) {
  offered += o.offered;
  answered += o.answered;
  abandoned += o.abandoned;
  rejected += o.rejected;
  answered_within_t += o.answered_within_t;
  wait_ns += o.wait_ns;
  handle_ns += o.handle_ns;
  queue_area += o.queue_area;
  max_queue = std::max(max_queue, o.max_queue);
}

double interval_calls::service_level() const {
  return offered ? static_cast<double>(answered_within_t) / static_cast<double>(offered) : 0.0;
}

double interval_calls::asa_s() const {
  return answered ? to_seconds(sim_duration{wait_ns}) / static_cast<double>(answered) : 0.0;
}

double interval_calls::aht_s() const {
  return answered ? to_seconds(sim_duration{handle_ns}) / static_cast<double>(answered) : 0.0;
}

double interval_series::covered_s(std::size_t i) const {
  auto from = start(i);
  auto to = std::min(start(i + 1), std::max(end, from));
  return to_seconds(to - from);
}

double interval_series::mean_queue(std::size_t i, const interval_calls& c) const {
  auto covered = covered_s(i);
  return covered > 0 ? c.queue_area / covered : 0.0;
}

interval_stats::interval_stats(sim_duration length, sim_duration threshold, std::size_t call_types,
                               std::size_t agent_types)
  : threshold_s_(to_seconds(threshold)), call_types_(call_types) {
  s_.length = length > sim_duration::zero() ? length : std::chrono::minutes(15);
  queue_.assign(call_types + 1, 0);
  queue_since_.assign(call_types + 1, sim_time{0});
  busy_.assign(agent_types, 0);
  logged_.assign(agent_types, 0);
  agents_since_.assign(agent_types, sim_time{0});
  ensure(0);
}

std::size_t interval_stats::index_of(sim_time t) const {
  return t <= sim_time::zero() ? 0 : static_cast<std::size_t>(t / s_.length);
}

void interval_stats::ensure(std::size_t index) {
  while (s_.tenant.size() <= index) {
    s_.tenant.emplace_back();
    s_.by_type.emplace_back(call_types_);
    s_.by_agent.emplace_back(busy_.size());
  }
}

interval_calls& interval_stats::cell(std::size_t interval, std::size_t slot) {
  ensure(interval);
  return slot == call_types_ ? s_.tenant[interval] : s_.by_type[interval][slot];
}

void interval_stats::integrate_queue(std::size_t slot, sim_time to) {
  auto from = queue_since_[slot];
  auto len = queue_[slot];
  queue_since_[slot] = std::max(from, to);
  if (len == 0) return;
  while (from < to) {
    auto i = index_of(from);
    auto seg_end = std::min(to, s_.start(i + 1));
    auto& c = cell(i, slot);
    c.queue_area += len * to_seconds(seg_end - from);
    c.max_queue = std::max(c.max_queue, len);  // the level carried into the interval
    from = seg_end;
  }
}

void interval_stats::integrate_agents(agent_type_index type, sim_time to) {
  auto from = agents_since_[type];
  agents_since_[type] = std::max(from, to);
  if (busy_[type] == 0 && logged_[type] == 0) return;
  while (from < to) {
    auto i = index_of(from);
    auto seg_end = std::min(to, s_.start(i + 1));
    ensure(i);
    auto& a = s_.by_agent[i][type];
    double dt = to_seconds(seg_end - from);
    a.busy_s += busy_[type] * dt;
    a.logged_s += logged_[type] * dt;
    from = seg_end;
  }
}

void interval_stats::call_arrived(const call_record& c) {
  if (!c.counted || c.type >= call_types_) return;
  auto i = index_of(c.arrived);
  ++cell(i, c.type).offered;
  ++cell(i, call_types_).offered;
}

void interval_stats::call_finished(const call_record& c) {
  if (!c.counted || c.type >= call_types_) return;
  auto i = index_of(c.arrived);
  for (auto slot : {static_cast<std::size_t>(c.type), call_types_}) {
    auto& x = cell(i, slot);
    switch (c.outcome) {
      case call_outcome::answered: {
        ++x.answered;
        auto wait = c.wait.value_or(sim_duration::zero());
        if (std::max(0.0, to_seconds(wait)) <= threshold_s_) ++x.answered_within_t;
        x.wait_ns += wait.count();
        x.handle_ns += (c.talk.value_or(sim_duration::zero()) + c.wrap.value_or(sim_duration::zero())).count();
        break;
      }
      case call_outcome::abandoned: ++x.abandoned; break;
      case call_outcome::rejected: ++x.rejected; break;
      case call_outcome::in_system: break;
    }
  }
}

void interval_stats::queue_changed(sim_time at, call_type_index type, int delta) {
  if (type >= call_types_) return;
  for (auto slot : {static_cast<std::size_t>(type), call_types_}) {
    integrate_queue(slot, at);
    auto& len = queue_[slot];
    if (delta < 0 && len == 0) continue;  // never below zero
    len = static_cast<std::uint32_t>(static_cast<std::int64_t>(len) + delta);
    auto& c = cell(index_of(at), slot);
    c.max_queue = std::max(c.max_queue, len);
  }
}

void interval_stats::agent_changed(sim_time at, agent_type_index type, agent_state from, agent_state to) {
  if (type >= busy_.size()) return;
  integrate_agents(type, at);
  if (is_busy(from) && busy_[type] > 0) --busy_[type];
  if (is_logged_in(from) && logged_[type] > 0) --logged_[type];
  if (is_busy(to)) ++busy_[type];
  if (is_logged_in(to)) ++logged_[type];
}

interval_series interval_stats::finish(sim_time end) {
  if (end > sim_time::zero()) ensure(index_of(end - sim_duration{1}));
  for (std::size_t slot = 0; slot <= call_types_; ++slot) integrate_queue(slot, end);
  for (std::size_t a = 0; a < busy_.size(); ++a) integrate_agents(static_cast<agent_type_index>(a), end);
  s_.end = end;
  return std::move(s_);
}

} // namespace ccsim::store
