#pragma once
// The tenant the tenant_stats tests share: two call types ("sales",
// "support"), two agent types ("all" takes both, "support_only" takes
// support), fixed 60 s talk as configured (events carry their own
// durations), a conversion matrix, SL threshold 20 s.
#include <chrono>

#include "domain/scenario.hpp"

namespace ccsim::test {

inline tenant two_by_two() {
  tenant t;
  t.name = "acme";
  t.agent_types = {{"all", {0, 1}}, {"support_only", {1}}};
  call_type sales;
  sales.name = "sales";
  sales.talk = distribution{distribution_kind::fixed, 60};
  call_type support = sales;
  support.name = "support";
  t.call_types = {sales, support};
  t.conversion = {{0.3, 0.1}, {0.0, 0.05}};
  t.has_conversion = true;
  t.service_level_threshold = std::chrono::seconds(20);
  return t;
}

} // namespace ccsim::test
