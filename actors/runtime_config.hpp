#pragma once
// The actor system config shared by both clocks, and the only two ways
// actor code reads or uses time: now() and after().
//
// Virtual time (`ccsim run`): CAF's test coordinator drives the clock, the
// speed is 1 and the origin is the clock's start, so now() is the simulated
// time with no arithmetic beyond a subtraction.
// Wall time (`ccsim serve`): the real clock through a `wall_clock_model`
// whose speed can change while running; simulated time stays continuous
// across a change. The factor is applied in both helpers and nowhere else.
#include <chrono>
#include <memory>
#include <mutex>

#include <caf/actor_clock.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "domain/time.hpp"

namespace ccsim {

/// Maps the wall clock to simulated time: sim = base + (clock - origin) * speed.
class wall_clock_model {
public:
  wall_clock_model(caf::actor_clock::time_point origin, double speed)
    : origin_(origin), speed_(speed) {}

  sim_time to_sim(caf::actor_clock::time_point t) const {
    std::lock_guard<std::mutex> guard{mtx_};
    return base_ + std::chrono::duration_cast<sim_time>((t - origin_) * speed_);
  }
  sim_duration to_real(sim_duration d) const {
    std::lock_guard<std::mutex> guard{mtx_};
    return std::chrono::duration_cast<sim_duration>(d / speed_);
  }
  double speed() const {
    std::lock_guard<std::mutex> guard{mtx_};
    return speed_;
  }
  /// From `t` on, simulated time runs at `speed`. Timers already set keep
  /// their wall-clock deadlines.
  void set_speed(caf::actor_clock::time_point t, double speed) {
    std::lock_guard<std::mutex> guard{mtx_};
    base_ += std::chrono::duration_cast<sim_time>((t - origin_) * speed_);
    origin_ = t;
    speed_ = speed;
  }

private:
  mutable std::mutex mtx_;
  caf::actor_clock::time_point origin_;
  sim_time base_{0};
  double speed_;
};

struct runtime_config : caf::actor_system_config {
  caf::actor_clock::time_point origin{};  ///< virtual time: clock reading at t = 0
  std::shared_ptr<wall_clock_model> wall;   ///< set in live mode only
};

template <class Self>
const runtime_config& runtime_of(Self* self) {
  return static_cast<const runtime_config&>(self->system().config());
}

/// Simulated time since the start.
template <class Self>
sim_time now(Self* self) {
  auto& cfg = runtime_of(self);
  if (cfg.wall) return cfg.wall->to_sim(self->clock().now());
  return std::chrono::duration_cast<sim_time>(self->clock().now() - cfg.origin);
}

/// Sends `xs...` to `dest` after `delay` of simulated time.
template <class Self, class Dest, class... Ts>
void after(Self* self, const Dest& dest, sim_duration delay, Ts&&... xs) {
  auto& cfg = runtime_of(self);
  self->delayed_send(dest, cfg.wall ? cfg.wall->to_real(delay) : delay, std::forward<Ts>(xs)...);
}

} // namespace ccsim
