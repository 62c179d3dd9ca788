#pragma once
// Identifiers shared by every layer. Plain integers: they cross actor
// messages, SQL rows and JSON without ceremony.
#include <cstdint>
#include <limits>

namespace ccsim {

using tenant_index = std::uint32_t;     ///< position in scenario::tenants
using agent_id = std::uint32_t;         ///< unique within a tenant
using call_id = std::uint64_t;          ///< unique within a tenant and run
using call_type_index = std::uint16_t;  ///< position in tenant::call_types
using agent_type_index = std::uint16_t; ///< position in tenant::agent_types

inline constexpr agent_id no_agent = std::numeric_limits<agent_id>::max();

} // namespace ccsim
