#pragma once
#include <memory>
#include <optional>

#include <caf/fwd.hpp>

#include "actors/protocol/call_ticket.hpp"
#include "actors/protocol/dispatcher.hpp"
#include "actors/tenant_context.hpp"

namespace ccsim {

/// A call from arrival to end. On spawn it announces its arrival on the
/// event stream and offers itself to the dispatcher (unless `offer_self` is
/// false: then the spawner offers it, e.g. to get the verdict for an API
/// reply); `patience` and `max_wait` (if set) start its clock for leaving
/// the queue.
call_actor spawn_call(caf::actor_system& sys, std::shared_ptr<const tenant_context> ctx,
                      call_ticket ticket, dispatcher_actor dispatcher,
                      std::optional<sim_duration> patience, std::optional<sim_duration> max_wait,
                      bool offer_self = true);

} // namespace ccsim
