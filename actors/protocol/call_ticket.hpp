#pragma once
// The call interface, and the ticket that represents a call on its way
// through dispatcher and agent.
#include <cstdint>

#include "actors/protocol/atoms.hpp"
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "domain/event.hpp"
#include "domain/ids.hpp"
#include "domain/time.hpp"

namespace ccsim {

/// Why a waiting caller leaves the queue.
enum class leave_reason : std::uint8_t {
  abandon,   ///< patience ran out
  max_wait,  ///< the tenant's max wait for the call type passed
  cancel,    ///< cancelled through the API
};

/// One call from arrival to end: it waits for an agent, may run out of
/// patience, and ends when the agent hangs up.
///
///   spawn --offer--> dispatcher
///     <-- connected (agent) ......... talking; patience no longer matters
///     <-- ended (agent) ............. quit
///   timeout (self) --leave--> dispatcher
///     <-- gone (dispatcher) ......... abandoned/rejected: quit
using call_actor = caf::typed_actor<
  // agent -> call: the agent took the call; talk begins.
  caf::reacts_to<atoms::connected_atom, agent_id>,
  // agent -> call: conversation over.
  caf::reacts_to<atoms::ended_atom>,
  // dispatcher -> call: you left (abandoned, rejected or cancelled); quit.
  caf::reacts_to<atoms::gone_atom>,
  // call -> itself: patience or max wait ran out.
  caf::reacts_to<atoms::timeout_atom, leave_reason>>;

/// Everything dispatcher and agent need to know of a call. Durations and
/// the qualification draw are fixed at arrival, so which agent takes the
/// call does not change the random stream (common random numbers).
struct call_ticket {
  call_id id = 0;
  call_type_index type = 0;
  sim_time arrived{0};
  std::uint64_t order = 0;      ///< FIFO position, assigned by the dispatcher
  sim_duration talk{0};
  sim_duration wrap{0};
  double qualify_draw = 1.0;    ///< uniform [0,1): OK if below the matrix cell
  bool counted = true;          ///< arrived after the warm-up
  bool has_order = false;       ///< re-offered: keep `order`
  bool wants_connect = false;   ///< the call has a patience/max-wait timer to stop
  call_actor caller;            ///< may be null in unit tests
  std::int64_t accepted_ns = 0; ///< live mode: steady-clock time the call was accepted (latency)
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, call_ticket& x) {
  return f(caf::meta::type_name("ccsim::call_ticket"), x.id, x.type, x.arrived, x.order, x.talk,
           x.wrap, x.qualify_draw, x.counted, x.has_order, x.wants_connect, x.caller, x.accepted_ns);
}

} // namespace ccsim
