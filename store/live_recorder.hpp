#pragma once
// Records a live session (`ccsim serve`) into the same tables as a scenario
// run, so `ccsim runs`, `ccsim report` and `ccsim export` read it unchanged.
//
// It is fed from the live engine's event subscription (an actor thread) and
// must never make the dispatcher wait: batches go to the writer thread
// without blocking, and if the disk falls that far behind the recording
// stops as failed instead (see recorder_options::live_queue_batches).
// Tenants may appear at any time; each becomes a job (replication 0) on its
// first batch. store/ knows nothing of the engine: the app passes a lookup
// for tenant definitions and, at the end, the session as a scenario text.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/event.hpp"
#include "domain/scenario.hpp"
#include "store/run_settings.hpp"

namespace ccsim::store {

class run_writer;

/// The scenario a live session is stored as (scenario::live_session), so
/// `ccsim report` can rebuild it: the tenants as they ran, reported at
/// `end`. Call types without generated traffic (API tenants) get rate 0.
scenario session_scenario(std::string name, std::uint64_t seed, sim_duration start_of_day, sim_time end,
                          std::vector<tenant> tenants);

class live_recorder {
public:
  using tenant_lookup = std::function<std::shared_ptr<const tenant>(tenant_index)>;

  /// Creates the database if needed and inserts the session as a `running`
  /// run named `session_name`. Throws db_error (file and cause) if it cannot.
  live_recorder(const std::filesystem::path& db, std::string session_name, run_settings settings,
                tenant_lookup lookup, recorder_options opts = {});
  ~live_recorder();  ///< without finish(): marks the run failed (best effort)
  live_recorder(const live_recorder&) = delete;
  live_recorder& operator=(const live_recorder&) = delete;

  std::int64_t run_id() const;
  const std::string& file() const;

  /// One batch of tenant t, in stream order. Never blocks; thread-safe.
  void on_events(tenant_index t, const std::vector<event>& batch);

  /// How the session ended.
  struct closing {
    sim_time end{0};         ///< simulated time at the stop (a job ends no earlier than its last event)
    std::size_t tenants = 0; ///< every tenant gets a job, even one that never emitted an event
    /// Break reason names of a tenant, index = code (live sessions learn them from the API).
    std::function<std::vector<std::string>(tenant_index)> break_reasons;
    std::string scenario_name;
    std::string scenario_text;  ///< every tenant as it ran, for `ccsim report` ("" if none can say it)
    run_state status = run_state::completed;
    std::string detail;
    double wall_s = 0;
  };
  /// Calls still open become in_system records at `end`; then the run is
  /// marked. Throws db_error if the final commit fails or recording failed earlier.
  void finish(const closing& c);

  bool failed() const;
  std::string failure() const;
  std::uint64_t calls_written() const;

private:
  std::uint32_t job_of(tenant_index t);

  std::shared_ptr<run_writer> writer_;
  tenant_lookup lookup_;
  std::mutex mtx_;
  std::unordered_map<tenant_index, std::uint32_t> jobs_;
};

} // namespace ccsim::store
