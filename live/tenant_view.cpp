#include "live/tenant_view.hpp"

#include <algorithm>
#include <cmath>

namespace ccsim::live {

namespace {

constexpr std::size_t max_ended_calls = 10000;  // "a call of the last hour", bounded
constexpr std::size_t max_recent_events = 1000;
constexpr std::size_t max_minutes = 60;

double secs(sim_time t) { return to_seconds(t); }

/// The slot of a call state in calls_in_state_, or -1 for one not counted.
int call_state_slot(const std::string& state) {
  if (state == "waiting") return 0;
  if (state == "ringing") return 1;
  if (state == "talking") return 2;
  return -1;
}

} // namespace

tenant_view::tenant_view(std::shared_ptr<const tenant> config, tenant_info info,
                         std::function<std::string(std::uint8_t)> reason_text)
  : config_(std::move(config)), reason_text_(std::move(reason_text)), info_(std::move(info)),
    stats_(*config_, sim_duration{0}, false), waiting_(config_->call_types.size()) {}

void tenant_view::apply(const std::vector<event>& batch) {
  std::lock_guard<std::mutex> guard{mtx_};
  for (auto& e : batch) on_event(e);
}

void tenant_view::name_agent(agent_id id, std::string name, std::string type) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto& a = agent_entry(id);
  a.name = std::move(name);
  a.type = std::move(type);
  info_.agents = agents_.size();
  ++version_;
}

void tenant_view::set_pending(agent_id id, bool pending) {
  std::lock_guard<std::mutex> guard{mtx_};
  if (auto it = agents_.find(id); it != agents_.end()) it->second.pending_break = pending;
}

void tenant_view::forget_agent(agent_id id) {
  std::lock_guard<std::mutex> guard{mtx_};
  if (auto it = agents_.find(id); it != agents_.end()) {
    --agents_in_state_[static_cast<std::size_t>(it->second.state)];
    agents_.erase(it);
  }
  info_.agents = agents_.size();
  ++version_;
}

call_info& tenant_view::track(const event& e) {
  auto [it, fresh] = calls_.try_emplace(e.call);
  auto& c = it->second;
  if (fresh) {
    c.id = e.call;
    c.type = config_->call_types[e.type].name;
    c.arrived_s = secs(e.arrived);
    set_state(c, "waiting");
  }
  return c;
}

agent_info& tenant_view::agent_entry(agent_id id) {
  auto [it, fresh] = agents_.try_emplace(id);
  if (fresh) {
    it->second.id = id;
    ++agents_in_state_[static_cast<std::size_t>(it->second.state)];
  }
  return it->second;
}

void tenant_view::set_state(agent_info& a, agent_state to) {
  --agents_in_state_[static_cast<std::size_t>(a.state)];
  ++agents_in_state_[static_cast<std::size_t>(to)];
  a.state = to;
}

void tenant_view::set_state(call_info& c, const char* to) {
  if (auto slot = call_state_slot(c.state); slot >= 0) --calls_in_state_[static_cast<std::size_t>(slot)];
  c.state = to;
  if (auto slot = call_state_slot(c.state); slot >= 0) ++calls_in_state_[static_cast<std::size_t>(slot)];
}

void tenant_view::erase_call(call_id id) {
  auto it = calls_.find(id);
  if (it == calls_.end()) return;
  if (auto slot = call_state_slot(it->second.state); slot >= 0) --calls_in_state_[static_cast<std::size_t>(slot)];
  calls_.erase(it);
}

