#include "actors/event_log.hpp"

#include <caf/send.hpp>

namespace ccsim {

event_log::event_log(tenant_index tenant, std::size_t notify_after)
  : tenant_(tenant), notify_after_(notify_after == 0 ? 1 : notify_after) {
  pending_.reserve(notify_after_ < 65536 ? notify_after_ + 16 : 65536);
}

void event_log::attach(event_bus_actor bus) {
  std::lock_guard<std::mutex> guard{mtx_};
  bus_ = std::move(bus);
}

void event_log::emit(event e) {
  bool notify = false;
  {
    std::lock_guard<std::mutex> guard{mtx_};
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
  std::lock_guard<std::mutex> guard{mtx_};
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
