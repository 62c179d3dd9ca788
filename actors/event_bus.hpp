#pragma once
#include <functional>
#include <memory>
#include <vector>

#include <caf/fwd.hpp>

#include "actors/event_log.hpp"
#include "actors/protocol/event_stream.hpp"
#include "domain/tenant_stats.hpp"

namespace ccsim {

/// The bus of one tenant: drains `log` on flush and sends each batch to all
/// subscribers, in subscription order. It attaches itself to the log.
event_bus_actor spawn_event_bus(caf::actor_system& sys, std::shared_ptr<event_log> log);

/// A subscriber that feeds every event into `stats` (owned jointly with the
/// caller, who reads the result once the actors have stopped).
event_subscriber spawn_stats(caf::actor_system& sys, std::shared_ptr<tenant_stats> stats);

/// A subscriber that hands every batch to a function (tests, tools).
event_subscriber spawn_event_observer(caf::actor_system& sys,
                                      std::function<void(const std::vector<event>&)> fn);

} // namespace ccsim
