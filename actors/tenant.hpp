#pragma once
#include <memory>
#include <vector>

#include <caf/fwd.hpp>

#include "actors/protocol/event_stream.hpp"
#include "actors/protocol/tenant.hpp"
#include "actors/tenant_context.hpp"

namespace ccsim {

/// Builds the shared context of a tenant: its config, an event log that asks
/// for a flush every `notify_after` events, and the break reason codes of
/// every shift.
std::shared_ptr<tenant_context> make_tenant_context(tenant_index index,
                                                    std::shared_ptr<const tenant> config,
                                                    std::size_t notify_after,
                                                    bool single_threaded = false);

struct tenant_setup {
  std::shared_ptr<const tenant_context> ctx;
  arrival_plan plan;
  /// Receive every event batch, in this order (stats first by convention).
  std::vector<event_subscriber> subscribers;
};

/// Spawns the tenant and all its actors. Agents get ids 0..N-1 in the order
/// of the tenant's agent groups. Nothing moves until `start`.
tenant_actor spawn_tenant(caf::actor_system& sys, tenant_setup setup);

} // namespace ccsim
