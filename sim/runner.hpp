#pragma once
// Runs a scenario: every (replication, tenant) pair is an independent job
// with its own actor system, spread over worker threads. Results are stored
// by index and merged in a fixed order, so the thread count never changes
// the report.
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "domain/report.hpp"
#include "domain/scenario.hpp"
#include "sim/tenant_run.hpp"

namespace ccsim {

struct run_request {
  std::uint64_t seed = 1;
  unsigned replications = 1;
  unsigned threads = 0;  ///< 0: one per core
  const std::atomic<bool>* cancel = nullptr;
  /// Called with (replication, tenant, batch) for every event batch; may run
  /// on any worker thread, concurrently for different jobs.
  std::function<void(unsigned, tenant_index, const std::vector<event>&)> observer;
  /// Extra subscribers per job, spawned in that job's actor system, given
  /// (system, replication, tenant).
  std::function<std::vector<event_subscriber>(caf::actor_system&, unsigned, tenant_index)> subscribers;
};

/// Live progress of a whole run (one entry per job).
struct run_status {
  std::vector<run_progress> jobs;
  explicit run_status(std::size_t n) : jobs(n) {}
};

struct run_outcome {
  std::vector<run_report> replications;  ///< in replication order
  bool interrupted = false;
  std::size_t jobs_finished = 0;   ///< jobs that ran to their end
  std::uint64_t events = 0;        ///< over all jobs
  std::uint64_t arrivals = 0;      ///< calls created, warm-up included
};

/// The seed of replication r: the scenario seed itself for r = 0, so a
/// single replication is the plain run.
std::uint64_t replication_seed(std::uint64_t seed, unsigned r);

/// Runs all jobs; `status` (sized replications x tenants) is updated live.
run_outcome run_scenario(const scenario& s, const run_request& req, run_status& status);

/// Merges tenant results into one replication's report.
run_report merge_tenants(const scenario& s, std::uint64_t seed, std::vector<tenant_result>& tenants);

} // namespace ccsim
