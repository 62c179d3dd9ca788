#include "sim/runner.hpp"

#include <algorithm>
#include <thread>

#include "domain/random.hpp"

namespace ccsim {

std::uint64_t replication_seed(std::uint64_t seed, unsigned r) {
  return r == 0 ? seed : derive_seed(seed, 0x5e91ca7eULL, r);
}

run_report merge_tenants(const scenario& s, std::uint64_t seed, std::vector<tenant_result>& tenants) {
  run_report r;
  r.scenario = s.name;
  r.seed = seed;
  call_tally overall;
  double busy = 0, logged = 0;
  bool first = true;
  for (auto& t : tenants) {
    overall.merge(t.total);
    busy += t.busy_area;
    logged += t.logged_area;
    r.window_start = first ? t.report.window_start : std::min(r.window_start, t.report.window_start);
    r.window_end = first ? t.report.window_end : std::max(r.window_end, t.report.window_end);
    r.sim_end = first ? to_seconds(t.end) : std::max(r.sim_end, to_seconds(t.end));
    first = false;
    r.tenants.push_back(std::move(t.report));
  }
  r.overall = overall.finish();
  r.occupancy = logged > 0 ? busy / logged : 0.0;
  return r;
}

run_outcome run_scenario(const scenario& s, const run_request& req, run_status& status) {
  auto tenant_count = s.tenants.size();
  auto jobs = static_cast<std::size_t>(req.replications) * tenant_count;
  std::vector<tenant_result> results(jobs);
  std::vector<char> finished(jobs, 0);
  std::atomic<std::size_t> next{0};

  auto worker = [&] {
    for (;;) {
      auto j = next.fetch_add(1);
      if (j >= jobs) return;
      if (req.cancel && req.cancel->load()) continue;  // skip what has not started
      auto rep = static_cast<unsigned>(j / tenant_count);
      auto t = static_cast<tenant_index>(j % tenant_count);
      tenant_run_options opts;
      opts.replication_seed = replication_seed(req.seed, rep);
      opts.cancel = req.cancel;
      opts.progress = &status.jobs[j];
      if (req.observer)
        opts.observer = [&req, rep, t](const std::vector<event>& batch) { req.observer(rep, t, batch); };
      if (req.subscribers)
        opts.subscribers = [&req, rep, t](caf::actor_system& sys) { return req.subscribers(sys, rep, t); };
      results[j] = run_tenant(s, t, opts);
      finished[j] = results[j].interrupted ? 0 : 1;
    }
  };
  unsigned threads = req.threads ? req.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, jobs));
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();

  run_outcome out;
  for (std::size_t j = 0; j < jobs; ++j) {
    out.jobs_finished += finished[j] ? 1 : 0;
    out.events += results[j].events;
    out.arrivals += results[j].arrivals;
  }
  out.interrupted = out.jobs_finished < jobs;
  if (out.interrupted) return out;
  for (unsigned rep = 0; rep < req.replications; ++rep) {
    std::vector<tenant_result> tenants;
    for (std::size_t t = 0; t < tenant_count; ++t)
      tenants.push_back(std::move(results[rep * tenant_count + t]));
    out.replications.push_back(merge_tenants(s, replication_seed(req.seed, rep), tenants));
  }
  return out;
}

} // namespace ccsim
