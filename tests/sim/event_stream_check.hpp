#pragma once
// An independent referee for one tenant's event stream. It rebuilds, from
// the events alone and the scenario, what the dispatcher must have known
// (which agents were ready and with which idle key, which calls were
// waiting) and checks every routing decision against the rules:
//
// - at a call_assigned of a call that was not waiting (a fresh or refused
//   offer): the agent is ready, eligible (its type has the call type's
//   skill) and has the smallest (idle key, agent id) among the ready
//   eligible agents;
// - at a call_assigned of a waiting call (an agent freed up): the call is
//   the one of highest priority, oldest first, among the waiting calls the
//   agent is eligible for, and no ready agent could have taken it earlier;
// - a call queues only when no ready agent is eligible for it; an agent
//   becomes ready only when no waiting call fits it;
// - the idle key each agent_ready carries is the one the idle policy
//   prescribes, rebuilt from agent_state_changed and call_ended;
// - an agent never holds two calls or two reservations; a call is never
//   reserved for two agents at once and ends at most once; every answer and
//   refusal matches a reservation; every state change is legal and starts
//   from the state the agent was in;
// - queues never grow past their limits, and rejections for a full queue
//   happen exactly at the configured limit.
//
// Nothing here reads the dispatcher's own bookkeeping: the idle keys are
// rebuilt from state changes, not copied from agent_ready.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/event.hpp"
#include "domain/scenario.hpp"

namespace ccsim::test {

/// Per-call outcomes counted from the stream (calls that arrived after the
/// warm-up only), to compare with the report.
struct stream_counts {
  std::uint64_t offered = 0, answered = 0, abandoned = 0, rejected = 0, in_system = 0;
};

class stream_checker {
public:
  explicit stream_checker(const tenant& config);

  void on(const std::vector<event>& batch);
  void on(const event& e);

  /// Problems found (the first few described, all counted).
  std::uint64_t violations() const { return violation_count_; }
  const std::vector<std::string>& messages() const { return messages_; }
  std::string summary() const;

  // How much was checked, so that tests can insist the run exercised it.
  std::uint64_t events = 0;
  std::uint64_t offers_checked = 0;        ///< assignments of fresh/refused offers
  std::uint64_t queue_takes_checked = 0;   ///< assignments of waiting calls
  std::uint64_t queue_takes_with_choice = 0;  ///< ... with more than one candidate
  std::uint64_t priority_decided = 0;      ///< ... where priority beat an older call
  std::uint64_t skill_mattered = 0;        ///< longest-idle ready agent was not eligible
  std::uint64_t ties_by_id = 0;            ///< the winner shared its key with another candidate
  std::uint64_t ready_checked = 0;
  std::uint64_t keys_differ = 0;           ///< since_last_call key != since_available key
  std::uint64_t refusals = 0;
  std::uint64_t queued = 0;
  std::uint64_t full_queue_rejections = 0;

  /// Outcomes per call type (counted calls), calls still open counted as in system.
  std::vector<stream_counts> counts_by_type() const;

private:
  struct agent_track {
    agent_type_index type = 0;
    agent_state state = agent_state::offline;
    sim_time login_at{0};
    sim_time available_at{0};
    std::optional<sim_time> last_call_end;
    std::optional<call_id> reserved;  ///< call_assigned without answer/refusal yet
    std::optional<call_id> talking;   ///< call_answered without call_ended yet
    bool ready = false;
    sim_time key{0};  ///< our idle key while ready
  };
  struct call_track {
    call_type_index type = 0;
    sim_time arrived{0};
    std::uint64_t arrival_seq = 0;
    bool counted = true;
    bool waiting = false;
    bool done = false;
    std::optional<agent_id> reserved;
    std::optional<agent_id> answered_by;
    sim_time assigned_at{0};
  };

  void fail(const event& e, const std::string& what);
  sim_time expected_key(const agent_track& a) const;
  bool eligible(agent_type_index at, call_type_index ct) const;
  agent_track& agent(agent_id id);
  call_track* call(const event& e);

  void on_assigned(const event& e);
  void on_queued(const event& e);
  void on_ready(const event& e);
  void on_state(const event& e);
  void on_terminal(const event& e);

  const tenant& config_;
  std::vector<agent_type_index> type_of_;  // agent id -> type, from the agent groups
  std::vector<agent_track> agents_;
  std::unordered_map<call_id, call_track> calls_;
  // Waiting calls ranked as the rules rank them: priority (higher first),
  // then arrival time, then arrival order.
  struct waiting_key {
    int neg_priority;
    sim_time arrived;
    std::uint64_t arrival_seq;
    call_id id;
    auto operator<=>(const waiting_key&) const = default;
  };
  std::set<waiting_key> waiting_;
  std::vector<std::uint32_t> waiting_by_type_;
  std::set<std::pair<sim_time, agent_id>> ready_;  // (our idle key, id)
  std::optional<std::uint64_t> last_seq_;
  sim_time last_at_{0};
  std::vector<stream_counts> counts_;
  std::uint64_t violation_count_ = 0;
  std::vector<std::string> messages_;
};

} // namespace ccsim::test
