#pragma once
// What the live API and wallboard read about one tenant: current agents,
// calls and queues, KPIs since start and the last hour per minute. A
// subscriber of the tenant's event stream keeps it current; readers copy
// out of it under a short lock and never wait for an actor. Building it
// from events (not from the actors' private state) means the wallboard
// shows exactly what the report and the database would.
#include <array>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "domain/tenant_stats.hpp"
#include "live/engine.hpp"

namespace ccsim::live {

class tenant_view {
public:
  /// `reason_text` turns a break reason code into its text.
  tenant_view(std::shared_ptr<const tenant> config, tenant_info info,
              std::function<std::string(std::uint8_t)> reason_text);

  void apply(const std::vector<event>& batch);
  /// Registers a new agent (it may stay offline, so no event names it yet).
  void name_agent(agent_id id, std::string name, std::string type);
  void set_pending(agent_id id, bool pending);
  /// An agent removed through the API disappears from lists.
  void forget_agent(agent_id id);

  tenant_info info() const;
  tenant_snapshot snapshot(double now_s) const;
  /// The KPIs and counts of snapshot(now_s), without agents or calls.
  tenant_kpis kpis(double now_s) const;
  std::vector<agent_info> agents() const;
  std::optional<agent_info> agent(agent_id id) const;
  std::optional<call_info> call(call_id id) const;
  std::vector<event> recent(std::uint64_t after_seq) const;
  std::string describe(const event& e) const;
  /// Adds this tenant's agents per state and calls per state (waiting,
  /// ringing, talking) to the totals. Kept as counts: O(states), not O(agents).
  void count_states(std::vector<std::size_t>& agents_by_state,
                    std::vector<std::size_t>& calls_by_state) const;
  std::uint64_t version() const;

private:
  void on_event(const event& e);
  call_info& track(const event& e);
  /// The agent's entry, made (offline) if new; the state counts follow.
  agent_info& agent_entry(agent_id id);
  void set_state(agent_info& a, agent_state to);
  void set_state(call_info& c, const char* to);
  /// Drops a call from calls_ (and from the state counts).
  void erase_call(call_id id);
  std::string describe_locked(const event& e) const;

  std::shared_ptr<const tenant> config_;
  std::function<std::string(std::uint8_t)> reason_text_;
  mutable std::mutex mtx_;
  tenant_info info_;
  tenant_stats stats_;
  std::map<agent_id, agent_info> agents_;
  std::unordered_map<call_id, call_info> calls_;  // in the system, and the recently ended
  std::deque<call_id> ended_;                      // oldest first, bounded
  std::vector<std::map<call_id, sim_time>> waiting_;  // per call type: call -> arrival
  std::deque<minute_bucket> minutes_;
  std::deque<event> recent_;
  std::uint64_t version_ = 0;
  std::array<std::size_t, agent_state_count> agents_in_state_{};  // over agents_
  std::array<std::size_t, 3> calls_in_state_{};  // over calls_: waiting, ringing, talking
};

} // namespace ccsim::live
