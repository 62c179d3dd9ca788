#pragma once
// Message payloads that are not domain types. Plain structs with `inspect`
// so CAF can put them in messages.
#include <memory>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <caf/typed_actor.hpp>
#include <caf/replies_to.hpp>

#include "domain/agent_state.hpp"
#include "domain/event.hpp"
#include "domain/ids.hpp"
#include "domain/time.hpp"

namespace ccsim {

/// A batch of events, shared immutably among all subscribers of a tenant's
/// stream. Local only: it is never serialized, so `inspect` names the type
/// and nothing else.
struct event_batch {
  std::shared_ptr<const std::vector<event>> events;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, event_batch&) {
  return f(caf::meta::type_name("ccsim::event_batch"));
}

/// The dispatcher's verdict on one offer (live mode asks for it).
struct dispatch_verdict {
  call_id call = 0;
  std::uint8_t what = 0;  ///< admission::verdict: 0 assigned, 1 queued, 2 rejected
  agent_id agent = no_agent;
  reject_reason reason = reject_reason::none;
  std::uint32_t queue_length = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, dispatch_verdict& x) {
  return f(caf::meta::type_name("ccsim::dispatch_verdict"), x.call, x.what, x.agent, x.reason,
           x.queue_length);
}

/// An agent's answer to a command from the API.
struct agent_reply {
  agent_id agent = no_agent;
  agent_state state = agent_state::offline;
  bool pending = false;  ///< the command waits for the current call to end
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, agent_reply& x) {
  return f(caf::meta::type_name("ccsim::agent_reply"), x.agent, x.state, x.pending);
}

/// What the API may ask an agent to do.
enum class agent_order : std::uint8_t { login, logout, available, take_break };

} // namespace ccsim