void tenant_view::on_event(const event& e) {
  stats_.on(e);
  ++version_;
  recent_.push_back(e);
  if (recent_.size() > max_recent_events) recent_.pop_front();

  auto bucket = [&]() -> minute_bucket& {
    double start = std::floor(secs(e.at) / 60.0) * 60.0;
    if (minutes_.empty() || minutes_.back().start_s < start) {
      minute_bucket b;
      b.start_s = start;
      minutes_.push_back(b);
      if (minutes_.size() > max_minutes) minutes_.pop_front();
    }
    return minutes_.back();
  };
  auto finish_call = [&](call_info& c) {
    ended_.push_back(c.id);
    while (ended_.size() > max_ended_calls) {
      erase_call(ended_.front());
      ended_.pop_front();
    }
  };

  switch (e.kind) {
    case event_kind::call_arrived:
      track(e);
      ++bucket().offered;
      break;
    case event_kind::call_queued:
      set_state(track(e), "waiting");
      waiting_[e.type][e.call] = e.arrived;
      break;
    case event_kind::call_assigned: {
      auto& c = track(e);
      set_state(c, "ringing");
      c.agent = e.agent;
      c.wait_s = to_seconds(e.duration);
      waiting_[e.type].erase(e.call);
      break;
    }
    case event_kind::call_refused: {
      auto& c = track(e);
      set_state(c, "waiting");
      c.agent.reset();
      break;
    }
    case event_kind::call_answered: {
      auto& c = track(e);
      set_state(c, "talking");
      c.agent = e.agent;
      c.answered_s = secs(e.at);
      c.wait_s = to_seconds(e.duration);
      ++bucket().answered;
      break;
    }
    case event_kind::call_ended: {
      auto& c = track(e);
      set_state(c, "ended");
      c.ended_s = secs(e.at);
      c.qualification = std::string(to_string(e.result));
      if (auto it = agents_.find(e.agent); it != agents_.end()) ++it->second.calls_handled;
      finish_call(c);
      break;
    }
    case event_kind::call_abandoned: {
      auto& c = track(e);
      set_state(c, "abandoned");
      c.ended_s = secs(e.at);
      c.wait_s = to_seconds(e.duration);
      waiting_[e.type].erase(e.call);
      ++bucket().abandoned;
      finish_call(c);
      break;
    }
    case event_kind::call_rejected: {
      auto& c = track(e);
      set_state(c, "rejected");
      c.ended_s = secs(e.at);
      c.wait_s = to_seconds(e.duration);
      c.reject_reason = std::string(to_string(e.reason));
      waiting_[e.type].erase(e.call);
      ++bucket().rejected;
      finish_call(c);
      break;
    }
    case event_kind::agent_state_changed: {
      auto& a = agent_entry(e.agent);
      if (a.name.empty()) a.name = "agent " + std::to_string(e.agent);
      a.type = config_->agent_types[e.agent_type].name;
      set_state(a, e.to);
      a.state_since_s = secs(e.at);
      a.break_reason = e.to == agent_state::on_break ? reason_text_(e.break_reason) : "";
      if (is_busy(e.to)) a.call = e.call;
      else a.call.reset();
      if (!is_busy(e.to)) a.pending_break = a.pending_logout = false;
      info_.agents = agents_.size();
      break;
    }
    case event_kind::agent_ready:
    case event_kind::agent_withdrawn:
      break;
  }
}

tenant_info tenant_view::info() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return info_;
}

tenant_snapshot tenant_view::snapshot(double now_s) const {
  std::lock_guard<std::mutex> guard{mtx_};
  tenant_snapshot s;
  s.tenant = info_;
  s.now_s = now_s;
  s.service_level_threshold_s = to_seconds(config_->service_level_threshold);
  s.service_level_target = config_->service_level_target;
  s.agents.reserve(agents_.size());
  for (auto& [id, a] : agents_) s.agents.push_back(a);
  // KPIs since start, as if the run ended now.
  auto reading = stats_.kpis_at(from_seconds(now_s));
  s.kpis = reading.kpis;
  s.occupancy = reading.occupancy;
  for (std::size_t c = 0; c < config_->call_types.size(); ++c) {
    queue_info q;
    q.call_type = config_->call_types[c].name;
    q.waiting = waiting_[c].size();
    std::vector<waiting_call_info> calls;
    for (auto& [id, arrived] : waiting_[c]) calls.push_back({id, std::max(0.0, now_s - secs(arrived))});
    std::sort(calls.begin(), calls.end(),
              [](auto& a, auto& b) { return a.wait_s > b.wait_s || (a.wait_s == b.wait_s && a.id < b.id); });
    q.oldest_wait_s = calls.empty() ? 0 : calls.front().wait_s;
    q.calls = std::move(calls);
    q.kpis = reading.call_types[c];
    s.queues.push_back(std::move(q));
  }
  s.minutes.assign(minutes_.begin(), minutes_.end());
  s.version = version_;
  return s;
}

