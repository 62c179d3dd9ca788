#pragma once
// The actor system config shared by both clocks, and the only two ways
// actor code reads or uses time: now() and after().
//
// Virtual time (`ccsim run`): CAF's test coordinator drives the clock, speed
// is 1 and the origin is the clock's start, so now() is the simulated time.
// Wall time (`ccsim serve`): the real clock; `speed` compresses simulated
// durations (60: one simulated minute per wall second). The factor is
// applied in both helpers and nowhere else, so they always agree.
#include <chrono>

#include <caf/actor_clock.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "domain/time.hpp"

namespace ccsim {

struct runtime_config : caf::actor_system_config {
  double speed = 1.0;
  caf::actor_clock::time_point origin{};  ///< clock reading at simulated t = 0
};

template <class Self>
const runtime_config& runtime_of(Self* self) {
  return static_cast<const runtime_config&>(self->system().config());
}

/// Simulated time since the scenario start.
template <class Self>
sim_time now(Self* self) {
  auto& cfg = runtime_of(self);
  auto real = self->clock().now() - cfg.origin;
  if (cfg.speed == 1.0) return std::chrono::duration_cast<sim_time>(real);
  return std::chrono::duration_cast<sim_time>(real * cfg.speed);
}

/// Sends `xs...` to `dest` after `delay` of simulated time.
template <class Self, class Dest, class... Ts>
void after(Self* self, const Dest& dest, sim_duration delay, Ts&&... xs) {
  auto& cfg = runtime_of(self);
  auto real = cfg.speed == 1.0 ? delay
                               : std::chrono::duration_cast<sim_duration>(delay / cfg.speed);
  self->delayed_send(dest, real, std::forward<Ts>(xs)...);
}

} // namespace ccsim
