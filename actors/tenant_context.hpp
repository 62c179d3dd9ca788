#pragma once
// What every actor of one tenant shares: the tenant's configuration (read
// only), its index, its event log, its break reasons and, in live mode,
// the dispatch latency histogram.
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "actors/event_log.hpp"
#include "domain/latency_histogram.hpp"
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

/// Break reason texts; events carry a one-byte code (0 = "break"). Live
/// mode adds reasons at run time, so access is locked.
class break_reason_registry {
public:
  /// The code of a reason, added if new (255 codes at most; then 0).
  std::uint8_t code(const std::string& reason);
  std::string text(std::uint8_t code) const;
  /// Every reason known so far; the index is the code.
  std::vector<std::string> texts() const;

private:
  mutable std::mutex mtx_;
  std::vector<std::string> texts_{"break"};
};

struct tenant_context {
  tenant_index index = 0;
  std::shared_ptr<const tenant> config;
  std::shared_ptr<event_log> log;
  std::shared_ptr<break_reason_registry> reasons = std::make_shared<break_reason_registry>();
  /// Live mode: wall-clock latency from call accepted to dispatch decision.
  std::shared_ptr<latency_histogram> latency;
};

} // namespace ccsim
