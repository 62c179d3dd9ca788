#pragma once
// The tenant interface.
#include <string>

#include "actors/protocol/atoms.hpp"
#include "actors/protocol/event_stream.hpp"
#include "actors/protocol/messages.hpp"
#include "domain/ids.hpp"
#include "domain/time.hpp"

namespace ccsim {

/// Owns one tenant's actors: event bus, dispatcher, agents and arrival
/// generator. Tenants share nothing, so each can run in its own actor system.
using tenant_actor = caf::typed_actor<
  // owner -> tenant: agents begin their shifts, arrivals begin.
  caf::reacts_to<atoms::start_atom>,
  // owner -> tenant: publish all events emitted so far to the subscribers.
  caf::reacts_to<atoms::flush_atom>,
  // owner -> tenant: flush, stop every actor of the tenant, quit.
  caf::reacts_to<atoms::stop_atom>,
  // owner -> tenant: pause or resume scenario arrivals.
  caf::reacts_to<atoms::pause_atom, bool>,
  // API -> tenant: a new agent of this type, logged in if true; its id.
  caf::replies_to<atoms::new_agent_atom, agent_type_index, bool>::with<agent_id>,
  // API -> tenant: a new inbound call of this type, accepted at the given
  // steady-clock time (ns, for latency); talk/patience override the call
  // type's draws when >= 0 (patience 0: never hangs up). The dispatcher's verdict.
  caf::replies_to<atoms::new_call_atom, call_type_index, sim_duration, sim_duration,
                  std::int64_t>::with<dispatch_verdict>,
  // API -> tenant: order an agent (break reason text for take_break).
  caf::replies_to<atoms::command_atom, agent_id, agent_order, std::string>::with<agent_reply>,
  // API -> tenant: end a call's conversation now (the agent handling it).
  caf::replies_to<atoms::hangup_atom, agent_id, call_id>::with<bool>,
  // API -> tenant: remove an offline agent.
  caf::replies_to<atoms::remove_atom, agent_id>::with<bool>,
  // API -> tenant: cancel a waiting call; true if it was waiting.
  caf::replies_to<atoms::leave_atom, call_id, atoms::query_atom>::with<bool>>;

} // namespace ccsim
