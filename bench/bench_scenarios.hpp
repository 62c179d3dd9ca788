#pragma once
// The benchmark models, built in code so the benchmark does not depend on
// the TOML reader. They mirror scenarios/bench_mmc.toml.
#include "domain/scenario.hpp"

namespace ccsim::bench {

/// One tenant: `agents` agents, Poisson arrivals at `rate_per_s`,
/// exponential talk with mean 180 s, no wrap-up, no abandonment.
tenant mmc_tenant(std::string name, unsigned agents, double rate_per_s);

/// `tenants` copies of the M/M/50 model (load 0.9), `warmup` calls then
/// `calls` counted per tenant.
scenario mmc_scenario(unsigned tenants, std::uint64_t warmup, std::uint64_t calls);

} // namespace ccsim::bench
