#pragma once
// The random parts of a new call, drawn at arrival: talk, wrap-up,
// patience and the qualification draw. One set of streams per call type,
// derived from a seed, so each quantity has its own reproducible sequence.
#include <optional>

#include "actors/protocol/call_ticket.hpp"
#include "domain/random.hpp"
#include "domain/scenario.hpp"

namespace ccsim {

struct call_draws {
  rng arrivals, talk, wrap, patience, qualify;

  /// Streams of call type `type` under `seed`.
  call_draws(std::uint64_t seed, std::uint64_t type)
    : arrivals(derive_seed(seed, type, 1)), talk(derive_seed(seed, type, 2)),
      wrap(derive_seed(seed, type, 3)), patience(derive_seed(seed, type, 4)),
      qualify(derive_seed(seed, type, 5)) {}

  /// Fills the ticket's durations and qualification draw; returns the
  /// caller's patience (none: never hangs up).
  std::optional<sim_duration> draw(const call_type& cfg, call_ticket& ticket) {
    ticket.talk = cfg.talk.sample(talk);
    ticket.wrap = cfg.wrap_up.sample(wrap);
    ticket.qualify_draw = qualify.uniform();
    if (cfg.patience) return cfg.patience->sample(patience);
    return std::nullopt;
  }
};

} // namespace ccsim
