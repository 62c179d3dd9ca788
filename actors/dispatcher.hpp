#pragma once
#include <memory>

#include <caf/fwd.hpp>

#include "actors/protocol/dispatcher.hpp"
#include "actors/tenant_context.hpp"

namespace ccsim {

/// Spawns the dispatcher of one tenant (longest-idle routing, FIFO within
/// priority, saturation limits from the tenant's configuration).
dispatcher_actor spawn_dispatcher(caf::actor_system& sys, std::shared_ptr<const tenant_context> ctx);

} // namespace ccsim
