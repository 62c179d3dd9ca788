#include "store/call_assembler.hpp"

#include <algorithm>

namespace ccsim::store {

std::string_view to_string(call_outcome o) {
  switch (o) {
    case call_outcome::answered: return "answered";
    case call_outcome::abandoned: return "abandoned";
    case call_outcome::rejected: return "rejected";
    case call_outcome::in_system: return "in_system";
  }
  return "?";
}

std::string_view to_string(call_direction d) {
  switch (d) {
    case call_direction::inbound: return "inbound";
    case call_direction::outbound: return "outbound";
  }
  return "?";
}

namespace {

agent_change change_of(const event& e) {
  return {e.seq, e.at, e.agent, e.agent_type, e.from, e.to, e.break_reason};
}

} // namespace

void call_assembler::release_held() {
  for (auto& a : held_) sink_.agent_changed(a, false);
  held_.clear();
}

void call_assembler::release_ended() {
  if (!ended_) return;
  sink_.call_finished(*ended_);
  ended_.reset();
}

void call_assembler::unbundle_answer(call_record& r, sim_time at) {
  if (!(r.bundled & bundle_answer)) return;
  r.bundled &= static_cast<std::uint8_t>(~bundle_answer);
  auto s = r.seq + *r.answer_dseq;
  sink_.agent_unbundled({s - 2, at, r.agent, r.agent_type, agent_state::available, agent_state::reserved, 0});
  sink_.agent_unbundled({s - 1, at, r.agent, r.agent_type, agent_state::reserved, agent_state::on_call, 0});
}

void call_assembler::on_agent(const event& e) {
  auto a = change_of(e);
  if (ended_) {  // the agent's first step after the call ended?
    auto& r = *ended_;
    if (e.agent == r.agent && e.seq == r.seq + *r.last_dseq + 1 && e.from == agent_state::on_call
        && e.at == ended_at_) {
      r.bundled |= bundle_end;
      r.end_to = e.to;
      sink_.agent_changed(a, true);
      release_ended();
      return;
    }
    release_ended();
  }
  if (e.from == agent_state::available && e.to == agent_state::reserved) {
    release_held();
    held_.push_back(a);
    return;
  }
  if (e.from == agent_state::reserved && e.to == agent_state::on_call && held_.size() == 1
      && held_[0].agent == e.agent && held_[0].seq + 1 == e.seq && held_[0].at == e.at) {
    held_.push_back(a);
    return;
  }
  release_held();
  sink_.agent_changed(a, false);
}

void call_assembler::on(const event& e) {
  if (e.kind == event_kind::agent_state_changed) return on_agent(e);
  release_ended();
  bool pair_for_answer = e.kind == event_kind::call_answered && held_.size() == 2
                         && held_[1].seq + 1 == e.seq && held_[0].agent == e.agent && held_[0].at == e.at;
  if (!pair_for_answer) release_held();
  switch (e.kind) {
    case event_kind::call_arrived: {
      open_call oc;
      auto& r = oc.rec;
      r.seq = e.seq;
      r.call = e.call;
      r.type = e.type;
      r.counted = e.counted;
      r.arrived = e.arrived;
      auto [it, fresh] = open_.insert_or_assign(e.call, oc);
      sink_.call_arrived(it->second.rec);
      return;
    }
    case event_kind::call_refused:
    case event_kind::agent_ready:
    case event_kind::agent_withdrawn:
    case event_kind::agent_state_changed:
      return;
    default:
      break;
  }
  auto it = open_.find(e.call);
  if (it == open_.end()) {  // arrived before the recording started
    release_held();
    return;
  }
  auto& oc = it->second;
  auto& r = oc.rec;
  switch (e.kind) {
    case event_kind::call_queued:
      if (!r.queued) {
        r.queued = e.at - r.arrived;
        r.queued_dseq = e.seq - r.seq;
      } else {
        sink_.requeued({e.seq, r.seq, true, e.at});
      }
      oc.in_queue = true;
      sink_.queue_changed(e.at, r.type, +1);
      return;
    case event_kind::call_assigned:
      if (!oc.in_queue) return;  // straight to an agent: the queue never saw it
      oc.in_queue = false;
      sink_.queue_changed(e.at, r.type, -1);
      if (!r.dequeued) {
        r.dequeued = e.at - r.arrived - *r.queued;
        r.dequeued_dseq = e.seq - r.seq;
      } else {
        sink_.requeued({e.seq, r.seq, false, e.at});
      }
      return;
    case event_kind::call_answered:
      unbundle_answer(r, oc.answer_at);  // answered twice: keep only the latest bundle
      r.agent = e.agent;
      r.agent_type = e.agent_type;
      r.wait = e.at - r.arrived;
      r.answer_dseq = e.seq - r.seq;
      oc.answer_at = e.at;
      if (pair_for_answer) {
        for (auto& a : held_) sink_.agent_changed(a, true);
        held_.clear();
        r.bundled |= bundle_answer;
      }
      return;
    case event_kind::call_ended:
      r.outcome = call_outcome::answered;
      r.agent = e.agent;
      r.agent_type = e.agent_type;
      r.result = e.result;
      r.talk = e.duration;
      r.wrap = e.duration2;
      r.wait = e.at - e.duration - r.arrived;  // as tenant_stats measures it
      r.last_dseq = e.seq - r.seq;
      // The bundle says the answer was at arrival + wait: true in virtual
      // time, not always on the wall clock.
      if (r.arrived + *r.wait != oc.answer_at || !r.answer_dseq) unbundle_answer(r, oc.answer_at);
      ended_ = r;
      ended_at_ = e.at;
      open_.erase(it);
      return;
    case event_kind::call_abandoned:
    case event_kind::call_rejected:
      if (oc.in_queue) sink_.queue_changed(e.at, r.type, -1);
      r.outcome = e.kind == event_kind::call_abandoned ? call_outcome::abandoned
                                                       : call_outcome::rejected;
      r.reason = e.reason;
      r.wait = e.at - r.arrived;
      r.last_dseq = e.seq - r.seq;
      sink_.call_finished(r);
      open_.erase(it);
      return;
    default:
      return;
  }
}

void call_assembler::checkpoint() {
  release_ended();
  release_held();
  for (auto& [id, oc] : open_) unbundle_answer(oc.rec, oc.answer_at);
}

void call_assembler::finish() {
  release_ended();
  release_held();
  std::vector<const call_record*> rest;
  rest.reserve(open_.size());
  for (auto& [id, oc] : open_) rest.push_back(&oc.rec);
  std::sort(rest.begin(), rest.end(), [](auto* a, auto* b) { return a->seq < b->seq; });
  for (auto* r : rest) sink_.call_finished(*r);
  open_.clear();
}

} // namespace ccsim::store
