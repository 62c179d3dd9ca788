#include "actors/event_log.hpp"

#include <caf/send.hpp>

namespace ccsim {

namespace {

/// A lock that can be told not to lock.
struct maybe_lock {
  std::mutex& mtx;
  bool active;
  maybe_lock(std::mutex& m, bool on) : mtx(m), active(on) {
    if (active) mtx.lock();
  }
  ~maybe_lock() {
    if (active) mtx.unlock();
  }
  maybe_lock(const maybe_lock&) = delete;
  maybe_lock& operator=(const maybe_lock&) = delete;
};

} // namespace

event_log::event_log(tenant_index tenant, std::size_t notify_after, bool single_threaded)
  : tenant_(tenant), notify_after_(notify_after == 0 ? 1 : notify_after),
    single_threaded_(single_threaded) {
  pending_.reserve(notify_after_ < 65536 ? notify_after_ + 16 : 65536);
}

event_bus_actor event_log::bus() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return bus_;
}

void event_log::attach(event_bus_actor bus) {
  bool notify = false;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    bus_ = std::move(bus);
    // Events emitted before the bus existed asked nobody for a flush; without
    // this they would wait for the tenant's next event (in live mode maybe
    // forever: agents logging in before any call arrives).
    if (!pending_.empty() && !notified_ && pending_.size() >= notify_after_) {
      notified_ = true;
      notify = true;
    }
  }
  if (notify) caf::anon_send(bus_, atoms::flush_atom_v);
}

void event_log::emit(event e) {
  bool notify = false;
  {
    maybe_lock guard{mtx_, !single_threaded_};
    e.tenant = tenant_;
    e.seq = next_seq_++;
    pending_.push_back(e);
    if (!notified_ && pending_.size() >= notify_after_ && bus_) {
      notified_ = true;  // one flush request in flight is enough
      notify = true;
    }
  }
  if (notify) caf::anon_send(bus_, atoms::flush_atom_v);
}

std::vector<event> event_log::drain() {
  std::vector<event> out;
  maybe_lock guard{mtx_, !single_threaded_};
  out.reserve(pending_.capacity());
  out.swap(pending_);
  notified_ = false;
  return out;
}

std::uint64_t event_log::emitted() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return next_seq_;
}

} // namespace ccsim
