#include "actors/protocol/errc.hpp"

namespace ccsim {

std::string to_string(errc e) {
  switch (e) {
    case errc::unknown_agent: return "unknown_agent";
    case errc::unknown_call: return "unknown_call";
    case errc::unknown_call_type: return "unknown_call_type";
    case errc::unknown_agent_type: return "unknown_agent_type";
    case errc::illegal_transition: return "illegal_transition";
    case errc::agent_busy: return "agent_busy";
    case errc::not_waiting: return "not_waiting";
    case errc::not_talking: return "not_talking";
  }
  return "unknown_error";
}

} // namespace ccsim
