#include "event_stream_check.hpp"

#include <algorithm>
#include <sstream>

namespace ccsim::test {

namespace {

constexpr std::size_t max_messages = 12;

std::string seconds(sim_time t) {
  std::ostringstream out;
  out << to_seconds(t) << " s";
  return out.str();
}

} // namespace

stream_checker::stream_checker(const tenant& config) : config_(config) {
  for (auto& group : config.agents)
    for (std::uint32_t i = 0; i < group.count; ++i) type_of_.push_back(group.type);
  agents_.resize(type_of_.size());
  for (std::size_t id = 0; id < type_of_.size(); ++id) agents_[id].type = type_of_[id];
  waiting_by_type_.assign(config.call_types.size(), 0);
  counts_.resize(config.call_types.size());
}

void stream_checker::fail(const event& e, const std::string& what) {
  ++violation_count_;
  if (messages_.size() < max_messages) {
    std::ostringstream out;
    out << "seq " << e.seq << " at " << seconds(e.at) << " " << to_string(e.kind) << " call "
        << e.call << " agent " << e.agent << ": " << what;
    messages_.push_back(out.str());
  }
}

std::string stream_checker::summary() const {
  std::ostringstream out;
  out << events << " events; " << offers_checked << " offers, " << queue_takes_checked
      << " queue takes (" << queue_takes_with_choice << " with a choice, " << priority_decided
      << " decided by priority), " << skill_mattered << " skipped an ineligible agent, "
      << ties_by_id << " ties by id, " << ready_checked << " ready (" << keys_differ
      << " with policy-dependent keys), " << refusals << " refusals, " << queued << " queued, "
      << full_queue_rejections << " full-queue rejections; " << violation_count_ << " violations";
  for (auto& m : messages_) out << "\n  " << m;
  return out.str();
}

bool stream_checker::eligible(agent_type_index at, call_type_index ct) const {
  auto& skills = config_.agent_types[at].skills;
  return std::find(skills.begin(), skills.end(), ct) != skills.end();
}

sim_time stream_checker::expected_key(const agent_track& a) const {
  if (config_.idle == idle_policy::since_available) return a.available_at;
  return a.last_call_end.value_or(a.login_at);
}

stream_checker::agent_track& stream_checker::agent(agent_id id) {
  if (id >= agents_.size()) {
    // Unknown agents are a failure (reported by the caller); keep going.
    agents_.resize(id + 1);
  }
  return agents_[id];
}

stream_checker::call_track* stream_checker::call(const event& e) {
  auto it = calls_.find(e.call);
  if (it == calls_.end()) {
    fail(e, "event for a call that never arrived");
    return nullptr;
  }
  if (it->second.done) {
    fail(e, "event for a call that already ended");
    return nullptr;
  }
  if (e.type != it->second.type) fail(e, "call type differs from the arrival's");
  return &it->second;
}

void stream_checker::on(const std::vector<event>& batch) {
  for (auto& e : batch) on(e);
}

void stream_checker::on(const event& e) {
  ++events;
  if (last_seq_ && e.seq != *last_seq_ + 1) fail(e, "sequence number out of order");
  last_seq_ = e.seq;
  if (e.at < last_at_) fail(e, "time went backwards");
  last_at_ = e.at;
  if (e.agent != no_agent && e.agent >= type_of_.size()) fail(e, "unknown agent id");

  switch (e.kind) {
    case event_kind::call_arrived: {
      if (calls_.count(e.call)) {
        fail(e, "call id arrived twice");
        return;
      }
      if (e.arrived != e.at) fail(e, "arrival time differs from the event time");
      call_track c;
      c.type = e.type;
      c.arrived = e.at;
      c.arrival_seq = e.seq;
      c.counted = e.counted;
      calls_.emplace(e.call, c);
      if (e.counted) ++counts_[e.type].offered;
      return;
    }
    case event_kind::call_queued: on_queued(e); return;
    case event_kind::call_assigned: on_assigned(e); return;
    case event_kind::call_refused: {
      auto* c = call(e);
      if (!c) return;
      auto& a = agent(e.agent);
      ++refusals;
      if (c->reserved != e.agent || a.reserved != e.call)
        fail(e, "refusal without a matching reservation");
      // A refusal is legitimate only when the agent is no longer available.
      if (a.state == agent_state::available) fail(e, "an available agent refused a call");
      c->reserved.reset();
      a.reserved.reset();
      return;
    }
    case event_kind::call_answered: {
      auto* c = call(e);
      if (!c) return;
      auto& a = agent(e.agent);
      if (c->reserved != e.agent || a.reserved != e.call)
        fail(e, "answered without a matching reservation");
      if (a.talking) fail(e, "agent already talking on call " + std::to_string(*a.talking));
      if (c->answered_by) fail(e, "call answered twice");
      if (a.state != agent_state::on_call) fail(e, "agent is not on_call when answering");
      if (e.at != c->assigned_at) fail(e, "answer not at the time of the reservation");
      if (e.duration != e.at - c->arrived) fail(e, "wait in the answer is wrong");
      a.reserved.reset();
      a.talking = e.call;
      c->reserved.reset();
      c->answered_by = e.agent;
      c->assigned_at = e.at;  // from here: the answer time
      return;
    }
    case event_kind::call_ended: {
      auto* c = call(e);
      if (!c) return;
      auto& a = agent(e.agent);
      if (c->answered_by != e.agent || a.talking != e.call)
        fail(e, "ended by an agent that was not talking on it");
      if (e.agent_type != a.type) fail(e, "agent type differs from the agent's");
      if (c->assigned_at + e.duration != e.at) fail(e, "talk time differs from answer-to-end");
      if (e.arrived != c->arrived) fail(e, "arrival time differs from the arrival event");
      a.talking.reset();
      a.last_call_end = e.at;
      c->done = true;
      if (c->counted) ++counts_[c->type].answered;
      return;
    }
    case event_kind::call_abandoned:
    case event_kind::call_rejected: on_terminal(e); return;
    case event_kind::agent_state_changed: on_state(e); return;
    case event_kind::agent_ready: on_ready(e); return;
    case event_kind::agent_withdrawn: {
      auto& a = agent(e.agent);
      if (!a.ready) {
        fail(e, "withdrawn but not ready");
        return;
      }
      ready_.erase({a.key, e.agent});
      a.ready = false;
      return;
    }
  }
}

void stream_checker::on_queued(const event& e) {
  auto* c = call(e);
  if (!c) return;
  ++queued;
  if (c->waiting) fail(e, "queued twice");
  if (c->reserved || c->answered_by) fail(e, "queued while reserved or answered");
  for (auto& [key, id] : ready_) {
    if (eligible(agents_[id].type, c->type)) {
      fail(e, "queued although agent " + std::to_string(id) + " was ready and eligible");
      break;
    }
  }
  c->waiting = true;
  waiting_.insert({-config_.call_types[c->type].priority, c->arrived, c->arrival_seq, e.call});
  ++waiting_by_type_[c->type];
  if (auto& limit = config_.call_types[c->type].max_queue; limit && waiting_by_type_[c->type] > *limit)
    fail(e, "queue of the call type grew to " + std::to_string(waiting_by_type_[c->type])
              + ", over its max_queue " + std::to_string(*limit));
  if (config_.max_queue && waiting_.size() > *config_.max_queue)
    fail(e, "tenant queue grew to " + std::to_string(waiting_.size()) + ", over its max_queue "
              + std::to_string(*config_.max_queue));
  if (e.queue_length != waiting_by_type_[c->type])
    fail(e, "queue length " + std::to_string(e.queue_length) + ", expected "
              + std::to_string(waiting_by_type_[c->type]));
}

void stream_checker::on_assigned(const event& e) {
  auto* c = call(e);
  if (!c) return;
  auto& a = agent(e.agent);
  if (c->reserved) fail(e, "call already reserved for agent " + std::to_string(*c->reserved));
  if (c->answered_by) fail(e, "call already answered");
  if (a.reserved) fail(e, "agent already reserved for call " + std::to_string(*a.reserved));
  if (a.talking) fail(e, "agent already talking on call " + std::to_string(*a.talking));
  if (!eligible(a.type, c->type)) fail(e, "agent type lacks the call type's skill");
  if (e.duration != e.at - c->arrived) fail(e, "wait so far is wrong");

  if (c->waiting) {
    // An agent freed up and took a waiting call: it must be the best one it
    // is eligible for (priority, then oldest).
    ++queue_takes_checked;
    if (a.ready) fail(e, "a ready agent took a waiting call");
    const waiting_key* best = nullptr;
    std::size_t candidates = 0;
    bool older_lower_priority = false;
    for (auto& w : waiting_) {
      if (!eligible(a.type, calls_[w.id].type)) continue;
      ++candidates;
      if (!best) {
        best = &w;
      } else if (w.neg_priority > best->neg_priority && w.arrived < best->arrived) {
        older_lower_priority = true;
      }
    }
    if (candidates > 1) ++queue_takes_with_choice;
    if (best && best->id == e.call && older_lower_priority) ++priority_decided;
    if (!best || best->id != e.call)
      fail(e, "not the first waiting call in priority/FIFO order"
                + (best ? " (expected call " + std::to_string(best->id) + ")" : std::string{}));
    for (auto& [key, id] : ready_) {
      if (eligible(agents_[id].type, c->type)) {
        fail(e, "waiting call taken while agent " + std::to_string(id) + " was ready");
        break;
      }
    }
    waiting_.erase({-config_.call_types[c->type].priority, c->arrived, c->arrival_seq, e.call});
    --waiting_by_type_[c->type];
    c->waiting = false;
  } else {
    // A new or refused call: the longest-idle ready eligible agent.
    ++offers_checked;
    if (!a.ready) {
      fail(e, "agent was not ready");
    } else {
      std::optional<std::pair<sim_time, agent_id>> winner;
      bool first = true;
      for (auto& entry : ready_) {
        if (!eligible(agents_[entry.second].type, c->type)) {
          if (first) ++skill_mattered;
          first = false;
          continue;
        }
        first = false;
        if (!winner) {
          winner = entry;
        } else {
          if (entry.first == winner->first) ++ties_by_id;
          break;
        }
      }
      if (!winner || winner->second != e.agent)
        fail(e, "not the longest-idle eligible agent"
                  + (winner ? " (expected agent " + std::to_string(winner->second) + " idle since "
                                + seconds(winner->first) + ", got key " + seconds(a.key) + ")"
                            : std::string{}));
      ready_.erase({a.key, e.agent});
      a.ready = false;
    }
  }
  c->reserved = e.agent;
  c->assigned_at = e.at;
  a.reserved = e.call;
}

void stream_checker::on_ready(const event& e) {
  auto& a = agent(e.agent);
  ++ready_checked;
  if (a.ready) {
    fail(e, "ready twice");
    return;
  }
  if (a.reserved || a.talking) fail(e, "ready while holding a call");
  if (e.agent_type != a.type) fail(e, "agent type differs from the agent's");
  auto key = expected_key(a);
  if (e.arrived != key)
    fail(e, "idle key " + seconds(e.arrived) + ", policy " + std::string(
                config_.idle == idle_policy::since_available ? "since_available" : "since_last_call")
              + " gives " + seconds(key));
  if (a.available_at != a.last_call_end.value_or(a.login_at)) ++keys_differ;
  for (auto& w : waiting_) {
    if (eligible(a.type, calls_[w.id].type)) {
      fail(e, "became ready although call " + std::to_string(w.id) + " was waiting for it");
      break;
    }
  }
  a.ready = true;
  a.key = key;
  ready_.insert({key, e.agent});
}

void stream_checker::on_state(const event& e) {
  auto& a = agent(e.agent);
  if (e.agent_type != a.type) fail(e, "agent type differs from the agent's");
  if (e.from != a.state)
    fail(e, "from " + std::string(to_string(e.from)) + " but the agent was "
              + std::string(to_string(a.state)));
  if (!is_legal_transition(e.from, e.to))
    fail(e, "illegal transition " + std::string(to_string(e.from)) + " -> "
              + std::string(to_string(e.to)));
  if (e.to == agent_state::reserved && !a.reserved) fail(e, "reserved without a reservation");
  if ((e.to == agent_state::available || e.to == agent_state::on_break
       || e.to == agent_state::offline)
      && a.talking)
    fail(e, "left the call while still talking");
  if (e.to == agent_state::available) {
    a.available_at = e.at;
    if (e.from == agent_state::offline) a.login_at = e.at;
  }
  a.state = e.to;
}

void stream_checker::on_terminal(const event& e) {
  auto* c = call(e);
  if (!c) return;
  if (c->reserved || c->answered_by) fail(e, "left after being given to an agent");
  if (e.duration != e.at - c->arrived) fail(e, "time in the system is wrong");
  auto type = c->type;
  bool from_queue = e.kind == event_kind::call_abandoned || e.reason == reject_reason::max_wait;
  if (from_queue) {
    if (!c->waiting) fail(e, "left the queue without waiting in it");
  } else {
    ++full_queue_rejections;
    if (c->waiting) fail(e, "turned away at the door while waiting");
    for (auto& [key, id] : ready_) {
      if (eligible(agents_[id].type, type)) {
        fail(e, "turned away although agent " + std::to_string(id) + " was ready");
        break;
      }
    }
    auto& limit = config_.call_types[type].max_queue;
    if (e.reason == reject_reason::queue_full) {
      if (!limit || waiting_by_type_[type] != *limit)
        fail(e, "queue_full with " + std::to_string(waiting_by_type_[type]) + " waiting");
    } else if (e.reason == reject_reason::tenant_queue_full) {
      if (!config_.max_queue || waiting_.size() != *config_.max_queue)
        fail(e, "tenant_queue_full with " + std::to_string(waiting_.size()) + " waiting");
      if (limit && waiting_by_type_[type] >= *limit)
        fail(e, "tenant_queue_full, but the call type's own limit was reached");
    } else {
      fail(e, "rejected without a reason");
    }
  }
  if (c->waiting) {
    waiting_.erase({-config_.call_types[type].priority, c->arrived, c->arrival_seq, e.call});
    --waiting_by_type_[type];
    c->waiting = false;
  }
  c->done = true;
  if (c->counted) {
    if (e.kind == event_kind::call_abandoned)
      ++counts_[type].abandoned;
    else
      ++counts_[type].rejected;
  }
}

std::vector<stream_counts> stream_checker::counts_by_type() const {
  auto out = counts_;
  for (auto& [id, c] : calls_)
    if (c.counted && !c.done) ++out[c.type].in_system;
  return out;
}

} // namespace ccsim::test
