#pragma once
// The reference point for the engine benchmark: a minimal hand-written,
// single-threaded discrete-event simulation of the same M/M/c model (one
// binary heap of events, no actors, no event stream). It is the physical
// limit for this model on this machine; ccsim's rate is quoted as a ratio
// to it.
#include <cstdint>

namespace ccsim::bench {

struct mmc_result {
  std::uint64_t calls = 0;   ///< counted calls completed
  double mean_wait_s = 0;    ///< sanity check against Erlang C
};

/// `servers` agents, Poisson arrivals at `rate_per_s`, exponential service
/// with mean `service_s`; `warmup` calls, then `calls` counted.
mmc_result run_mmc_reference(unsigned servers, double rate_per_s, double service_s,
                             std::uint64_t warmup, std::uint64_t calls, std::uint64_t seed);

} // namespace ccsim::bench
