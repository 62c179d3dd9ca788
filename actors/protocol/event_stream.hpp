#pragma once
// The event stream of one tenant: producers append to an event_log, the bus
// actor drains it and fans immutable batches out to every subscriber
// (stats, recorder, live monitor).
#include <caf/actor.hpp>

#include "actors/protocol/atoms.hpp"
#include "actors/protocol/messages.hpp"

namespace ccsim {

/// Anything that consumes a tenant's events.
using event_subscriber = caf::typed_actor<caf::reacts_to<event_batch>>;

using event_bus_actor = caf::typed_actor<
  // event_log / runner -> bus: drain the log and publish what it holds.
  caf::reacts_to<atoms::flush_atom>,
  // anyone -> bus: deliver every later batch to this subscriber too.
  caf::reacts_to<atoms::subscribe_atom, event_subscriber>>;

} // namespace ccsim
