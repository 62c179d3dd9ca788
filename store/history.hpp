#pragma once
// Reading recorded runs back: the run list (with runs whose recording
// process died shown, and marked, as interrupted), a run's jobs, and each
// job's event stream rebuilt from its rows in the original order, which is
// what `ccsim report` replays through tenant_stats.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/event.hpp"
#include "domain/scenario.hpp"
#include "store/interval_stats.hpp"
#include "store/sqlite.hpp"

namespace ccsim::store {

struct run_row {
  std::int64_t id = 0;
  std::string scenario, scenario_path, scenario_text, options, code_version;
  std::uint64_t seed = 0;
  unsigned replications = 1;
  sim_duration interval{0};  ///< length of the stored interval rows
  std::string started_at, heartbeat_at, finished_at;  ///< UTC ISO 8601; finished_at may be ""
  std::optional<double> wall_s;
  std::string status;  ///< running, completed, failed, interrupted
  std::string status_detail;
  std::string host;
  std::int64_t pid = 0, pid_start = 0;
  std::uint64_t offered = 0, answered = 0;  ///< counted calls recorded, summed over jobs
  std::string report_json;  ///< the live report ("" unless completed)
  std::string kind;         ///< "run" (ccsim run) or "serve" (a live session)
};

struct job_row {
  std::int64_t id = 0;
  unsigned replication = 0;
  tenant_index tenant = 0;
  std::string tenant_name;
  std::int64_t committed_seq = -1;
  std::uint64_t events = 0, offered = 0, answered = 0;
  std::optional<sim_time> end;
  bool finished = false;
};

/// Runs still marked `running` whose recording process is gone become
/// `interrupted` (in the file if it is writable). Returns how many.
int reconcile_runs(connection& db);

/// Every run, oldest first (after reconcile_runs).
std::vector<run_row> list_runs(connection& db);
std::optional<run_row> find_run(connection& db, std::int64_t run_id);
/// The run's jobs, by replication then tenant.
std::vector<job_row> run_jobs(connection& db, std::int64_t run_id);

/// Names of codes per tenant of a run ("call_type", "agent_type", "break_reason").
std::vector<std::string> names_of(connection& db, std::int64_t run_id, tenant_index tenant,
                                  std::string_view kind);

/// Calls `fn` with every event of the job that tenant_stats and the
/// recorder look at, rebuilt from the rows, in the original sequence order.
void replay_job(connection& db, const job_row& job, const std::function<void(const event&)>& fn);

/// The job's intervals at any length, rebuilt by replaying its events
/// through the recorder's own call_assembler and interval_stats.
interval_series replay_intervals(connection& db, const job_row& job, const tenant& config,
                                 sim_duration length);

/// The interval rows the recorder stored for a job (at runs.interval_ns).
interval_series stored_intervals(connection& db, const job_row& job, sim_duration length,
                                 std::size_t call_types, std::size_t agent_types);

} // namespace ccsim::store
