#include "store/report_rebuild.hpp"

#include "domain/tenant_stats.hpp"
#include "sim/report_document.hpp"
#include "sim/runner.hpp"

namespace ccsim::store {

boost::json::object rebuild_report(connection& db, const run_row& run, const std::vector<job_row>& jobs,
                                   const scenario& s) {
  auto tenants = s.tenants.size();
  if (jobs.size() != static_cast<std::size_t>(run.replications) * tenants)
    throw db_error(db.file(), "run " + std::to_string(run.id) + " has " + std::to_string(jobs.size())
                                  + " recorded jobs, expected " + std::to_string(run.replications * tenants));
  bool arrivals_ended = s.calls.has_value() && !s.horizon.has_value();
  std::vector<boost::json::object> reps;
  for (unsigned r = 0; r < run.replications; ++r) {
    std::vector<tenant_result> results;
    for (std::size_t t = 0; t < tenants; ++t) {
      auto& job = jobs[r * tenants + t];
      if (job.replication != r || job.tenant != t || !job.finished || !job.end)
        throw db_error(db.file(), "run " + std::to_string(run.id) + ": replication " + std::to_string(r)
                                      + ", tenant " + s.tenants[t].name + " was not recorded to its end");
      // Exactly what run_tenant does with the live stream.
      tenant_stats stats(s.tenants[t], s.warmup, s.warmup_calls.has_value());
      replay_job(db, job, [&](const event& e) { stats.on(e); });
      tenant_result res;
      res.end = *job.end;
      res.report = stats.finish(res.end, arrivals_ended);
      res.call_types = stats.tallies();
      res.total = stats.tenant_tally();
      std::tie(res.busy_area, res.logged_area) = stats.occupancy_integrals();
      res.events = job.events;
      res.arrivals = stats.arrivals_seen();
      results.push_back(std::move(res));
    }
    reps.push_back(report_to_json(merge_tenants(s, replication_seed(run.seed, r), results), s));
  }
  return summarize_replications(reps);
}

} // namespace ccsim::store
