#pragma once
// The project's only type-ID block and atoms. Add new entries at the end.
#include <caf/atom.hpp>
#include <caf/type_id.hpp>

#include "actors/protocol/atoms.hpp"
#include "actors/protocol/messages.hpp"
#include "actors/protocol/call_ticket.hpp"
#include "actors/protocol/errc.hpp"

CAF_BEGIN_TYPE_ID_BLOCK(ccsim, caf::first_custom_type_id)
  CAF_ADD_TYPE_ID(ccsim, (ccsim::event_batch))
  CAF_ADD_TYPE_ID(ccsim, (ccsim::call_ticket))
  CAF_ADD_TYPE_ID(ccsim, (ccsim::reject_reason))
  CAF_ADD_TYPE_ID(ccsim, (ccsim::leave_reason))
  CAF_ADD_TYPE_ID(ccsim, (ccsim::dispatch_verdict))
  CAF_ADD_TYPE_ID(ccsim, (ccsim::agent_reply))
  CAF_ADD_TYPE_ID(ccsim, (ccsim::agent_order))
  CAF_ADD_TYPE_ID(ccsim, (ccsim::agent_state))
  CAF_ADD_TYPE_ID(ccsim, (ccsim::errc))
CAF_END_TYPE_ID_BLOCK(ccsim)

namespace caf { class actor_system_config; }

namespace ccsim {
/// Registers the block with a config; the app and every test fixture call it.
void register_types(caf::actor_system_config& cfg);
} // namespace ccsim
