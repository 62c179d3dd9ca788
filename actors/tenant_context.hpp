#pragma once
// What every actor of one tenant shares: the tenant's configuration (read
// only), its index and its event log.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/event_log.hpp"
#include "domain/scenario.hpp"

namespace ccsim {

/// Per-run settings of the arrival generator.
struct arrival_plan {
  std::uint64_t seed = 1;                    ///< the tenant's seed (streams derive from it)
  std::optional<sim_time> horizon;           ///< no arrivals after this
  std::optional<std::uint64_t> calls;        ///< stop after this many counted calls
  sim_duration warmup{0};                    ///< arrivals before this are not counted
  std::optional<std::uint64_t> warmup_calls; ///< or: the first N arrivals are not counted
};

struct tenant_context {
  tenant_index index = 0;
  std::shared_ptr<const tenant> config;
  std::shared_ptr<event_log> log;
  /// Break reason texts; events carry the index (0 = "break").
  std::vector<std::string> break_reasons{"break"};

  /// Index of a break reason (added if new). Not thread-safe: call before spawning.
  std::uint8_t break_reason_code(const std::string& reason);
  /// Index of a known break reason; 0 ("break") if unknown.
  std::uint8_t find_break_reason(const std::string& reason) const;
};

} // namespace ccsim
