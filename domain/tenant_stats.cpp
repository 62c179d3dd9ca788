#include "domain/tenant_stats.hpp"

#include <algorithm>
#include <cmath>

namespace ccsim {

namespace {

double ratio(double num, double den) { return den > 0 ? num / den : 0.0; }

} // namespace

void call_tally::merge(const call_tally& o) {
  merge_counts(o);
  waits.merge(o.waits);
}

void call_tally::merge_counts(const call_tally& o) {
  offered += o.offered;
  answered += o.answered;
  abandoned += o.abandoned;
  rejected += o.rejected;
  in_system += o.in_system;
  for (std::size_t i = 0; i < rejected_by_reason.size(); ++i)
    rejected_by_reason[i] += o.rejected_by_reason[i];
  answered_within_t += o.answered_within_t;
  waited += o.waited;
  ok += o.ok;
  qualified += o.qualified;
  wait_sum += o.wait_sum;
  talk_sum += o.talk_sum;
  talk_sq += o.talk_sq;
  wrap_sum += o.wrap_sum;
  mean_queue += o.mean_queue;
  max_queue = std::max(max_queue, o.max_queue);
}

call_kpis call_tally::finish_with(const duration_histogram& all_waits) const {
  call_kpis k;
  k.offered = offered;
  k.answered = answered;
  k.abandoned = abandoned;
  k.rejected = rejected;
  k.in_system_at_end = in_system;
  k.rejected_by_reason = rejected_by_reason;
  k.answered_within_t = answered_within_t;
  k.waited = waited;
  k.ok = ok;
  k.qualified = qualified;
  auto off = static_cast<double>(offered);
  auto ans = static_cast<double>(answered);
  k.service_level = ratio(static_cast<double>(answered_within_t), off);
  k.service_level_answered = ratio(static_cast<double>(answered_within_t), ans);
  k.asa = ratio(wait_sum, ans);
  k.abandon_rate = ratio(static_cast<double>(abandoned), off);
  k.p_wait = ratio(static_cast<double>(waited), off);
  k.wait_p50 = all_waits.quantile(0.50);
  k.wait_p90 = all_waits.quantile(0.90);
  k.wait_p99 = all_waits.quantile(0.99);
  k.talk_mean = ratio(talk_sum, ans);
  k.talk_sd = ans > 0 ? std::sqrt(std::max(0.0, talk_sq / ans - k.talk_mean * k.talk_mean)) : 0.0;
  k.wrap_mean = ratio(wrap_sum, ans);
  k.aht = k.talk_mean + k.wrap_mean;
  k.mean_queue = mean_queue;
  k.max_queue = max_queue;
  k.conversion = ratio(static_cast<double>(ok), static_cast<double>(qualified));
  return k;
}

tenant_stats::tenant_stats(const tenant& config, sim_duration warmup, bool calls_warmup)
  : config_(config), threshold_s_(to_seconds(config.service_level_threshold)) {
  if (!calls_warmup) window_start_ = warmup;
  auto nc = config.call_types.size();
  auto na = config.agent_types.size();
  in_system_.assign(nc, 0);
  types_.resize(nc);
  queue_len_.assign(nc, 0);
  busy_.assign(na, 0);
  logged_.assign(na, 0);
  for (auto* in : {&now_, &at_last_arrival_}) {
    in->type_queue_area.assign(nc, 0);
    in->busy_area.assign(na, 0);
    in->logged_area.assign(na, 0);
  }
  cell_answered_.assign(na, std::vector<std::uint64_t>(nc, 0));
  cell_ok_.assign(na, std::vector<std::uint64_t>(nc, 0));
}

void tenant_stats::advance(sim_time t) {
  if (t <= last_) return;
  if (window_start_ && t > *window_start_) accumulate(now_, to_seconds(t - std::max(last_, *window_start_)));
  last_ = t;
}

void tenant_stats::accumulate(integrals& in, double dt) const {
  in.queue_area += queue_total_ * dt;
  for (std::size_t c = 0; c < queue_len_.size(); ++c)
    in.type_queue_area[c] += queue_len_[c] * dt;
  for (std::size_t a = 0; a < busy_.size(); ++a) {
    in.busy_area[a] += busy_[a] * dt;
    in.logged_area[a] += logged_[a] * dt;
  }
}

void tenant_stats::leave_queue(live_call& c) {
  if (!c.in_queue) return;
  c.in_queue = false;
  --queue_len_[c.type];
  --queue_total_;
}

void tenant_stats::on(const event& e) {
  advance(e.at);
  bool in_window = window_start_ && e.at >= *window_start_;
  switch (e.kind) {
    case event_kind::call_arrived: {
      ++arrivals_seen_;
      auto& slot = live_[e.call];
      if (slot.counted) --in_system_[slot.type];  // an id reused while in the system: the new call wins
      slot = live_call{e.type, e.counted, false, false};
      if (!e.counted) break;
      ++in_system_[e.type];
      if (!window_start_) {
        window_start_ = e.at;
        in_window = true;
      }
      ++types_[e.type].offered;
      at_last_arrival_ = now_;
      last_counted_arrival_ = e.at;
      break;
    }
    case event_kind::call_queued: {
      auto it = live_.find(e.call);
      if (it == live_.end()) break;
      auto& c = it->second;
      if (!c.waited && c.counted) ++types_[c.type].waited;
      c.waited = true;
      c.in_queue = true;
      ++queue_len_[c.type];
      ++queue_total_;
      if (in_window) {
        auto& t = types_[c.type];
        t.max_queue = std::max(t.max_queue, queue_len_[c.type]);
        total_.max_queue = std::max(total_.max_queue, queue_total_);
      }
      break;
    }
    case event_kind::call_assigned: {
      if (auto it = live_.find(e.call); it != live_.end()) leave_queue(it->second);
      break;
    }
    case event_kind::call_ended: {
      auto it = live_.find(e.call);
      if (it == live_.end()) break;
      auto c = it->second;
      live_.erase(it);
      if (e.agent >= answered_by_agent_.size()) answered_by_agent_.resize(e.agent + 1, 0);
      if (!c.counted) break;
      --in_system_[c.type];
      auto& t = types_[c.type];
      double talk = to_seconds(e.duration);
      double wait = std::max(0.0, to_seconds(e.at - e.duration - e.arrived));
      ++t.answered;
      if (wait <= threshold_s_) ++t.answered_within_t;
      t.wait_sum += wait;
      t.waits.add(wait);
      waits_.add(wait);
      t.talk_sum += talk;
      t.talk_sq += talk * talk;
      t.wrap_sum += to_seconds(e.duration2);
      ++answered_by_agent_[e.agent];
      if (e.result != qualification::none) {
        ++t.qualified;
        ++cell_answered_[e.agent_type][c.type];
        if (e.result == qualification::ok) {
          ++t.ok;
          ++cell_ok_[e.agent_type][c.type];
        }
      }
      break;
    }
    case event_kind::call_abandoned:
    case event_kind::call_rejected: {
      auto it = live_.find(e.call);
      if (it == live_.end()) break;
      auto c = it->second;
      live_.erase(it);
      leave_queue(c);
      if (!c.counted) break;
      --in_system_[c.type];
      auto& t = types_[c.type];
      if (e.kind == event_kind::call_abandoned) {
        ++t.abandoned;
      } else {
        ++t.rejected;
        ++t.rejected_by_reason[static_cast<std::size_t>(e.reason)];
        // Turned away at the door because nobody was free: it found no idle agent.
        if (!c.waited && e.reason != reject_reason::max_wait) ++t.waited;
      }
      break;
    }
    case event_kind::agent_state_changed: {
      if (e.agent >= agent_type_of_.size()) {
        agent_type_of_.resize(e.agent + 1, -1);
        answered_by_agent_.resize(e.agent + 1, 0);
      }
      agent_type_of_[e.agent] = e.agent_type;
      auto a = e.agent_type;
      if (is_busy(e.from)) --busy_[a];
      if (is_logged_in(e.from)) --logged_[a];
      if (is_busy(e.to)) ++busy_[a];
      if (is_logged_in(e.to)) ++logged_[a];
      break;
    }
    case event_kind::call_refused:
    case event_kind::call_answered:
    case event_kind::agent_ready:
    case event_kind::agent_withdrawn:
      break;
  }
}

std::pair<double, double> tenant_stats::occupancy_integrals() const {
  double busy = 0, logged = 0;
  for (auto v : now_.busy_area) busy += v;
  for (auto v : now_.logged_area) logged += v;
  return {busy, logged};
}

kpi_reading tenant_stats::read_kpis(const integrals& in, sim_time start, sim_time end) const {
  double window = to_seconds(end - start);
  kpi_reading r;
  call_tally total;  // finish() merges types_ into total_ the same way, waits apart
  std::uint64_t in_system = 0;
  for (std::size_t c = 0; c < types_.size(); ++c) {
    auto k = types_[c].finish();
    k.in_system_at_end = in_system_[c];
    k.mean_queue = ratio(in.type_queue_area[c], window);
    r.call_types.push_back(k);
    total.merge_counts(types_[c]);
    in_system += in_system_[c];
  }
  total.in_system = in_system;
  total.max_queue = total_.max_queue;  // tracked on the tenant's total queue, not mergeable
  total.mean_queue = ratio(in.queue_area, window);
  r.kpis = total.finish_with(waits_);
  double busy_all = 0, logged_all = 0;
  for (std::size_t a = 0; a < in.busy_area.size(); ++a) {
    busy_all += in.busy_area[a];
    logged_all += in.logged_area[a];
  }
  r.occupancy = ratio(busy_all, logged_all);
  return r;
}

kpi_reading tenant_stats::kpis_at(sim_time t) const {
  // What finish(t, false) does, on a copy of the integrals only.
  auto start = window_start_.value_or(t);
  integrals in = now_;
  if (t > last_ && t > start) accumulate(in, to_seconds(t - std::max(last_, start)));
  return read_kpis(in, start, t);
}

tenant_report tenant_stats::finish(sim_time end, bool arrivals_ended) {
  if (!window_start_) window_start_ = end;  // no counted call ever arrived
  if (arrivals_ended) {
    advance(last_counted_arrival_);  // no-op if we are past it already
    now_ = at_last_arrival_;
    window_end_ = std::max(last_counted_arrival_, *window_start_);
  } else {
    advance(end);
    window_end_ = end;
  }
  auto kpis = read_kpis(now_, *window_start_, window_end_);

  tenant_report r;
  r.name = config_.name;
  r.service_level_threshold = threshold_s_;
  r.window_start = to_seconds(*window_start_);
  r.window_end = to_seconds(window_end_);
  r.kpis = kpis.kpis;
  r.occupancy = kpis.occupancy;
  // The closed tallies, for merging across tenants and replications.
  for (std::size_t c = 0; c < types_.size(); ++c) {
    types_[c].in_system = in_system_[c];
    types_[c].mean_queue = kpis.call_types[c].mean_queue;
    auto& ct = config_.call_types[c];
    r.call_types.push_back({ct.name, ct.talk.describe(), ct.talk.effective_mean(), kpis.call_types[c]});
  }
  auto max_q = total_.max_queue;
  total_ = call_tally{};
  for (auto& t : types_) total_.merge(t);
  total_.max_queue = max_q;
  total_.mean_queue = kpis.kpis.mean_queue;

  for (std::size_t a = 0; a < config_.agent_types.size(); ++a) {
    agent_type_report at;
    at.name = config_.agent_types[a].name;
    at.occupancy = ratio(now_.busy_area[a], now_.logged_area[a]);
    double sum = 0, sq = 0;
    std::uint32_t n = 0;
    for (std::size_t id = 0; id < agent_type_of_.size(); ++id) {
      if (agent_type_of_[id] != static_cast<std::int32_t>(a)) continue;
      double x = static_cast<double>(answered_by_agent_[id]);
      sum += x;
      sq += x * x;
      ++n;
    }
    at.agents = n;
    at.calls_per_agent = ratio(sum, n);
    double var = n > 0 ? std::max(0.0, sq / n - at.calls_per_agent * at.calls_per_agent) : 0.0;
    at.fairness_cv = ratio(std::sqrt(var), at.calls_per_agent);
    r.agent_types.push_back(at);
  }
  if (config_.has_conversion) {
    for (std::size_t a = 0; a < config_.agent_types.size(); ++a)
      for (auto c : config_.agent_types[a].skills)
        r.conversion.push_back({config_.agent_types[a].name, config_.call_types[c].name,
                                config_.conversion[a][c],
                                ratio(static_cast<double>(cell_ok_[a][c]),
                                      static_cast<double>(cell_answered_[a][c])),
                                cell_answered_[a][c]});
  }
  return r;
}

} // namespace ccsim
