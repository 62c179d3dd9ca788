#pragma once
// Every atom of the ccsim protocols (text: at most 10 characters of
// [A-Za-z0-9_]; anything else silently turns into a space in CAF 0.17).
#include <caf/atom.hpp>
#include <caf/type_id.hpp>

CAF_ADD_ATOM(ccsim, ccsim::atoms, offer_atom, "offer")
CAF_ADD_ATOM(ccsim, ccsim::atoms, assign_atom, "assign")
CAF_ADD_ATOM(ccsim, ccsim::atoms, idle_atom, "idle")
CAF_ADD_ATOM(ccsim, ccsim::atoms, withdraw_atom, "withdraw")
CAF_ADD_ATOM(ccsim, ccsim::atoms, refuse_atom, "refuse")
CAF_ADD_ATOM(ccsim, ccsim::atoms, leave_atom, "leave")
CAF_ADD_ATOM(ccsim, ccsim::atoms, connected_atom, "connected")
CAF_ADD_ATOM(ccsim, ccsim::atoms, ended_atom, "ended")
CAF_ADD_ATOM(ccsim, ccsim::atoms, gone_atom, "gone")
CAF_ADD_ATOM(ccsim, ccsim::atoms, timeout_atom, "timeout")
CAF_ADD_ATOM(ccsim, ccsim::atoms, talk_end_atom, "talk_end")
CAF_ADD_ATOM(ccsim, ccsim::atoms, wrap_end_atom, "wrap_end")
CAF_ADD_ATOM(ccsim, ccsim::atoms, login_atom, "login")
CAF_ADD_ATOM(ccsim, ccsim::atoms, logout_atom, "logout")
CAF_ADD_ATOM(ccsim, ccsim::atoms, break_atom, "break")
CAF_ADD_ATOM(ccsim, ccsim::atoms, break_end_atom, "break_end")
CAF_ADD_ATOM(ccsim, ccsim::atoms, register_atom, "register")
CAF_ADD_ATOM(ccsim, ccsim::atoms, start_atom, "start")
CAF_ADD_ATOM(ccsim, ccsim::atoms, flush_atom, "flush")
CAF_ADD_ATOM(ccsim, ccsim::atoms, arrive_atom, "arrive")
CAF_ADD_ATOM(ccsim, ccsim::atoms, subscribe_atom, "subscribe")
CAF_ADD_ATOM(ccsim, ccsim::atoms, stop_atom, "stop")
