#pragma once
// The agent interface.
#include <cstdint>

#include "actors/protocol/atoms.hpp"
#include "actors/protocol/call_ticket.hpp"
#include "actors/protocol/messages.hpp"

namespace ccsim {

/// One agent. It owns its state machine (domain/agent_state.hpp) and tells
/// the dispatcher when it is idle; the dispatcher only ever *reserves* it.
///
///   start --(login: now or at shift start)--> available --idle--> dispatcher
///   dispatcher --assign(ticket)--> agent
///       available: reserved -> on_call (answer), connected -> call
///       otherwise (break, offline): refuse -> dispatcher, which re-dispatches
///   talk_end (self) -> ended -> call; wrap_up; wrap_end (self) -> available
///   break/logout while busy: taken when the current call is wrapped up
using agent_actor = caf::typed_actor<
  // owner -> agent: shut down; a call in progress ends with it.
  caf::reacts_to<atoms::stop_atom>,
  // tenant -> agent: begin working (log in now, or follow the shift).
  caf::reacts_to<atoms::start_atom>,
  // dispatcher -> agent: you are reserved for this call.
  caf::reacts_to<atoms::assign_atom, call_ticket>,
  // shift schedule / API -> agent.
  caf::reacts_to<atoms::login_atom>,
  caf::reacts_to<atoms::logout_atom>,
  // break with reason code and length (0: until break_end).
  caf::reacts_to<atoms::break_atom, std::uint8_t, sim_duration>,
  caf::reacts_to<atoms::break_end_atom>,
  // API -> agent: log in/out, become available, take a break (reason code).
  // Illegal moves answer errc::illegal_transition; a break or logout while
  // busy is accepted as pending.
  caf::replies_to<atoms::command_atom, agent_order, std::uint8_t>::with<agent_reply>,
  // API -> agent: end this call's conversation now (errc::not_talking otherwise).
  caf::replies_to<atoms::hangup_atom, call_id>::with<bool>,
  // API -> agent: quit if offline (errc::agent_busy otherwise).
  caf::replies_to<atoms::remove_atom>::with<bool>,
  // agent -> itself: timers (talk_end names its call, so an early hang-up
  // cannot let a stale timer end the next call).
  caf::reacts_to<atoms::talk_end_atom, call_id>,
  caf::reacts_to<atoms::wrap_end_atom>>;

} // namespace ccsim
