#pragma once
// Message payloads that are not domain types. Plain structs with `inspect`
// so CAF can put them in messages.
#include <memory>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <caf/typed_actor.hpp>
#include <caf/replies_to.hpp>

#include "domain/event.hpp"
#include "domain/ids.hpp"
#include "domain/time.hpp"

namespace ccsim {

/// A batch of events, shared immutably among all subscribers of a tenant's
/// stream. Local only: it is never serialized, so `inspect` names the type
/// and nothing else.
struct event_batch {
  std::shared_ptr<const std::vector<event>> events;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, event_batch&) {
  return f(caf::meta::type_name("ccsim::event_batch"));
}

} // namespace ccsim
