#include "actors/tenant_context.hpp"

#include <algorithm>

namespace ccsim {

std::uint8_t tenant_context::break_reason_code(const std::string& reason) {
  auto it = std::find(break_reasons.begin(), break_reasons.end(), reason);
  if (it != break_reasons.end()) return static_cast<std::uint8_t>(it - break_reasons.begin());
  if (break_reasons.size() >= 255) return 0;  // out of codes: plain "break"
  break_reasons.push_back(reason);
  return static_cast<std::uint8_t>(break_reasons.size() - 1);
}

std::uint8_t tenant_context::find_break_reason(const std::string& reason) const {
  auto it = std::find(break_reasons.begin(), break_reasons.end(), reason);
  return it == break_reasons.end() ? 0 : static_cast<std::uint8_t>(it - break_reasons.begin());
}

} // namespace ccsim
