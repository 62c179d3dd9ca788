#include "domain/scenario.hpp"

namespace ccsim {

std::string_view to_string(idle_policy p) {
  switch (p) {
    case idle_policy::since_available: return "since_available";
    case idle_policy::since_last_call: return "since_last_call";
  }
  return "?";
}

} // namespace ccsim
