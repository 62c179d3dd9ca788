#include "domain/dispatch_board.hpp"

#include <algorithm>
#include <cassert>

namespace ccsim {

dispatch_board::dispatch_board(std::vector<std::vector<call_type_index>> skills,
                               std::vector<int> priorities, board_limits limits)
  : limits_{{}, limits.max_queue_total} {
  // add_call_type grows limits_.max_queue_by_type one type at a time, so
  // read the per-type caps from the argument, not from the member.
  priorities_.reserve(priorities.size());
  for (std::size_t c = 0; c < priorities.size(); ++c)
    add_call_type(priorities[c], c < limits.max_queue_by_type.size() ? limits.max_queue_by_type[c]
                                                                     : std::nullopt);
  for (auto& s : skills) add_agent_type(std::move(s));
}

call_type_index dispatch_board::add_call_type(int priority, std::optional<std::uint32_t> max_queue) {
  auto index = static_cast<call_type_index>(priorities_.size());
  priorities_.push_back(priority);
  limits_.max_queue_by_type.resize(priorities_.size());
  limits_.max_queue_by_type[index] = max_queue;
  eligible_types_.emplace_back();
  queues_.emplace_back();
  queued_.push_back(0);
  return index;
}

agent_type_index dispatch_board::add_agent_type(std::vector<call_type_index> skills) {
  auto index = static_cast<agent_type_index>(skills_.size());
  std::sort(skills.begin(), skills.end());
  skills.erase(std::unique(skills.begin(), skills.end()), skills.end());
  for (auto c : skills) {
    assert(c < eligible_types_.size());
    eligible_types_[c].push_back(index);
  }
  skills_.push_back(std::move(skills));
  idle_by_type_.emplace_back();
  return index;
}

void dispatch_board::add_idle(agent_id agent, agent_type_index type, sim_time idle_key) {
  assert(type < idle_by_type_.size());
  if (agent >= agents_.size()) agents_.resize(agent + 1);
  auto& entry = agents_[agent];
  assert(!entry.idle);
  entry = idle_entry{type, idle_key, true};
  idle_by_type_[type].emplace(idle_key, agent);
  ++idle_total_;
}

bool dispatch_board::remove_idle(agent_id agent) {
  if (agent >= agents_.size() || !agents_[agent].idle) return false;
  auto& entry = agents_[agent];
  idle_by_type_[entry.type].erase({entry.key, agent});
  entry.idle = false;
  --idle_total_;
  return true;
}

bool dispatch_board::is_idle(agent_id agent) const {
  return agent < agents_.size() && agents_[agent].idle;
}

std::optional<agent_id> dispatch_board::pick_agent(call_type_index type) {
  const std::pair<sim_time, agent_id>* best = nullptr;
  for (auto a : eligible_types_[type]) {
    auto& set = idle_by_type_[a];
    if (!set.empty() && (best == nullptr || *set.begin() < *best)) best = &*set.begin();
  }
  if (best == nullptr) return std::nullopt;
  auto agent = best->second;
  remove_idle(agent);
  return agent;
}

admission dispatch_board::offer(const waiting_call& call) {
  assert(call.type < queues_.size());
  if (auto agent = pick_agent(call.type))
    return {admission::verdict::assigned, *agent, reject_reason::none, 0};
  if (auto cap = limits_.max_queue_by_type[call.type]; cap && queued_[call.type] >= *cap)
    return {admission::verdict::rejected, no_agent, reject_reason::queue_full, 0};
  if (auto cap = limits_.max_queue_total; cap && waiting_.size() >= *cap)
    return {admission::verdict::rejected, no_agent, reject_reason::tenant_queue_full, 0};
  enqueue(call);
  return {admission::verdict::queued, no_agent, reject_reason::none,
          static_cast<std::uint32_t>(queued_[call.type])};
}

void dispatch_board::enqueue(const waiting_call& call) {
  auto& q = queues_[call.type];
  // Fresh calls append; a re-offered call (its agent refused) goes back to
  // its original FIFO position.
  if (q.empty() || q.back().order < call.order) {
    q.push_back(call);
  } else {
    auto pos = std::lower_bound(q.begin(), q.end(), call.order,
                                [](const waiting_call& w, std::uint64_t o) { return w.order < o; });
    q.insert(pos, call);
  }
  waiting_.emplace(call.id, call.type);
  ++queued_[call.type];
}

void dispatch_board::drop_dead_front(call_type_index type) {
  auto& q = queues_[type];
  while (!q.empty()) {
    auto it = waiting_.find(q.front().id);
    // A live entry is one whose id is still waiting under this type with this
    // order (a call id is never reused within a tenant).
    if (it != waiting_.end()) return;
    q.pop_front();
  }
}

std::optional<waiting_call> dispatch_board::take_call_for(agent_type_index type) {
  const waiting_call* best = nullptr;
  call_type_index best_type = 0;
  for (auto c : skills_[type]) {
    drop_dead_front(c);
    if (queues_[c].empty()) continue;
    auto& front = queues_[c].front();
    if (best == nullptr || priorities_[c] > priorities_[best_type]
        || (priorities_[c] == priorities_[best_type]
            && std::pair{front.arrived, front.order} < std::pair{best->arrived, best->order})) {
      best = &front;
      best_type = c;
    }
  }
  if (best == nullptr) return std::nullopt;
  auto call = *best;
  queues_[best_type].pop_front();
  waiting_.erase(call.id);
  --queued_[best_type];
  return call;
}

std::optional<waiting_call> dispatch_board::remove_call(call_id id) {
  auto it = waiting_.find(id);
  if (it == waiting_.end()) return std::nullopt;
  auto type = it->second;
  waiting_.erase(it);
  --queued_[type];
  auto& q = queues_[type];
  // Find the entry for its data; it stays in the deque and is skipped later
  // unless it sits at the front, where we drop it right away.
  auto pos = std::find_if(q.begin(), q.end(), [id](const waiting_call& w) { return w.id == id; });
  assert(pos != q.end());
  auto call = *pos;
  if (pos == q.begin()) {
    q.pop_front();
    drop_dead_front(type);
  } else {
    q.erase(pos);
  }
  return call;
}

std::optional<waiting_call> dispatch_board::oldest_waiting(call_type_index type) const {
  for (auto& w : queues_[type])
    if (waiting_.count(w.id)) return w;
  return std::nullopt;
}

} // namespace ccsim
