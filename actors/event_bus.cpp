#include "actors/event_bus.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace ccsim {

namespace {

struct bus_data {
  bus_data() = default;  // not an aggregate: CAF would build it from the self pointer
  std::shared_ptr<event_log> log;
  std::vector<event_subscriber> subscribers;
};

event_bus_actor::behavior_type bus_behavior(event_bus_actor::stateful_pointer<bus_data> self,
                                            std::shared_ptr<event_log> log) {
  self->state.log = log;
  log->attach(self);
  return {
    [=](atoms::flush_atom) {
      auto& st = self->state;
      auto events = st.log->drain();
      if (events.empty()) return;
      event_batch batch{std::make_shared<const std::vector<event>>(std::move(events))};
      for (auto& s : st.subscribers) self->send(s, batch);
    },
    [=](atoms::subscribe_atom, event_subscriber& s) {
      self->state.subscribers.push_back(std::move(s));
    },
  };
}

struct stats_data {
  stats_data() = default;  // not an aggregate: CAF would build it from the self pointer
  std::shared_ptr<tenant_stats> stats;
};

event_subscriber::behavior_type stats_behavior(event_subscriber::stateful_pointer<stats_data> self,
                                               std::shared_ptr<tenant_stats> stats) {
  self->state.stats = std::move(stats);
  return {
    [=](const event_batch& batch) {
      auto& s = *self->state.stats;
      for (auto& e : *batch.events) s.on(e);
    },
  };
}

event_subscriber::behavior_type
observer_behavior(event_subscriber::pointer, std::function<void(const std::vector<event>&)> fn) {
  return {
    [fn](const event_batch& batch) { fn(*batch.events); },
  };
}

} // namespace

event_bus_actor spawn_event_bus(caf::actor_system& sys, std::shared_ptr<event_log> log) {
  return sys.spawn(bus_behavior, std::move(log));
}

event_subscriber spawn_stats(caf::actor_system& sys, std::shared_ptr<tenant_stats> stats) {
  return sys.spawn(stats_behavior, std::move(stats));
}

event_subscriber spawn_event_observer(caf::actor_system& sys,
                                      std::function<void(const std::vector<event>&)> fn) {
  return sys.spawn(observer_behavior, std::move(fn));
}

} // namespace ccsim
