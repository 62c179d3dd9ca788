#pragma once
// Errors actors answer to invalid requests (unknown ids, illegal moves).
// Outcomes of calls (rejected, abandoned) are events, not errors.
#include <cstdint>
#include <string>

#include <caf/error.hpp>
#include <caf/make_message.hpp>
#include <caf/message.hpp>

namespace ccsim {

enum class errc : std::uint8_t {
  unknown_agent = 1,
  unknown_call,
  unknown_call_type,
  unknown_agent_type,
  illegal_transition,
  agent_busy,
  not_waiting,
  not_talking,
};

std::string to_string(errc e);

} // namespace ccsim

CAF_ERROR_CODE_ENUM(ccsim::errc, "ccsim")
