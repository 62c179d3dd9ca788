// The agent actor: one agent's state machine driven by messages. See
// actors/protocol/agent.hpp for the message sequence. Pending breaks and
// logouts wait for the current call (and its wrap-up) to end: an ACD never
// cuts a conversation short because a break was due.
#include "actors/agent.hpp"

#include <cassert>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/protocol/errc.hpp"
#include "actors/runtime_config.hpp"

namespace ccsim {

namespace {

enum class pending_change : std::uint8_t { none, take_break, logout };

struct agent_data {
  agent_data() = default;  // not an aggregate: CAF would build it from the self pointer
  std::shared_ptr<const tenant_context> ctx;
  agent_setup setup;
  dispatcher_actor dispatcher;
  agent_state state = agent_state::offline;
  sim_time logged_in_at{0};
  std::optional<sim_time> last_call_end;
  std::optional<call_ticket> current;
  sim_time answered_at{0};
  pending_change pending = pending_change::none;
  std::uint8_t pending_reason = 0;
  sim_duration pending_length{0};
  std::uint8_t break_reason = 0;
  std::uint64_t break_token = 0;  // invalidates break_end timers of earlier breaks
  std::uint64_t break_end_token = 0;
};

using agent_self = agent_actor::stateful_pointer<agent_data>;

void change(agent_self self, agent_state to) {
  auto& st = self->state;
  assert(is_legal_transition(st.state, to));
  event e;
  e.kind = event_kind::agent_state_changed;
  e.at = now(self);
  e.agent = st.setup.id;
  e.agent_type = st.setup.type;
  e.from = st.state;
  e.to = to;
  e.break_reason = to == agent_state::on_break ? st.break_reason : 0;
  if (st.current) {
    e.call = st.current->id;
    e.type = st.current->type;
  }
  st.state = to;
  st.ctx->log->emit(e);
}

/// Becomes available and tells the dispatcher, with the idle key the
/// tenant's policy prescribes.
void become_available(agent_self self) {
  auto& st = self->state;
  change(self, agent_state::available);
  sim_time key = now(self);
  if (st.ctx->config->idle == idle_policy::since_last_call)
    key = st.last_call_end.value_or(st.logged_in_at);
  self->send(st.dispatcher, atoms::idle_atom_v, st.setup.id, st.setup.type, key);
}

void log_in(agent_self self) {
  auto& st = self->state;
  st.logged_in_at = now(self);
  become_available(self);
}

void start_break(agent_self self, std::uint8_t reason, sim_duration length) {
  auto& st = self->state;
  st.break_reason = reason;
  change(self, agent_state::on_break);
  ++st.break_token;
  if (length > sim_duration::zero()) {
    st.break_end_token = st.break_token;
    after(self, self, length, atoms::break_end_atom_v);
  }
}

/// Leaves the idle set (the dispatcher may have reserved us meanwhile; then
/// we refuse that call when it arrives).
void withdraw(agent_self self) {
  auto& st = self->state;
  self->send(st.dispatcher, atoms::withdraw_atom_v, st.setup.id);
}

/// The current call is done (talk and wrap-up): take what was pending or
/// become available again.
void finish_work(agent_self self) {
  auto& st = self->state;
  st.current.reset();
  auto pending = st.pending;
  st.pending = pending_change::none;
  switch (pending) {
    case pending_change::logout: change(self, agent_state::offline); break;
    case pending_change::take_break: start_break(self, st.pending_reason, st.pending_length); break;
    case pending_change::none: become_available(self); break;
  }
}

qualification qualify(const agent_data& st, const call_ticket& t) {
  auto& cfg = *st.ctx->config;
  if (!cfg.has_conversion) return qualification::none;
  return t.qualify_draw < cfg.conversion[st.setup.type][t.type] ? qualification::ok
                                                                 : qualification::ko;
}

/// Talk is over (its timer, or a hang-up through the API): qualify, tell the
/// call, wrap up.
void end_talk(agent_self self) {
  auto& st = self->state;
  auto& call = *st.current;
  auto t = now(self);
  call.talk = t - st.answered_at;
  event e;
  e.kind = event_kind::call_ended;
  e.at = t;
  e.call = call.id;
  e.type = call.type;
  e.arrived = call.arrived;
  e.agent = st.setup.id;
  e.agent_type = st.setup.type;
  e.duration = call.talk;
  e.duration2 = call.wrap;
  e.result = qualify(st, call);
  e.counted = call.counted;
  st.ctx->log->emit(e);
  if (call.caller) self->send(call.caller, atoms::ended_atom_v);
  st.last_call_end = t;
  if (call.wrap > sim_duration::zero()) {
    change(self, agent_state::wrap_up);
    after(self, self, call.wrap, atoms::wrap_end_atom_v);
  } else {
    finish_work(self);
  }
}

void answer(agent_self self, call_ticket ticket) {
  auto& st = self->state;
  st.current = std::move(ticket);
  change(self, agent_state::reserved);
  change(self, agent_state::on_call);  // no ring time: answered at once
  auto& call = *st.current;
  st.answered_at = now(self);
  event e;
  e.kind = event_kind::call_answered;
  e.at = st.answered_at;
  e.call = call.id;
  e.type = call.type;
  e.arrived = call.arrived;
  e.agent = st.setup.id;
  e.agent_type = st.setup.type;
  e.duration = e.at - call.arrived;
  e.counted = call.counted;
  st.ctx->log->emit(e);
  if (call.caller && call.wants_connect)
    self->send(call.caller, atoms::connected_atom_v, st.setup.id);
  after(self, self, call.talk, atoms::talk_end_atom_v, call.id);
}

void logout(agent_self self) {
  auto& st = self->state;
  switch (st.state) {
    case agent_state::offline: return;
    case agent_state::available:
      withdraw(self);
      change(self, agent_state::offline);
      return;
    case agent_state::on_break: change(self, agent_state::offline); return;
    default: st.pending = pending_change::logout; return;  // after this call
  }
}

void take_break(agent_self self, std::uint8_t reason, sim_duration length) {
  auto& st = self->state;
  switch (st.state) {
    case agent_state::available:
      withdraw(self);
      start_break(self, reason, length);
      return;
    case agent_state::offline:
    case agent_state::on_break: return;
    default:
      if (st.pending == pending_change::none) {  // a due logout wins over a break
        st.pending = pending_change::take_break;
        st.pending_reason = reason;
        st.pending_length = length;
      }
      return;
  }
}

caf::error illegal(const agent_data& st, const char* what) {
  return caf::make_error(errc::illegal_transition, "agent " + std::to_string(st.setup.id) + " is "
                                                     + std::string(to_string(st.state)) + ": cannot "
                                                     + what);
}

/// An order from the API. Idempotent where that is harmless (a break while
/// on break), refused where it would lose work or make no sense.
caf::result<agent_reply> command(agent_self self, agent_order order, std::uint8_t reason) {
  auto& st = self->state;
  switch (order) {
    case agent_order::login:
      if (st.state != agent_state::offline) return illegal(st, "log in");
      log_in(self);
      break;
    case agent_order::logout:
      if (st.state == agent_state::offline) return illegal(st, "log out");
      logout(self);
      break;
    case agent_order::available:
      if (st.state == agent_state::offline) return illegal(st, "become available (log in first)");
      if (st.state == agent_state::on_break) {
        ++st.break_token;  // its timer, if any, no longer applies
        become_available(self);
      } else if (is_busy(st.state)) {
        if (st.pending == pending_change::none) return illegal(st, "become available during a call");
        st.pending = pending_change::none;  // cancels a pending break or logout
      }
      break;
    case agent_order::take_break:
      if (st.state == agent_state::offline) return illegal(st, "take a break");
      take_break(self, reason, sim_duration::zero());
      break;
  }
  return agent_reply{st.setup.id, st.state, st.pending != pending_change::none};
}

agent_actor::behavior_type agent_behavior(agent_self self, std::shared_ptr<const tenant_context> ctx,
                                          agent_setup setup, dispatcher_actor dispatcher) {
  self->state.ctx = std::move(ctx);
  self->state.setup = std::move(setup);
  self->state.dispatcher = std::move(dispatcher);
  return {
    [=](atoms::stop_atom) {
      auto& st = self->state;
      if (st.current && st.current->caller)
        self->send_exit(st.current->caller, caf::exit_reason::user_shutdown);
      self->quit();
    },
    [=](atoms::start_atom) {
      auto& st = self->state;
      if (!st.setup.hours) {
        self->send(self, atoms::login_atom_v);
        return;
      }
      auto& h = *st.setup.hours;
      auto t = now(self);
      auto in = [t](sim_time when) { return when > t ? when - t : sim_duration::zero(); };
      after(self, self, in(h.login), atoms::login_atom_v);
      for (std::size_t i = 0; i < h.breaks.size(); ++i) {
        auto& b = h.breaks[i];
        auto code = i < st.setup.break_codes.size() ? st.setup.break_codes[i] : std::uint8_t{0};
        after(self, self, in(b.start), atoms::break_atom_v, code, b.length);
      }
      after(self, self, in(h.logout), atoms::logout_atom_v);
    },
    [=](atoms::login_atom) {
      if (self->state.state == agent_state::offline) log_in(self);
    },
    [=](atoms::logout_atom) { logout(self); },
    [=](atoms::break_atom, std::uint8_t reason, sim_duration length) {
      take_break(self, reason, length);
    },
    [=](atoms::break_end_atom) {
      auto& st = self->state;
      if (st.state != agent_state::on_break || st.break_end_token != st.break_token) return;
      become_available(self);
    },
    [=](atoms::assign_atom, call_ticket& ticket) {
      auto& st = self->state;
      if (st.state != agent_state::available) {  // logged out or on break meanwhile
        self->send(st.dispatcher, atoms::refuse_atom_v, st.setup.id, std::move(ticket));
        return;
      }
      answer(self, std::move(ticket));
    },
    [=](atoms::talk_end_atom, call_id id) {
      auto& st = self->state;
      if (!st.current || st.state != agent_state::on_call || st.current->id != id) return;
      end_talk(self);
    },
    [=](atoms::wrap_end_atom) {
      if (self->state.state == agent_state::wrap_up) finish_work(self);
    },
    [=](atoms::command_atom, agent_order order, std::uint8_t reason) {
      return command(self, order, reason);
    },
    [=](atoms::hangup_atom, call_id id) -> caf::result<bool> {
      auto& st = self->state;
      if (!st.current || st.state != agent_state::on_call || st.current->id != id)
        return caf::make_error(errc::not_talking, "call " + std::to_string(id));
      end_talk(self);
      return true;
    },
    [=](atoms::remove_atom) -> caf::result<bool> {
      auto& st = self->state;
      if (st.state != agent_state::offline)
        return caf::make_error(errc::agent_busy, "agent " + std::to_string(st.setup.id) + " is "
                                                   + std::string(to_string(st.state)));
      self->quit();
      return true;
    },
  };
}

} // namespace

agent_actor spawn_agent(caf::actor_system& sys, std::shared_ptr<const tenant_context> ctx,
                        agent_setup setup, dispatcher_actor dispatcher) {
  return sys.spawn(agent_behavior, std::move(ctx), std::move(setup), std::move(dispatcher));
}

} // namespace ccsim
