#pragma once
// `ccsim export`: a run's call detail records, agent state changes or
// interval rows as CSV or JSON. Times are seconds since the scenario start
// (t = 0, which is the scenario's start_of_day on the clock), exact to the
// nanosecond.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "store/history.hpp"
#include "store/interval_stats.hpp"
#include "store/sqlite.hpp"
#include "store/table_writer.hpp"

namespace ccsim::store {

/// Columns of each export, in order (the CSV header).
std::vector<std::string> call_columns();
std::vector<std::string> agent_event_columns();
std::vector<std::string> interval_columns();

std::uint64_t export_calls(connection& db, std::int64_t run_id, table_format format, std::ostream& out);
std::uint64_t export_agent_events(connection& db, std::int64_t run_id, table_format format,
                                  std::ostream& out);

/// The names behind one tenant's codes.
struct tenant_names {
  std::vector<std::string> call_types, agent_types;
};

/// Interval rows of a run: series[j] belongs to jobs[j]; names by tenant.
/// Per interval: one row per call type, one for the tenant ("(all)"), and
/// one per agent type with its occupancy.
std::uint64_t export_intervals(std::int64_t run_id, const std::vector<job_row>& jobs,
                               const std::vector<interval_series>& series,
                               const std::vector<tenant_names>& names, sim_duration start_of_day,
                               table_format format, std::ostream& out);

} // namespace ccsim::store
