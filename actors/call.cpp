// The call actor. Its own concern is the caller's side of the line: the
// patience clock. Everything else (routing, talking) happens to it.
//
//   spawn: (spawner announces call_arrived) offer -> dispatcher, timer = min(patience, max_wait)
//   connected (agent)  -> talking: the timer no longer matters
//   timeout (self)     -> still waiting? leave -> dispatcher (it decides: a
//                         call already assigned stays connected)
//   gone / ended       -> quit
#include "actors/call.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/runtime_config.hpp"

namespace ccsim {

namespace {

struct call_data {
  call_data() = default;  // not an aggregate: CAF would build it from the self pointer
  call_id id = 0;
  dispatcher_actor dispatcher;
  bool connected = false;
};

using call_self = call_actor::stateful_pointer<call_data>;

call_actor::behavior_type call_behavior(call_self self, std::shared_ptr<const tenant_context>,
                                        call_ticket ticket, dispatcher_actor dispatcher,
                                        std::optional<sim_duration> patience,
                                        std::optional<sim_duration> max_wait, bool offer_self) {
  auto& st = self->state;
  st.id = ticket.id;
  st.dispatcher = std::move(dispatcher);
  // Whichever comes first: the caller gives up, or the tenant turns it away.
  // Without either, nothing here depends on being connected, so the agent
  // need not say so (one message less per call).
  ticket.wants_connect = patience || max_wait;
  if (patience && (!max_wait || *patience < *max_wait))
    after(self, self, *patience, atoms::timeout_atom_v, leave_reason::abandon);
  else if (max_wait)
    after(self, self, *max_wait, atoms::timeout_atom_v, leave_reason::max_wait);
  if (offer_self) {
    ticket.caller = self;
    self->send(st.dispatcher, atoms::offer_atom_v, std::move(ticket));
  }
  return {
    [=](atoms::connected_atom, agent_id) { self->state.connected = true; },
    [=](atoms::ended_atom) { self->quit(); },
    [=](atoms::gone_atom) { self->quit(); },
    [=](atoms::timeout_atom, leave_reason why) {
      auto& st = self->state;
      if (!st.connected) self->send(st.dispatcher, atoms::leave_atom_v, st.id, why);
    },
  };
}

} // namespace

call_actor spawn_call(caf::actor_system& sys, std::shared_ptr<const tenant_context> ctx,
                      call_ticket ticket, dispatcher_actor dispatcher,
                      std::optional<sim_duration> patience, std::optional<sim_duration> max_wait,
                      bool offer_self) {
  // The arrival is announced here, by the spawner, not in the actor's init:
  // a spawned actor may first run on another thread (live mode), after the
  // spawner has already offered the call, and the stream must say
  // "arrived" before "queued" or "assigned".
  event e;
  e.kind = event_kind::call_arrived;
  e.at = ticket.arrived;
  e.call = ticket.id;
  e.type = ticket.type;
  e.arrived = ticket.arrived;
  e.counted = ticket.counted;
  ctx->log->emit(e);
  return sys.spawn(call_behavior, std::move(ctx), std::move(ticket), std::move(dispatcher),
                   patience, max_wait, offer_self);
}

} // namespace ccsim
