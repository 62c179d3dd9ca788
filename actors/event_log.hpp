#pragma once
// The producer side of a tenant's event stream: actors append events here
// (stamping a sequence number that gives the stream its total order), and
// the bus drains them in batches. Appending is a short critical section, not
// a message per event: events outnumber calls six to one, and a message each
// would cost more than the simulation itself.
#include <cstdint>
#include <mutex>
#include <vector>

#include "actors/protocol/event_stream.hpp"
#include "domain/event.hpp"

namespace ccsim {

class event_log {
public:
  /// `notify_after`: ask the bus to flush once this many events are waiting
  /// (1 in live mode for low latency, thousands in virtual time).
  /// `single_threaded`: every producer and the bus run on one thread (CAF's
  /// test coordinator in virtual time), so the lock can be skipped.
  event_log(tenant_index tenant, std::size_t notify_after, bool single_threaded = false);

  void attach(event_bus_actor bus);
  /// The attached bus (invalid before attach), e.g. to wait for its end.
  event_bus_actor bus() const;
  /// Stamps tenant and sequence number, appends, maybe notifies the bus.
  void emit(event e);
  /// Everything appended since the last drain, in order.
  std::vector<event> drain();
  std::uint64_t emitted() const;

private:
  mutable std::mutex mtx_;
  std::vector<event> pending_;
  std::uint64_t next_seq_ = 0;
  tenant_index tenant_;
  std::size_t notify_after_;
  bool notified_ = false;
  bool single_threaded_ = false;
  event_bus_actor bus_;
};

} // namespace ccsim
