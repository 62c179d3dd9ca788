// The tenant actor: wires one tenant's actors together and owns their
// lifetime. Registration happens before any agent starts, so the dispatcher
// knows every agent before the first `idle` can reach it.
#include "actors/tenant.hpp"

#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/agent.hpp"
#include "actors/dispatcher.hpp"
#include "actors/event_bus.hpp"
#include "actors/generator.hpp"

namespace ccsim {

std::shared_ptr<tenant_context> make_tenant_context(tenant_index index,
                                                    std::shared_ptr<const tenant> config,
                                                    std::size_t notify_after) {
  auto ctx = std::make_shared<tenant_context>();
  ctx->index = index;
  ctx->log = std::make_shared<event_log>(index, notify_after);
  for (auto& group : config->agents)
    if (group.hours)
      for (auto& b : group.hours->breaks) ctx->break_reason_code(b.reason);
  ctx->config = std::move(config);
  return ctx;
}

namespace {

struct tenant_data {
  tenant_data() = default;  // not an aggregate: CAF would build it from the self pointer
  event_bus_actor bus;
  dispatcher_actor dispatcher;
  generator_actor generator;
  std::vector<agent_actor> agents;
};

tenant_actor::behavior_type tenant_behavior(tenant_actor::stateful_pointer<tenant_data> self,
                                            tenant_setup setup) {
  auto& st = self->state;
  auto& sys = self->system();
  auto& ctx = setup.ctx;
  st.bus = spawn_event_bus(sys, ctx->log);
  for (auto& s : setup.subscribers) self->send(st.bus, atoms::subscribe_atom_v, s);
  st.dispatcher = spawn_dispatcher(sys, ctx);
  agent_id next_id = 0;
  for (auto& group : ctx->config->agents) {
    std::vector<std::uint8_t> codes;
    if (group.hours)
      for (auto& b : group.hours->breaks)
        codes.push_back(ctx->find_break_reason(b.reason));
    for (std::uint32_t i = 0; i < group.count; ++i) {
      auto id = next_id++;
      auto agent = spawn_agent(sys, ctx, agent_setup{id, group.type, group.hours, codes},
                               st.dispatcher);
      self->send(st.dispatcher, atoms::register_atom_v, id, agent);
      st.agents.push_back(std::move(agent));
    }
  }
  st.generator = spawn_generator(sys, ctx, setup.plan, st.dispatcher);
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
      for (auto& a : st.agents) self->send(a, atoms::stop_atom_v);
      self->send(st.bus, atoms::flush_atom_v);
      self->send_exit(st.bus, caf::exit_reason::user_shutdown);
      self->quit();
    },
  };
}

} // namespace

tenant_actor spawn_tenant(caf::actor_system& sys, tenant_setup setup) {
  return sys.spawn(tenant_behavior, std::move(setup));
}

} // namespace ccsim
