#pragma once
// Reads one [tenants.NAME] table with its call types, agent types, agent
// groups and conversion matrix, and checks that they fit together.
#include "config/toml_reader.hpp"
#include "domain/scenario.hpp"

namespace ccsim::config_detail {

struct run_end {
  /// No duration: the run ends once `calls` calls are counted and the calls
  /// in the system are done, so arrivals must not stop and every call must
  /// be able to leave.
  bool by_calls_only = false;
  /// A recorded live session (scenario::live_session): a call type may have
  /// rate_per_hour = 0, a tenant `agents = []`, and no call type has to be staffed.
  bool live_session = false;
};

tenant read_tenant(reader& r, const entry& e, run_end end);

} // namespace ccsim::config_detail
