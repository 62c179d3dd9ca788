#include "actor_fixture.hpp"

#include <caf/actor_cast.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/protocol/type_ids.hpp"

namespace ccsim::test {

namespace {

// Both behaviors take arguments on purpose: CAF 0.17 spawns without
// arguments trip UBSan in init_fun_factory.hpp (a null argument tuple).

call_actor::behavior_type fake_caller_behavior(call_actor::pointer,
                                               std::shared_ptr<caller_log> log) {
  return {
    [log](atoms::connected_atom, agent_id a) { log->connected.push_back(a); },
    [log](atoms::ended_atom) { ++log->ended; },
    [log](atoms::gone_atom) { ++log->gone; },
    [](atoms::timeout_atom, leave_reason) {},
  };
}

/// Runs `action` once at simulated time `t`, then quits.
caf::behavior timer_behavior(caf::event_based_actor* self, sim_time t,
                             std::function<void()> action) {
  auto delay = t - ccsim::now(self);
  self->delayed_send(self, delay > sim_duration::zero() ? delay : sim_duration::zero(),
                     atoms::start_atom_v);
  return {
    [self, action](atoms::start_atom) {
      action();
      self->quit();
    },
  };
}

} // namespace

tenant simple_tenant(std::size_t call_types) {
  tenant t;
  t.name = "acme";
  agent_type rep{"rep", {}};
  for (std::size_t c = 0; c < call_types; ++c) {
    call_type ct;
    ct.name = c == 0 ? "sales" : "type" + std::to_string(c);
    ct.talk = distribution{distribution_kind::fixed, 60};
    t.call_types.push_back(ct);
    rep.skills.push_back(static_cast<call_type_index>(c));
  }
  t.agent_types.push_back(rep);
  return t;
}

runtime_config& actor_fixture::prepare(runtime_config& cfg) {
  register_types(cfg);
  cfg.set("scheduler.policy", caf::atom("testing"));
  return cfg;
}

actor_fixture::actor_fixture()
  : sys_{prepare(cfg_)},
    sched_{dynamic_cast<caf::scheduler::test_coordinator&>(sys_.scheduler())} {
  cfg_.origin = sys_.clock().now();  // simulated t = 0 (the test clock starts at 1 ns)
}

actor_fixture::~actor_fixture() {
  // Every actor must quit, or ~actor_system waits forever.
  for (auto& a : spawned_) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  sched_.run();
}

void actor_fixture::use(tenant t) {
  ctx_ = std::make_shared<tenant_context>();
  ctx_->config = std::make_shared<const tenant>(std::move(t));
  ctx_->log = std::make_shared<event_log>(0, std::size_t{1} << 30);  // no bus: we drain it
  dispatcher = spawn_dispatcher(sys_, ctx_);
  keep(caf::actor_cast<caf::actor>(dispatcher));
}

agent_actor actor_fixture::add_agent(agent_id id, agent_type_index type, std::optional<shift> hours,
                                     std::vector<std::uint8_t> break_codes) {
  auto a = spawn_agent(sys_, ctx_, agent_setup{id, type, std::move(hours), std::move(break_codes)},
                       dispatcher);
  keep(caf::actor_cast<caf::actor>(a));
  caf::anon_send(dispatcher, atoms::register_atom_v, id, a);
  caf::anon_send(a, atoms::start_atom_v);
  return a;
}

call_ticket actor_fixture::ticket(call_id id, sim_duration talk, call_type_index type,
                                  sim_duration wrap, double qualify_draw) const {
  call_ticket t;
  t.id = id;
  t.type = type;
  t.arrived = now();
  t.talk = talk;
  t.wrap = wrap;
  t.qualify_draw = qualify_draw;
  return t;
}

call_actor actor_fixture::spawn_call(call_ticket t, std::optional<sim_duration> patience,
                                     std::optional<sim_duration> max_wait) {
  auto c = ccsim::spawn_call(sys_, ctx_, std::move(t), dispatcher, patience, max_wait);
  keep(caf::actor_cast<caf::actor>(c));
  return c;
}

call_actor actor_fixture::fake_caller(std::shared_ptr<caller_log> log) {
  auto c = sys_.spawn(fake_caller_behavior, std::move(log));
  keep(caf::actor_cast<caf::actor>(c));
  return c;
}

void actor_fixture::offer(call_ticket t) { caf::anon_send(dispatcher, atoms::offer_atom_v, std::move(t)); }

void actor_fixture::at(sim_time t, std::function<void()> action) {
  keep(sys_.spawn(timer_behavior, t, std::move(action)));
}

void actor_fixture::run_until(sim_time t) {
  auto end = cfg_.origin + t;
  for (;;) {
    sched_.run();
    auto& pending = sched_.clock().schedule();
    if (pending.empty() || pending.begin()->first > end) return;
    sched_.trigger_timeout();
  }
}

void actor_fixture::run_all() {
  do sched_.run();
  while (sched_.trigger_timeout());
}

sim_time actor_fixture::now() const {
  return std::chrono::duration_cast<sim_time>(sched_.clock().now() - cfg_.origin);
}

const std::vector<event>& actor_fixture::events() {
  for (auto& e : ctx_->log->drain()) events_.push_back(e);
  return events_;
}

std::vector<event> actor_fixture::events_of(event_kind kind, std::optional<call_id> call,
                                            std::optional<agent_id> agent) {
  std::vector<event> out;
  for (auto& e : events())
    if (e.kind == kind && (!call || e.call == *call) && (!agent || e.agent == *agent))
      out.push_back(e);
  return out;
}

std::vector<event> actor_fixture::state_changes(agent_id agent) {
  return events_of(event_kind::agent_state_changed, std::nullopt, agent);
}

} // namespace ccsim::test
