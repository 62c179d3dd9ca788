#include "domain/agent_state.hpp"

namespace ccsim {

std::string_view to_string(agent_state s) {
  switch (s) {
    case agent_state::offline: return "offline";
    case agent_state::available: return "available";
    case agent_state::reserved: return "reserved";
    case agent_state::on_call: return "on_call";
    case agent_state::wrap_up: return "wrap_up";
    case agent_state::on_break: return "break";
  }
  return "?";
}

std::optional<agent_state> agent_state_from_string(std::string_view s) {
  for (int i = 0; i < agent_state_count; ++i)
    if (to_string(static_cast<agent_state>(i)) == s) return static_cast<agent_state>(i);
  return std::nullopt;
}

bool is_legal_transition(agent_state from, agent_state to) {
  using enum agent_state;
  switch (from) {
    case offline: return to == available;
    case available: return to == reserved || to == on_break || to == offline;
    case reserved: return to == on_call || to == available;  // available: refused / ring timeout
    // Without after-call work the agent goes straight on (idle, break, offline).
    case on_call: return to == wrap_up || to == available || to == on_break || to == offline;
    case wrap_up: return to == available || to == on_break || to == offline;
    case on_break: return to == available || to == offline;
  }
  return false;
}

} // namespace ccsim
