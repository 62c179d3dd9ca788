#pragma once
#include <memory>

#include <caf/fwd.hpp>

#include "actors/protocol/dispatcher.hpp"
#include "actors/protocol/generator.hpp"
#include "actors/tenant_context.hpp"

namespace ccsim {

generator_actor spawn_generator(caf::actor_system& sys, std::shared_ptr<const tenant_context> ctx,
                                arrival_plan plan, dispatcher_actor dispatcher);

} // namespace ccsim
