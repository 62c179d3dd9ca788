#pragma once
// The routing decisions of one tenant, without actors: which idle agent a
// new call goes to, which waiting call a freed agent takes, and when a call
// is turned away. The dispatcher actor owns exactly one board and is the
// only code that touches it, which is what makes assignment race-free.
//
// Rules (see README "Dispatching"):
// - A call goes to the eligible idle agent with the smallest idle key (the
//   agent idle the longest under the tenant's idle policy); ties go to the
//   lower agent id.
// - A freed agent takes the waiting call it is eligible for with the highest
//   priority, oldest first (FIFO within priority).
// - Saturation: a call that finds no idle agent and a full queue (call-type
//   or tenant limit) is rejected with the reason, never dropped.
#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/event.hpp"
#include "domain/ids.hpp"
#include "domain/time.hpp"

namespace ccsim {

/// What the board knows of a call it holds in a queue.
struct waiting_call {
  call_id id = 0;
  call_type_index type = 0;
  sim_time arrived{0};
  std::uint64_t order = 0;  ///< admission order: FIFO key, kept when re-queued
};

struct board_limits {
  std::vector<std::optional<std::uint32_t>> max_queue_by_type;  ///< per call type
  std::optional<std::uint32_t> max_queue_total;                 ///< tenant-wide
};

/// Outcome of offering a call to the board.
struct admission {
  enum class verdict : std::uint8_t { assigned, queued, rejected };
  verdict what = verdict::queued;
  agent_id agent = no_agent;               ///< assigned: the reserved agent
  reject_reason reason = reject_reason::none; ///< rejected: why
  std::uint32_t queue_length = 0;          ///< queued: waiting calls of the type after it
};

class dispatch_board {
public:
  /// skills[a] lists the call types agent type a may take; `priorities[c]`
  /// is call type c's priority (higher first).
  dispatch_board(std::vector<std::vector<call_type_index>> skills, std::vector<int> priorities,
                 board_limits limits);

  // -- agents -----------------------------------------------------------

  /// Registers a new agent type at runtime (live mode); returns its index.
  agent_type_index add_agent_type(std::vector<call_type_index> skills);
  /// Registers a new call type at runtime (live mode); returns its index.
  call_type_index add_call_type(int priority, std::optional<std::uint32_t> max_queue);

  /// The agent is idle from now on, with `idle_key` its idle-since under the
  /// tenant's policy. Precondition: not idle already.
  void add_idle(agent_id agent, agent_type_index type, sim_time idle_key);
  /// Removes an idle agent (going on break or offline); false if it was not idle.
  bool remove_idle(agent_id agent);
  bool is_idle(agent_id agent) const;
  std::size_t idle_count() const { return idle_total_; }

  // -- calls ------------------------------------------------------------

  /// Offers a new call: reserves the longest-idle eligible agent, or queues
  /// the call, or rejects it. `order` keeps FIFO position across re-offers
  /// (pass next_order() for a fresh call).
  admission offer(const waiting_call& call);
  /// A fresh FIFO position.
  std::uint64_t next_order() { return next_order_++; }

  /// The waiting call an agent of `type` that just freed up should take
  /// (highest priority, then oldest); removes it from its queue.
  std::optional<waiting_call> take_call_for(agent_type_index type);

  /// Removes a waiting call (abandoned, cancelled, max wait); nullopt if it
  /// is not waiting (already assigned or unknown).
  std::optional<waiting_call> remove_call(call_id id);
  bool is_waiting(call_id id) const { return waiting_.count(id) != 0; }

  std::size_t waiting_count(call_type_index type) const { return queued_[type]; }
  std::size_t waiting_total() const { return waiting_.size(); }
  /// The oldest waiting call of a type, if any (for "oldest wait" displays).
  std::optional<waiting_call> oldest_waiting(call_type_index type) const;
  std::size_t call_type_count() const { return priorities_.size(); }
  std::size_t agent_type_count() const { return skills_.size(); }
  const std::vector<call_type_index>& skills(agent_type_index type) const { return skills_[type]; }

private:
  struct idle_entry {
    agent_type_index type = 0;
    sim_time key{0};
    bool idle = false;
  };
  using idle_set = std::set<std::pair<sim_time, agent_id>>;  // (idle key, id): ties to lower id

  std::optional<agent_id> pick_agent(call_type_index type);
  void enqueue(const waiting_call& call);
  void drop_dead_front(call_type_index type);

  std::vector<std::vector<call_type_index>> skills_;            // by agent type
  std::vector<std::vector<agent_type_index>> eligible_types_;   // by call type
  std::vector<int> priorities_;                                 // by call type
  board_limits limits_;
  std::vector<idle_set> idle_by_type_;
  std::vector<idle_entry> agents_;  // by agent id
  std::size_t idle_total_ = 0;
  // Waiting calls: one FIFO per call type, sorted by order. `waiting_` maps
  // each waiting call to its type; `queued_` counts per type.
  std::vector<std::deque<waiting_call>> queues_;
  std::vector<std::size_t> queued_;
  std::unordered_map<call_id, call_type_index> waiting_;
  std::uint64_t next_order_ = 0;
};

} // namespace ccsim
