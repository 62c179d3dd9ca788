#pragma once
// A virtual-time actor system for protocol tests (caf-0.17-guide.md §8):
// CAF's test coordinator runs every actor on this thread and jumps the clock
// from one timer to the next, so tests are exact and nothing sleeps.
//
// Tests talk to the real dispatcher, agents and calls through their typed
// interfaces only, and read what happened from the tenant's event log. A
// "fake caller" stands in for a call actor where a test wants to see exactly
// which messages a caller receives.
#include <caf/actor_system.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "actors/agent.hpp"
#include "actors/call.hpp"
#include "actors/dispatcher.hpp"
#include "actors/runtime_config.hpp"
#include "actors/tenant_context.hpp"
#include "domain/event.hpp"
#include "domain/scenario.hpp"

namespace ccsim::test {

/// What a fake caller has been told, in order.
struct caller_log {
  std::vector<agent_id> connected;  ///< one entry per `connected`
  int ended = 0;
  int gone = 0;
};

/// One call type "sales" (and optionally more), one agent type "rep" that
/// takes every call type; no conversion matrix.
tenant simple_tenant(std::size_t call_types = 1);

class actor_fixture {
public:
  actor_fixture();
  ~actor_fixture();
  actor_fixture(const actor_fixture&) = delete;
  actor_fixture& operator=(const actor_fixture&) = delete;

  /// Sets the tenant all actors share; spawns its dispatcher. Call first.
  void use(tenant t);
  const tenant& config() const { return *ctx_->config; }
  /// Break reason code for a reason text (registered on first use).
  std::uint8_t break_code(const std::string& reason) { return ctx_->reasons->code(reason); }

  /// Spawns an agent, registers it with the dispatcher and starts it.
  agent_actor add_agent(agent_id id, agent_type_index type = 0,
                        std::optional<shift> hours = std::nullopt,
                        std::vector<std::uint8_t> break_codes = {});

  /// A ticket for a call arriving now.
  call_ticket ticket(call_id id, sim_duration talk, call_type_index type = 0,
                     sim_duration wrap = sim_duration::zero(), double qualify_draw = 0.5) const;
  /// Spawns a real call actor (it announces itself and offers itself).
  call_actor spawn_call(call_ticket t, std::optional<sim_duration> patience = std::nullopt,
                        std::optional<sim_duration> max_wait = std::nullopt);
  /// Spawns a caller that only records what it receives.
  call_actor fake_caller(std::shared_ptr<caller_log> log);
  /// Offers a ticket to the dispatcher as a call would (no arrival event).
  void offer(call_ticket t);

  /// Runs `action` (on the simulation thread) at simulated time `t`.
  void at(sim_time t, std::function<void()> action);

  /// Runs messages and timers up to and including simulated time `t`.
  void run_until(sim_time t);
  /// Runs until no message and no timer is left.
  void run_all();
  /// Simulated time now.
  sim_time now() const;

  /// Every event emitted so far, in stream order.
  const std::vector<event>& events();
  /// The events of one kind (optionally only those of one call or agent).
  std::vector<event> events_of(event_kind kind, std::optional<call_id> call = std::nullopt,
                               std::optional<agent_id> agent = std::nullopt);
  /// (time, from, to) of one agent's state changes.
  std::vector<event> state_changes(agent_id agent);

  dispatcher_actor dispatcher;
  caf::actor_system& system() { return sys_; }
  caf::scheduler::test_coordinator& scheduler() { return sched_; }

private:
  static runtime_config& prepare(runtime_config& cfg);
  void keep(const caf::actor& a) { spawned_.push_back(a); }

  runtime_config cfg_;
  caf::actor_system sys_;
  caf::scheduler::test_coordinator& sched_;
  std::shared_ptr<tenant_context> ctx_;
  std::vector<caf::actor> spawned_;  // every actor, so that all quit at the end
  std::vector<event> events_;
};

} // namespace ccsim::test
