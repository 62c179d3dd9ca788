#pragma once
// A tenant definition from the API (JSON) -> domain::tenant, validated as
// strictly as a scenario file. Every problem names its field path.
//
//   {"name": "acme", "service_level_seconds": 20, "service_level_target": 0.8,
//    "idle_policy": "since_available", "max_queue": 100,
//    "call_types": [{"name": "sales", "priority": 1,
//                    "talk": {"dist": "normal", "mean": 180, "sd": 60, "min": 0},
//                    "wrap_up": {"dist": "fixed", "mean": 10},
//                    "patience": {"dist": "exponential", "mean": 120},
//                    "max_queue": 50, "max_wait": 600}],
//    "agent_types": [{"name": "rep", "skills": ["sales"]}],
//    "agents": [{"type": "rep", "count": 5}],
//    "conversion": {"rep": {"sales": 0.2}}}
#include <string_view>
#include <variant>

#include <boost/json/object.hpp>

#include "domain/scenario.hpp"
#include "web/errors.hpp"

namespace ccsim::web {

/// Tenant names appear in URLs: 1 to 64 of [A-Za-z0-9_-].
bool is_valid_tenant_name(std::string_view name);

/// 400 for shape problems (missing field, wrong type, unknown field), 422
/// for values out of range or unknown references; the detail lists them all.
std::variant<tenant, api_error> tenant_from_json(const boost::json::object& body);

/// How many agents a definition may create at once.
inline constexpr std::int64_t max_agents_per_group = 100000;

} // namespace ccsim::web
