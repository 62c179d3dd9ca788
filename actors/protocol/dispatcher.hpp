#pragma once
// The dispatcher interface: the only place where a tenant's waiting calls
// meet its idle agents.
#include "actors/protocol/agent.hpp"
#include "actors/protocol/call_ticket.hpp"
#include "actors/protocol/messages.hpp"

namespace ccsim {

using dispatcher_actor = caf::typed_actor<
  // owner -> dispatcher: shut down; calls still waiting end with it.
  caf::reacts_to<atoms::stop_atom>,
  // tenant -> dispatcher: this id is this agent (sent before the agent starts).
  caf::reacts_to<atoms::register_atom, agent_id, agent_actor>,
  // call -> dispatcher: find me an agent. Assigned, queued or rejected (the
  // call hears `gone` when rejected).
  caf::reacts_to<atoms::offer_atom, call_ticket>,
  // live tenant -> dispatcher: the same, answering with the verdict.
  caf::replies_to<atoms::offer_atom, call_ticket, atoms::query_atom>::with<dispatch_verdict>,
  // live tenant -> dispatcher: cancel a waiting call; true if it was waiting.
  caf::replies_to<atoms::leave_atom, call_id, leave_reason, atoms::query_atom>::with<bool>,
  // agent -> dispatcher: I am idle since `idle_key` (under the tenant's idle
  // policy) and may take work.
  caf::reacts_to<atoms::idle_atom, agent_id, agent_type_index, sim_time>,
  // agent -> dispatcher: I am no longer available (break, logout).
  caf::reacts_to<atoms::withdraw_atom, agent_id>,
  // agent -> dispatcher: I cannot take this call after all; dispatch it again.
  caf::reacts_to<atoms::refuse_atom, agent_id, call_ticket>,
  // call -> dispatcher: take me out of the queue (abandon, max wait, cancel).
  caf::reacts_to<atoms::leave_atom, call_id, leave_reason>>;

} // namespace ccsim
