#pragma once
#include <memory>
#include <optional>
#include <vector>

#include <caf/fwd.hpp>

#include "actors/protocol/agent.hpp"
#include "actors/protocol/dispatcher.hpp"
#include "actors/tenant_context.hpp"

namespace ccsim {

struct agent_setup {
  agent_id id = 0;
  agent_type_index type = 0;
  std::optional<shift> hours;               ///< none: logged in all run long
  std::vector<std::uint8_t> break_codes;    ///< reason code per shift break
};

/// Spawns an agent. It does nothing until it receives `start`, so that the
/// tenant can register it with the dispatcher first.
agent_actor spawn_agent(caf::actor_system& sys, std::shared_ptr<const tenant_context> ctx,
                        agent_setup setup, dispatcher_actor dispatcher);

} // namespace ccsim
