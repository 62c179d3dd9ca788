#pragma once
// The one event schema. Every state change in a tenant is one `event`; the
// stats aggregator, the SQLite recorder and the live monitor all consume the
// same stream, so reports, database and wallboard cannot disagree.
//
// A flat, trivially copyable struct (not a variant): events are produced at
// millions per second and batched into vectors, so they must be cheap to
// copy and to store.
#include <cstdint>
#include <string_view>

#include "domain/agent_state.hpp"
#include "domain/ids.hpp"
#include "domain/time.hpp"

namespace ccsim {

enum class event_kind : std::uint8_t {
  call_arrived,     ///< a call entered the tenant (call, call_type, priority)
  call_queued,      ///< no eligible agent was idle: it waits (queue_length after)
  call_assigned,    ///< dispatcher reserved `agent` for the call (wait so far in `duration`)
  call_refused,     ///< the reserved agent refused (logged out meanwhile): re-dispatched
  call_answered,    ///< the agent took it: talk begins
  call_ended,       ///< talk ended (talk in `duration`, wrap-up in `duration2`, qualification)
  call_abandoned,   ///< the caller hung up while waiting (wait in `duration`)
  call_rejected,    ///< saturation: never queued or removed from the queue (reason)
  agent_state_changed, ///< agent moved from `from` to `to` (break reason code in `reason`)
  agent_ready,      ///< dispatcher registered `agent` as idle (it may now be chosen)
  agent_withdrawn,  ///< dispatcher removed an idle `agent` (break/logout while idle)
};
inline constexpr int event_kind_count = 11;
std::string_view to_string(event_kind k);

enum class reject_reason : std::uint8_t {
  none,
  queue_full,         ///< the call type's max_queue was reached
  tenant_queue_full,  ///< the tenant's max_queue was reached
  max_wait,           ///< waited max_wait without an agent
};
inline constexpr int reject_reason_count = 4;
std::string_view to_string(reject_reason r);

enum class qualification : std::uint8_t { none, ok, ko };
std::string_view to_string(qualification q);

struct event {
  sim_time at{0};             ///< simulated time since the scenario start
  event_kind kind = event_kind::call_arrived;
  std::uint64_t seq = 0;      ///< position in the tenant's stream (total order)
  call_id call = 0;           ///< 0 for agent-only events
  sim_duration duration{0};   ///< wait, talk: see event_kind
  sim_duration duration2{0};  ///< wrap-up for call_ended
  sim_time arrived{0};        ///< the call's arrival time (call events)
  agent_id agent = no_agent;
  tenant_index tenant = 0;
  std::uint32_t queue_length = 0;  ///< call_queued: waiting calls of this type after it
  call_type_index type = 0;
  agent_type_index agent_type = 0;
  agent_state from = agent_state::offline;
  agent_state to = agent_state::offline;
  reject_reason reason = reject_reason::none;
  qualification result = qualification::none;
  std::uint8_t break_reason = 0;   ///< index into the tenant's break reasons (0 = none)
  bool counted = true;  ///< false for calls that arrived during the warm-up
};

} // namespace ccsim
