#include "bench/bench_scenarios.hpp"

namespace ccsim::bench {

tenant mmc_tenant(std::string name, unsigned agents, double rate_per_s) {
  tenant t;
  t.name = std::move(name);
  call_type c;
  c.name = "call";
  c.arrivals = arrival_profile::constant(rate_per_s * 3600.0);
  c.talk = {distribution_kind::exponential, 180, 0, 0};
  t.call_types.push_back(c);
  t.agent_types.push_back({"agent", {0}});
  t.agents.push_back({0, agents, std::nullopt});
  t.conversion = {{0.0}};
  return t;
}

scenario mmc_scenario(unsigned tenants, std::uint64_t warmup, std::uint64_t calls) {
  scenario s;
  s.name = "bench_mmc";
  s.seed = 1;
  s.warmup_calls = warmup;
  s.calls = calls;
  for (unsigned i = 0; i < tenants; ++i)
    s.tenants.push_back(mmc_tenant("t" + std::to_string(i), 50, 0.25));
  return s;
}

} // namespace ccsim::bench
