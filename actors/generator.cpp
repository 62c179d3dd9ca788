// The arrival generator of one tenant. Each call type has its own random
// streams (arrivals, talk, wrap-up, patience, qualification), derived from
// the tenant's seed, so adding a call type or changing one distribution
// leaves the others' draws untouched.
//
//   start          -> per call type: first arrival time, timer
//   arrive(type)   -> spawn the call (durations drawn now), next timer
//   stop           -> quit
#include "actors/generator.hpp"

#include <chrono>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/call.hpp"
#include "actors/call_draws.hpp"
#include "actors/runtime_config.hpp"

namespace ccsim {

namespace {

struct generator_data {
  generator_data() = default;  // not an aggregate: CAF would build it from the self pointer
  std::shared_ptr<const tenant_context> ctx;
  arrival_plan plan;
  dispatcher_actor dispatcher;
  std::vector<call_draws> streams;
  std::uint64_t arrivals = 0;  // all calls so far
  std::uint64_t counted = 0;   // calls after the warm-up
  bool stopped = false;
  bool paused = false;
};

using generator_self = generator_actor::stateful_pointer<generator_data>;

void schedule_next(generator_self self, call_type_index type, sim_time t) {
  auto& st = self->state;
  auto next = st.ctx->config->call_types[type].arrivals.next_arrival(t, st.streams[type].arrivals);
  if (!next || (st.plan.horizon && *next > *st.plan.horizon)) return;  // stream over
  after(self, self, *next - t, atoms::arrive_atom_v, type);
}

generator_actor::behavior_type generator_behavior(generator_self self,
                                                  std::shared_ptr<const tenant_context> ctx,
                                                  arrival_plan plan, dispatcher_actor dispatcher) {
  auto& st = self->state;
  st.ctx = std::move(ctx);
  st.plan = plan;
  st.dispatcher = std::move(dispatcher);
  for (std::size_t c = 0; c < st.ctx->config->call_types.size(); ++c)
    st.streams.emplace_back(plan.seed, c);
  return {
    [=](atoms::start_atom) {
      auto t = now(self);
      for (std::size_t c = 0; c < self->state.streams.size(); ++c)
        schedule_next(self, static_cast<call_type_index>(c), t);
    },
    [=](atoms::arrive_atom, call_type_index type) {
      auto& st = self->state;
      if (st.stopped) return;
      auto t = now(self);
      if (st.paused) {
        schedule_next(self, type, t);
        return;
      }
      auto& cfg = st.ctx->config->call_types[type];
      auto& s = st.streams[type];
      ++st.arrivals;
      bool counted = st.plan.warmup_calls ? st.arrivals > *st.plan.warmup_calls
                                          : t >= st.plan.warmup;
      call_ticket ticket;
      ticket.id = st.arrivals;
      ticket.type = type;
      ticket.arrived = t;
      auto patience = s.draw(cfg, ticket);
      ticket.counted = counted;
      if (st.ctx->latency)
        ticket.accepted_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::steady_clock::now().time_since_epoch())
                               .count();
      spawn_call(self->system(), st.ctx, std::move(ticket), st.dispatcher, patience, cfg.max_wait);
      if (counted && st.plan.calls && ++st.counted >= *st.plan.calls) {
        st.stopped = true;  // the last counted call is in: the run drains from here
        return;
      }
      schedule_next(self, type, t);
    },
    [=](atoms::pause_atom, bool paused) { self->state.paused = paused; },
    [=](atoms::stop_atom) { self->quit(); },
  };
}

} // namespace

generator_actor spawn_generator(caf::actor_system& sys, std::shared_ptr<const tenant_context> ctx,
                                arrival_plan plan, dispatcher_actor dispatcher) {
  return sys.spawn(generator_behavior, std::move(ctx), plan, std::move(dispatcher));
}

} // namespace ccsim
