// The tenant actor: wires one tenant's actors together, owns their lifetime
// and routes API requests to the actor that decides (agent or dispatcher).
// Registration happens before any agent starts, so the dispatcher knows
// every agent before the first `idle` can reach it.
#include "actors/tenant.hpp"

#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/agent.hpp"
#include "actors/call.hpp"
#include "actors/call_draws.hpp"
#include "actors/dispatcher.hpp"
#include "actors/event_bus.hpp"
#include "actors/generator.hpp"
#include "actors/protocol/errc.hpp"
#include "actors/runtime_config.hpp"

namespace ccsim {

std::shared_ptr<tenant_context> make_tenant_context(tenant_index index,
                                                    std::shared_ptr<const tenant> config,
                                                    std::size_t notify_after,
                                                    bool single_threaded) {
  auto ctx = std::make_shared<tenant_context>();
  ctx->index = index;
  ctx->log = std::make_shared<event_log>(index, notify_after, single_threaded);
  for (auto& group : config->agents)
    if (group.hours)
      for (auto& b : group.hours->breaks) ctx->reasons->code(b.reason);
  ctx->config = std::move(config);
  return ctx;
}

namespace {

/// Calls created through the API get ids from their own range, so they
/// never collide with scenario traffic.
constexpr call_id api_call_ids = call_id{1} << 40;

struct tenant_data {
  tenant_data() = default;  // not an aggregate: CAF would build it from the self pointer
  std::shared_ptr<const tenant_context> ctx;
  event_bus_actor bus;
  dispatcher_actor dispatcher;
  generator_actor generator;
  std::vector<agent_actor> agents;  // by id; null once removed
  std::vector<call_draws> draws;    // API calls' streams, per call type
  call_id next_api_call = api_call_ids;
};

using tenant_self = tenant_actor::stateful_pointer<tenant_data>;

agent_id add_agent(tenant_self self, agent_type_index type, std::optional<shift> hours) {
  auto& st = self->state;
  auto id = static_cast<agent_id>(st.agents.size());
  std::vector<std::uint8_t> codes;
  if (hours)
    for (auto& b : hours->breaks) codes.push_back(st.ctx->reasons->code(b.reason));
  auto agent = spawn_agent(self->system(), st.ctx, agent_setup{id, type, std::move(hours), codes},
                           st.dispatcher);
  self->send(st.dispatcher, atoms::register_atom_v, id, agent);
  st.agents.push_back(std::move(agent));
  return id;
}

caf::error unknown_agent(agent_id id) {
  return caf::make_error(errc::unknown_agent, "agent " + std::to_string(id));
}

tenant_actor::behavior_type tenant_behavior(tenant_self self, tenant_setup setup) {
  auto& st = self->state;
  auto& sys = self->system();
  st.ctx = setup.ctx;
  st.bus = spawn_event_bus(sys, st.ctx->log);
  for (auto& s : setup.subscribers) self->send(st.bus, atoms::subscribe_atom_v, s);
  st.dispatcher = spawn_dispatcher(sys, st.ctx);
  for (auto& group : st.ctx->config->agents)
    for (std::uint32_t i = 0; i < group.count; ++i) add_agent(self, group.type, group.hours);
  st.generator = spawn_generator(sys, st.ctx, setup.plan, st.dispatcher);
  for (std::size_t c = 0; c < st.ctx->config->call_types.size(); ++c)
    st.draws.emplace_back(derive_seed(setup.plan.seed, 0xa91ULL, c), c);
  return {
    [=](atoms::start_atom) {
      auto& st = self->state;
      for (auto& a : st.agents) self->send(a, atoms::start_atom_v);
      self->send(st.generator, atoms::start_atom_v);
    },
    [=](atoms::flush_atom) { self->send(self->state.bus, atoms::flush_atom_v); },
    [=](atoms::stop_atom) {
      auto& st = self->state;
      self->send(st.generator, atoms::stop_atom_v);
      self->send(st.dispatcher, atoms::stop_atom_v);
      for (auto& a : st.agents)
        if (a) self->send(a, atoms::stop_atom_v);
      self->send(st.bus, atoms::flush_atom_v);
      self->send_exit(st.bus, caf::exit_reason::user_shutdown);
      self->quit();
    },
    [=](atoms::pause_atom, bool paused) {
      self->send(self->state.generator, atoms::pause_atom_v, paused);
    },
    [=](atoms::new_agent_atom, agent_type_index type, bool logged_in) -> caf::result<agent_id> {
      auto& st = self->state;
      if (type >= st.ctx->config->agent_types.size())
        return caf::make_error(errc::unknown_agent_type, "agent type " + std::to_string(type));
      auto id = add_agent(self, type, std::nullopt);
      if (logged_in) self->send(st.agents[id], atoms::login_atom_v);
      return id;
    },
    [=](atoms::new_call_atom, call_type_index type, sim_duration talk, sim_duration patience,
        std::int64_t accepted_ns) -> caf::result<dispatch_verdict> {
      auto& st = self->state;
      auto& types = st.ctx->config->call_types;
      if (type >= types.size())
        return caf::make_error(errc::unknown_call_type, "call type " + std::to_string(type));
      call_ticket ticket;
      ticket.id = ++st.next_api_call;
      ticket.type = type;
      ticket.arrived = now(self);
      ticket.accepted_ns = accepted_ns;
      auto drawn_patience = st.draws[type].draw(types[type], ticket);
      if (talk >= sim_duration::zero()) ticket.talk = talk;
      if (patience > sim_duration::zero()) drawn_patience = patience;
      else if (patience == sim_duration::zero()) drawn_patience.reset();
      ticket.caller = spawn_call(self->system(), st.ctx, ticket, st.dispatcher, drawn_patience,
                                 types[type].max_wait, false);
      return self->delegate(st.dispatcher, atoms::offer_atom_v, std::move(ticket),
                            atoms::query_atom_v);
    },
    [=](atoms::command_atom, agent_id id, agent_order order,
        const std::string& reason) -> caf::result<agent_reply> {
      auto& st = self->state;
      if (id >= st.agents.size() || !st.agents[id]) return unknown_agent(id);
      auto code = order == agent_order::take_break && !reason.empty() ? st.ctx->reasons->code(reason)
                                                                     : std::uint8_t{0};
      return self->delegate(st.agents[id], atoms::command_atom_v, order, code);
    },
    [=](atoms::hangup_atom, agent_id id, call_id call) -> caf::result<bool> {
      auto& st = self->state;
      if (id >= st.agents.size() || !st.agents[id]) return unknown_agent(id);
      return self->delegate(st.agents[id], atoms::hangup_atom_v, call);
    },
    [=](atoms::remove_atom, agent_id id) -> caf::result<bool> {
      auto& st = self->state;
      if (id >= st.agents.size() || !st.agents[id]) return unknown_agent(id);
      auto rp = self->make_response_promise<bool>();
      self->request(st.agents[id], caf::infinite, atoms::remove_atom_v)
        .then(
          [=](bool removed) mutable {
            self->state.agents[id] = nullptr;
            rp.deliver(removed);
          },
          [=](caf::error& err) mutable { rp.deliver(std::move(err)); });
      return rp;
    },
    [=](atoms::leave_atom, call_id call, atoms::query_atom) -> caf::result<bool> {
      return self->delegate(self->state.dispatcher, atoms::leave_atom_v, call,
                            leave_reason::cancel, atoms::query_atom_v);
    },
  };
}

} // namespace

tenant_actor spawn_tenant(caf::actor_system& sys, tenant_setup setup) {
  return sys.spawn(tenant_behavior, std::move(setup));
}

} // namespace ccsim
