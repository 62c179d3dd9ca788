#pragma once
// The tenant interface.
#include "actors/protocol/atoms.hpp"
#include "actors/protocol/event_stream.hpp"

namespace ccsim {

/// Owns one tenant's actors: event bus, dispatcher, agents and arrival
/// generator. Tenants share nothing, so each can run in its own actor system.
using tenant_actor = caf::typed_actor<
  // owner -> tenant: agents begin their shifts, arrivals begin.
  caf::reacts_to<atoms::start_atom>,
  // owner -> tenant: publish all events emitted so far to the subscribers.
  caf::reacts_to<atoms::flush_atom>,
  // owner -> tenant: flush, stop every actor of the tenant, quit.
  caf::reacts_to<atoms::stop_atom>>;

} // namespace ccsim
