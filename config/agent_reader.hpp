#pragma once
// Reads agent types ([tenants.NAME.agent_types.TYPE] skills = [...]) and
// agent groups ([[tenants.NAME.agents]] type, count, shift).
#include <string_view>
#include <vector>

#include "config/toml_reader.hpp"
#include "domain/scenario.hpp"

namespace ccsim::config_detail {

struct agent_type_read {
  agent_type type;
  bool references_ok = true;  ///< every skill named a known call type
};

/// Always returns the type (its name is valid even when the skills are not).
agent_type_read read_agent_type(reader& r, const entry& e,
                                const std::vector<std::string_view>& call_type_names);

struct agent_group_read {
  agent_group group;
  bool type_ok = false;  ///< `type` named a known agent type
};

agent_group_read read_agent_group(reader& r, const toml::node& n, const std::string& path,
                                  const std::vector<std::string_view>& agent_type_names);

/// Agents per group at most: far above any real team, low enough that a
/// typo ("count = 5000000") is caught before it exhausts memory.
inline constexpr std::int64_t max_group_size = 100000;

} // namespace ccsim::config_detail
