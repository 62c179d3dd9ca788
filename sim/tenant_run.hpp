#pragma once
// Runs one tenant of one replication as a discrete-event simulation: its own
// actor system on CAF's test coordinator, whose clock jumps from one pending
// timer to the next. The actors are the same ones live mode runs on the wall
// clock; only the scheduler differs.
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include <caf/fwd.hpp>

#include "actors/protocol/event_stream.hpp"
#include "domain/event.hpp"
#include "domain/report.hpp"
#include "domain/scenario.hpp"
#include "domain/tenant_stats.hpp"

namespace ccsim {

/// Live counters one run publishes for progress displays (any thread may read).
struct run_progress {
  std::atomic<std::int64_t> sim_ns{0};
  std::atomic<std::uint64_t> arrivals{0};
  std::atomic<bool> done{false};
};

struct tenant_run_options {
  std::uint64_t replication_seed = 1;
  /// Receives every event batch after the stats (tests, tools). Runs on the
  /// simulation thread: keep it cheap.
  std::function<void(const std::vector<event>&)> observer;
  /// Spawns more subscribers in the tenant's actor system (e.g. a recorder);
  /// they get every batch after the stats, and an exit when the run is over.
  std::function<std::vector<event_subscriber>(caf::actor_system&)> subscribers;
  const std::atomic<bool>* cancel = nullptr;  ///< set: stop at the next check
  run_progress* progress = nullptr;
  std::size_t batch_events = 8192;  ///< events per flush to the subscribers
};

struct tenant_result {
  tenant_report report;
  std::vector<call_tally> call_types;  ///< per call type, for merging
  call_tally total;
  double busy_area = 0;    ///< agent-seconds busy in the window
  double logged_area = 0;  ///< agent-seconds logged in in the window
  sim_time end{0};         ///< simulated time when the run stopped
  std::uint64_t events = 0;
  std::uint64_t arrivals = 0;  ///< calls created, warm-up included
  bool interrupted = false;
};

/// The tenant's seed in a replication: independent streams per tenant.
std::uint64_t tenant_seed(std::uint64_t replication_seed, tenant_index tenant);

tenant_result run_tenant(const scenario& s, tenant_index tenant, const tenant_run_options& opts);

} // namespace ccsim
