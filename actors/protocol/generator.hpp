#pragma once
// The arrival generator interface.
#include "actors/protocol/atoms.hpp"
#include "actors/protocol/call_ticket.hpp"

namespace ccsim {

/// Creates a tenant's scenario traffic: one Poisson stream per call type,
/// each call a new call actor with its durations drawn at arrival.
using generator_actor = caf::typed_actor<
  // tenant -> generator: schedule the first arrival of every call type.
  caf::reacts_to<atoms::start_atom>,
  // generator -> itself: a call of this type arrives now.
  caf::reacts_to<atoms::arrive_atom, call_type_index>,
  // owner -> generator: pause (true) or resume arrivals; the Poisson clock
  // keeps running, calls due while paused are simply not created.
  caf::reacts_to<atoms::pause_atom, bool>,
  // owner -> generator: no more arrivals; quit.
  caf::reacts_to<atoms::stop_atom>>;

} // namespace ccsim
