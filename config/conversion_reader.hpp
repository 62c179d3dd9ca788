#pragma once
// Reads [tenants.NAME.conversion]: per agent type, the probability that a
// call of each call type it takes qualifies OK.
#include "config/toml_reader.hpp"
#include "domain/scenario.hpp"

namespace ccsim::config_detail {

/// Fills `t.conversion` (agent types x call types, 0 where there is no
/// skill) and sets `t.has_conversion`. The table must be complete: one cell
/// for every skill of every agent type, and none elsewhere, so a forgotten
/// cell can never silently read as 0.
void read_conversion(reader& r, const toml::table& table, const std::string& path, tenant& t);

} // namespace ccsim::config_detail