tenant_kpis tenant_view::kpis(double now_s) const {
  std::lock_guard<std::mutex> guard{mtx_};
  tenant_kpis k;
  k.tenant = info_.id;
  k.name = info_.name;
  k.now_s = now_s;
  k.service_level_threshold_s = to_seconds(config_->service_level_threshold);
  k.service_level_target = config_->service_level_target;
  auto reading = stats_.kpis_at(from_seconds(now_s));
  k.kpis = reading.kpis;
  k.occupancy = reading.occupancy;
  k.agents = agents_.size();
  for (auto& w : waiting_) k.waiting += w.size();
  k.minutes.assign(minutes_.begin(), minutes_.end());
  k.version = version_;
  return k;
}

std::vector<agent_info> tenant_view::agents() const {
  std::lock_guard<std::mutex> guard{mtx_};
  std::vector<agent_info> out;
  for (auto& [id, a] : agents_) out.push_back(a);
  return out;
}

std::optional<agent_info> tenant_view::agent(agent_id id) const {
  std::lock_guard<std::mutex> guard{mtx_};
  auto it = agents_.find(id);
  if (it == agents_.end()) return std::nullopt;
  return it->second;
}

std::optional<call_info> tenant_view::call(call_id id) const {
  std::lock_guard<std::mutex> guard{mtx_};
  auto it = calls_.find(id);
  if (it == calls_.end()) return std::nullopt;
  return it->second;
}

std::vector<event> tenant_view::recent(std::uint64_t after_seq) const {
  std::lock_guard<std::mutex> guard{mtx_};
  std::vector<event> out;
  for (auto& e : recent_)
    if (e.seq > after_seq) out.push_back(e);
  return out;
}

std::string tenant_view::describe(const event& e) const {
  std::lock_guard<std::mutex> guard{mtx_};
  return describe_locked(e);
}

std::string tenant_view::describe_locked(const event& e) const {
  auto agent_name = [&](agent_id id) {
    auto it = agents_.find(id);
    return it != agents_.end() ? it->second.name : "agent " + std::to_string(id);
  };
  auto call = [&] {
    auto type = e.type < config_->call_types.size() ? config_->call_types[e.type].name : "?";
    return "call " + std::to_string(e.call) + " (" + type + ")";
  };
  switch (e.kind) {
    case event_kind::call_arrived: return call() + " arrived";
    case event_kind::call_queued: return call() + " queued, " + std::to_string(e.queue_length) + " waiting";
    case event_kind::call_assigned: return call() + " assigned to " + agent_name(e.agent);
    case event_kind::call_refused: return agent_name(e.agent) + " refused " + call();
    case event_kind::call_answered: return agent_name(e.agent) + " answered " + call();
    case event_kind::call_ended:
      return call() + " ended by " + agent_name(e.agent) + " (" + std::string(to_string(e.result)) + ")";
    case event_kind::call_abandoned: return call() + " abandoned";
    case event_kind::call_rejected: return call() + " rejected: " + std::string(to_string(e.reason));
    case event_kind::agent_state_changed: {
      std::string text = agent_name(e.agent) + ": " + std::string(to_string(e.from)) + " -> "
                         + std::string(to_string(e.to));
      if (e.to == agent_state::on_break) text += " (" + reason_text_(e.break_reason) + ")";
      return text;
    }
    case event_kind::agent_ready: return agent_name(e.agent) + " ready for calls";
    case event_kind::agent_withdrawn: return agent_name(e.agent) + " no longer takes calls";
  }
  return std::string(to_string(e.kind));
}

void tenant_view::count_states(std::vector<std::size_t>& agents_by_state,
                               std::vector<std::size_t>& calls_by_state) const {
  std::lock_guard<std::mutex> guard{mtx_};
  for (std::size_t i = 0; i < agents_in_state_.size(); ++i) agents_by_state[i] += agents_in_state_[i];
  for (std::size_t i = 0; i < calls_in_state_.size(); ++i) calls_by_state[i] += calls_in_state_[i];
}

std::uint64_t tenant_view::version() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return version_;
}

} // namespace ccsim::live
