#pragma once
// The agent state machine. Only legal transitions are accepted; everything
// else is a caller bug or a client mistake and is refused, not coerced.
//
//            login                 reserve            answer
//  offline ---------> available ----------> reserved -------> on_call
//     ^   <--logout--   |  ^  \                 |  refuse/       |
//     |                 |  |   \ take_break     v  timeout       | hang up
//     |   logout        |  |    v          available             v
//     +-------------- break  +----- wrap_up <----------------- (wrap_up)
//                   end_break         end_wrap
#include <optional>
#include <string_view>

namespace ccsim {

enum class agent_state : std::uint8_t { offline, available, reserved, on_call, wrap_up, on_break };
inline constexpr int agent_state_count = 6;

/// "offline", "available", "reserved", "on_call", "wrap_up", "break".
std::string_view to_string(agent_state s);
std::optional<agent_state> agent_state_from_string(std::string_view s);

/// True if an agent may move directly from `from` to `to`.
bool is_legal_transition(agent_state from, agent_state to);

/// Busy for occupancy: working a call (reserved, on call or in wrap-up).
constexpr bool is_busy(agent_state s) {
  return s == agent_state::reserved || s == agent_state::on_call || s == agent_state::wrap_up;
}
/// Logged in (counts in the occupancy denominator): anything but offline.
/// Breaks count as logged in but not busy, as most ACDs report it.
constexpr bool is_logged_in(agent_state s) { return s != agent_state::offline; }

} // namespace ccsim
