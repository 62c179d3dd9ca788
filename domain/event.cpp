#include "domain/event.hpp"

namespace ccsim {

std::string_view to_string(event_kind k) {
  switch (k) {
    case event_kind::call_arrived: return "call_arrived";
    case event_kind::call_queued: return "call_queued";
    case event_kind::call_assigned: return "call_assigned";
    case event_kind::call_refused: return "call_refused";
    case event_kind::call_answered: return "call_answered";
    case event_kind::call_ended: return "call_ended";
    case event_kind::call_abandoned: return "call_abandoned";
    case event_kind::call_rejected: return "call_rejected";
    case event_kind::agent_state_changed: return "agent_state_changed";
    case event_kind::agent_ready: return "agent_ready";
    case event_kind::agent_withdrawn: return "agent_withdrawn";
  }
  return "?";
}

std::string_view to_string(reject_reason r) {
  switch (r) {
    case reject_reason::none: return "none";
    case reject_reason::queue_full: return "queue_full";
    case reject_reason::tenant_queue_full: return "tenant_queue_full";
    case reject_reason::max_wait: return "max_wait";
  }
  return "?";
}

std::string_view to_string(qualification q) {
  switch (q) {
    case qualification::none: return "none";
    case qualification::ok: return "ok";
    case qualification::ko: return "ko";
  }
  return "?";
}

} // namespace ccsim
