// The dispatcher actor: owns the tenant's dispatch_board (idle agents and
// waiting calls). It is the only code that touches them, so an agent is
// never reserved twice and a call never goes to two agents, with no locks.
//
//   offer(ticket)  -> board decides: assign (reserve agent, `assign` to it),
//                     queue, or reject (`gone` to the call)
//   idle(agent)    -> the agent takes the best waiting call, or joins the idle set
//   withdraw       -> an idle agent leaves the idle set
//   refuse(ticket) -> the reserved agent could not take it: offer it again,
//                     keeping its place in line
//   leave(call)    -> a waiting call leaves (abandon, max wait, cancel)
#include "actors/dispatcher.hpp"

#include <chrono>
#include <unordered_map>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/runtime_config.hpp"
#include "domain/dispatch_board.hpp"

namespace ccsim {

namespace {

dispatch_board make_board(const tenant& t) {
  std::vector<std::vector<call_type_index>> skills;
  for (auto& a : t.agent_types) skills.push_back(a.skills);
  std::vector<int> priorities;
  board_limits limits;
  for (auto& c : t.call_types) {
    priorities.push_back(c.priority);
    limits.max_queue_by_type.push_back(c.max_queue);
  }
  limits.max_queue_total = t.max_queue;
  return dispatch_board{std::move(skills), std::move(priorities), std::move(limits)};
}

struct dispatcher_data {
  dispatcher_data() = default;  // not an aggregate: CAF would build it from the self pointer
  std::shared_ptr<const tenant_context> ctx;
  std::unique_ptr<dispatch_board> board;
  std::unordered_map<call_id, call_ticket> waiting;  // tickets of queued calls
  std::vector<agent_actor> agents;                   // by agent id
};

using dispatcher_self = dispatcher_actor::stateful_pointer<dispatcher_data>;

event call_event(event_kind kind, sim_time at, const call_ticket& t) {
  event e;
  e.kind = kind;
  e.at = at;
  e.call = t.id;
  e.type = t.type;
  e.arrived = t.arrived;
  e.counted = t.counted;
  return e;
}

void assign(dispatcher_self self, agent_id agent, call_ticket ticket) {
  auto& st = self->state;
  auto e = call_event(event_kind::call_assigned, now(self), ticket);
  e.agent = agent;
  e.duration = e.at - ticket.arrived;
  st.ctx->log->emit(e);
  self->send(st.agents[agent], atoms::assign_atom_v, std::move(ticket));
}

void record_latency(const dispatcher_data& st, const call_ticket& ticket) {
  if (!st.ctx->latency || ticket.accepted_ns == 0) return;
  auto wall = std::chrono::steady_clock::now().time_since_epoch();
  st.ctx->latency->add_ns(std::chrono::duration_cast<std::chrono::nanoseconds>(wall).count()
                          - ticket.accepted_ns);
}

dispatch_verdict offer(dispatcher_self self, call_ticket ticket) {
  auto& st = self->state;
  if (!ticket.has_order) {
    ticket.order = st.board->next_order();
    ticket.has_order = true;
  }
  auto verdict = st.board->offer({ticket.id, ticket.type, ticket.arrived, ticket.order});
  dispatch_verdict out{ticket.id, static_cast<std::uint8_t>(verdict.what), verdict.agent,
                       verdict.reason, verdict.queue_length};
  record_latency(st, ticket);
  ticket.accepted_ns = 0;  // measured once, not again if re-offered
  switch (verdict.what) {
    case admission::verdict::assigned:
      assign(self, verdict.agent, std::move(ticket));
      break;
    case admission::verdict::queued: {
      auto e = call_event(event_kind::call_queued, now(self), ticket);
      e.queue_length = verdict.queue_length;
      st.ctx->log->emit(e);
      auto id = ticket.id;
      st.waiting.emplace(id, std::move(ticket));
      break;
    }
    case admission::verdict::rejected: {
      auto e = call_event(event_kind::call_rejected, now(self), ticket);
      e.reason = verdict.reason;
      e.duration = e.at - ticket.arrived;
      st.ctx->log->emit(e);
      if (ticket.caller) self->send(ticket.caller, atoms::gone_atom_v);
      break;
    }
  }
  return out;
}

/// Takes a waiting call out of the queue; false if it was not waiting.
bool leave(dispatcher_self self, call_id id, leave_reason why) {
  auto& st = self->state;
  if (!st.board->remove_call(id)) return false;  // already assigned: the call goes on
  auto it = st.waiting.find(id);
  auto ticket = std::move(it->second);
  st.waiting.erase(it);
  auto kind = why == leave_reason::max_wait ? event_kind::call_rejected : event_kind::call_abandoned;
  auto e = call_event(kind, now(self), ticket);
  e.duration = e.at - ticket.arrived;
  if (why == leave_reason::max_wait) e.reason = reject_reason::max_wait;
  st.ctx->log->emit(e);
  if (ticket.caller) self->send(ticket.caller, atoms::gone_atom_v);
  return true;
}

dispatcher_actor::behavior_type dispatcher_behavior(dispatcher_self self,
                                                    std::shared_ptr<const tenant_context> ctx) {
  self->state.board = std::make_unique<dispatch_board>(make_board(*ctx->config));
  self->state.ctx = std::move(ctx);
  return {
    [=](atoms::stop_atom) {
      // Calls still waiting end with us: nobody else knows them.
      for (auto& [id, ticket] : self->state.waiting)
        if (ticket.caller) self->send_exit(ticket.caller, caf::exit_reason::user_shutdown);
      self->state.waiting.clear();
      self->quit();
    },
    [=](atoms::register_atom, agent_id id, agent_actor& agent) {
      auto& agents = self->state.agents;
      if (id >= agents.size()) agents.resize(id + 1);
      agents[id] = std::move(agent);
    },
    [=](atoms::offer_atom, call_ticket& ticket) { offer(self, std::move(ticket)); },
    [=](atoms::idle_atom, agent_id agent, agent_type_index type, sim_time idle_key) {
      auto& st = self->state;
      if (auto next = st.board->take_call_for(type)) {
        auto it = st.waiting.find(next->id);
        auto ticket = std::move(it->second);
        st.waiting.erase(it);
        assign(self, agent, std::move(ticket));
        return;
      }
      st.board->add_idle(agent, type, idle_key);
      event e;
      e.kind = event_kind::agent_ready;
      e.at = now(self);
      e.agent = agent;
      e.agent_type = type;
      e.arrived = idle_key;  // the key it is ranked by
      st.ctx->log->emit(e);
    },
    [=](atoms::withdraw_atom, agent_id agent) {
      auto& st = self->state;
      if (!st.board->remove_idle(agent)) return;  // already reserved: it will refuse
      event e;
      e.kind = event_kind::agent_withdrawn;
      e.at = now(self);
      e.agent = agent;
      st.ctx->log->emit(e);
    },
    [=](atoms::refuse_atom, agent_id agent, call_ticket& ticket) {
      auto e = call_event(event_kind::call_refused, now(self), ticket);
      e.agent = agent;
      self->state.ctx->log->emit(e);
      offer(self, std::move(ticket));
    },
    [=](atoms::leave_atom, call_id id, leave_reason why) { leave(self, id, why); },
    [=](atoms::offer_atom, call_ticket& ticket, atoms::query_atom) {
      return offer(self, std::move(ticket));
    },
    [=](atoms::leave_atom, call_id id, leave_reason why, atoms::query_atom) {
      return leave(self, id, why);
    },
  };
}

} // namespace

dispatcher_actor spawn_dispatcher(caf::actor_system& sys, std::shared_ptr<const tenant_context> ctx) {
  return sys.spawn(dispatcher_behavior, std::move(ctx));
}

} // namespace ccsim
