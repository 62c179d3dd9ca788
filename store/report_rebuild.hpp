#pragma once
// `ccsim report --run N`: the report of a recorded run, rebuilt from its
// rows. Each job's event stream is rebuilt in its original order and
// replayed through the same tenant_stats the live run used, then merged and
// rendered by the same sim/ functions, so the two documents agree by
// construction (tests check it on every shipped scenario).
#include <vector>

#include <boost/json/object.hpp>

#include "domain/scenario.hpp"
#include "store/history.hpp"
#include "store/sqlite.hpp"

namespace ccsim::store {

/// The report document (same schema as `ccsim run --json`). `s` is the
/// scenario parsed from run.scenario_text. Throws db_error if a job is
/// missing or did not finish.
boost::json::object rebuild_report(connection& db, const run_row& run, const std::vector<job_row>& jobs,
                                   const scenario& s);

} // namespace ccsim::store
