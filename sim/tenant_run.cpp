#include "sim/tenant_run.hpp"

#include <caf/actor_system.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/send.hpp>

#include "actors/event_bus.hpp"
#include "actors/protocol/type_ids.hpp"
#include "actors/runtime_config.hpp"
#include "actors/tenant.hpp"

namespace ccsim {

namespace {

using coordinator = caf::scheduler::test_coordinator;

/// Runs every message and timer up to `horizon` (all if none). Checks the
/// cancel flag and publishes progress every `check_every` timers. Returns
/// false if cancelled.
bool run_until(coordinator& sched, caf::actor_clock::time_point origin,
               std::optional<sim_time> horizon, const tenant_run_options& opts,
               const tenant_stats& stats) {
  constexpr std::size_t check_every = 4096;
  std::size_t fired = 0;
  for (;;) {
    sched.run();
    auto& pending = sched.clock().schedule();
    if (pending.empty()) return true;
    if (horizon && pending.begin()->first - origin > *horizon) return true;
    sched.trigger_timeout();
    if (++fired % check_every == 0) {
      if (opts.progress) {
        opts.progress->sim_ns.store((sched.clock().now() - origin).count(), std::memory_order_relaxed);
        opts.progress->arrivals.store(stats.arrivals_seen(), std::memory_order_relaxed);
      }
      if (opts.cancel && opts.cancel->load(std::memory_order_relaxed)) return false;
    }
  }
}

} // namespace

std::uint64_t tenant_seed(std::uint64_t replication_seed, tenant_index tenant) {
  return derive_seed(replication_seed, 0x7e4a47ULL, tenant);
}

tenant_result run_tenant(const scenario& s, tenant_index index, const tenant_run_options& opts) {
  runtime_config cfg;
  register_types(cfg);
  cfg.set("scheduler.policy", caf::atom("testing"));
  caf::actor_system sys{cfg};
  auto& sched = dynamic_cast<coordinator&>(sys.scheduler());
  cfg.origin = sys.clock().now();  // simulated t = 0; the system holds a reference to cfg

  auto config = std::make_shared<const tenant>(s.tenants[index]);
  // One thread runs every actor of this system: the event log needs no lock.
  auto ctx = make_tenant_context(index, config, opts.batch_events, true);
  auto stats = std::make_shared<tenant_stats>(*config, s.warmup, s.warmup_calls.has_value());

  std::vector<event_subscriber> subscribers{spawn_stats(sys, stats)};
  if (opts.observer) subscribers.push_back(spawn_event_observer(sys, opts.observer));
  if (opts.subscribers)
    for (auto& sub : opts.subscribers(sys)) subscribers.push_back(std::move(sub));

  arrival_plan plan;
  plan.seed = tenant_seed(opts.replication_seed, index);
  plan.horizon = s.horizon;
  plan.calls = s.calls;
  plan.warmup = s.warmup;
  plan.warmup_calls = s.warmup_calls;
  auto tenant_handle = spawn_tenant(sys, tenant_setup{ctx, plan, subscribers});
  caf::anon_send(tenant_handle, atoms::start_atom_v);

  tenant_result result;
  result.interrupted = !run_until(sched, cfg.origin, s.horizon, opts, *stats);
  result.end = s.horizon && !result.interrupted ? *s.horizon : sched.clock().now() - cfg.origin;
  caf::anon_send(tenant_handle, atoms::flush_atom_v);
  sched.run();

  bool arrivals_ended = s.calls.has_value() && !s.horizon.has_value();
  result.report = stats->finish(result.end, arrivals_ended && !result.interrupted);
  result.call_types = stats->tallies();
  result.total = stats->tenant_tally();
  std::tie(result.busy_area, result.logged_area) = stats->occupancy_integrals();
  result.events = ctx->log->emitted();
  result.arrivals = stats->arrivals_seen();

  // Every actor must quit, or ~actor_system waits forever.
  caf::anon_send(tenant_handle, atoms::stop_atom_v);
  sched.run();
  for (auto& sub : subscribers) caf::anon_send_exit(sub, caf::exit_reason::user_shutdown);
  sched.run();
  if (opts.progress) {
    opts.progress->sim_ns.store(result.end.count());
    opts.progress->arrivals.store(result.arrivals);
    opts.progress->done.store(true);
  }
  return result;
}

} // namespace ccsim
