#include "web/hub.hpp"

#include <algorithm>

#include "web/stream_messages.hpp"

namespace ccsim::web {

hub::hub(live::engine& engine, hub_options opts, alerts_fn alerts_of)
    : engine_(engine), opts_(opts), alerts_of_(std::move(alerts_of)) {
  if (!(opts_.updates_per_second > 0)) opts_.updates_per_second = 4;
}

hub::~hub() { stop(); }

void hub::start() {
  std::lock_guard<std::mutex> guard{mtx_};
  if (thread_.joinable() || stop_) return;
  thread_ = std::thread([this] { loop(); });
}

void hub::stop() {
  {
    std::lock_guard<std::mutex> guard{mtx_};
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void hub::join(tenant_index t, const std::string& tenant_name, const std::shared_ptr<hub_client>& c) {
  {
    std::lock_guard<std::mutex> guard{mtx_};
    auto& f = feeds_[t];
    f.name = tenant_name;
    f.members[c.get()] = member{c, true};
    wake_ = true;
  }
  cv_.notify_all();
}

void hub::leave(const hub_client* c) {
  std::lock_guard<std::mutex> guard{mtx_};
  for (auto& [t, f] : feeds_) f.members.erase(c);
}

std::size_t hub::clients() const {
  std::lock_guard<std::mutex> guard{mtx_};
  std::size_t n = 0;
  for (auto& [t, f] : feeds_) n += f.members.size();
  return n;
}

void hub::loop() {
  auto period = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(1.0 / opts_.updates_per_second));
  auto next = std::chrono::steady_clock::now() + period;
  for (;;) {
    bool joined = false;
    {
      std::unique_lock<std::mutex> lock{mtx_};
      cv_.wait_until(lock, next, [this] { return stop_ || wake_; });
      if (stop_) return;
      joined = wake_;
      wake_ = false;
    }
    auto now = std::chrono::steady_clock::now();
    if (joined && now < next) {
      // Serve new clients at once; the others get an early update, which is harmless.
      tick_all();
      continue;
    }
    tick_all();
    next += period;
    if (next < now) next = now + period;  // fell behind (suspended, overloaded): don't burst
  }
}

void hub::tick_all() {
  std::vector<tenant_index> watched;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    for (auto& [t, f] : feeds_) watched.push_back(t);
  }
  if (watched.empty()) return;
  auto status = engine_.status();
  for (auto t : watched) tick(t, status);
}

void hub::tick(tenant_index t, const live::engine_status& status) {
  std::lock_guard<std::mutex> tick_guard{tick_mtx_};
  struct target {
    std::shared_ptr<hub_client> client;
    bool snapshot;
  };
  std::vector<target> targets;
  feed* f = nullptr;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    auto it = feeds_.find(t);
    if (it == feeds_.end()) return;
    f = &it->second;
    for (auto m = f->members.begin(); m != f->members.end();) {
      auto c = m->second.client.lock();
      if (!c) {
        m = f->members.erase(m);
        continue;
      }
      bool snap = m->second.needs_snapshot || c->wants_snapshot.exchange(false) || !f->started;
      m->second.needs_snapshot = false;
      targets.push_back({std::move(c), snap});
      ++m;
    }
    if (f->members.empty()) {  // nobody watches: forget the diff base
      feeds_.erase(it);
      return;
    }
  }
  // From here on only this thread touches f's diff state; the node stays
  // put because only tick() erases feeds.
  bool any_snapshot = std::any_of(targets.begin(), targets.end(), [](auto& x) { return x.snapshot; });
  bool any_update = std::any_of(targets.begin(), targets.end(), [](auto& x) { return !x.snapshot; });

  auto snap = engine_.snapshot(t);
  auto alerts = alerts_of_ ? alerts_of_(snap, status) : std::vector<alert>{};
  auto to_lines = [&](const std::vector<event>& evs, std::size_t keep) {
    std::vector<event_line> out;
    auto first = evs.size() > keep ? evs.size() - keep : 0;
    for (auto i = first; i < evs.size(); ++i)
      out.push_back({evs[i].seq, to_seconds(evs[i].at), std::string{to_string(evs[i].kind)},
                     engine_.describe_event(t, evs[i])});
    return out;
  };

  std::vector<event> fresh;
  frame snapshot_frame, update_frame;
  if (any_snapshot) {
    auto recent = engine_.recent_events(t, 0);
    snapshot_frame = std::make_shared<const std::string>(
        snapshot_message(snap, status, alerts, to_lines(recent, opts_.events_in_snapshot)));
    for (auto& e : recent)
      if (e.seq > f->last_seq) fresh.push_back(e);
  } else {
    fresh = engine_.recent_events(t, f->last_seq);
  }
  if (any_update) {
    std::vector<const live::agent_info*> changed;
    std::vector<agent_id> removed;
    std::unordered_map<agent_id, bool> present;
    for (auto& a : snap.agents) {
      present[a.id] = true;
      auto it = f->last_agents.find(a.id);
      if (it == f->last_agents.end() || agent_changed(it->second, a)) changed.push_back(&a);
    }
    for (auto& [id, a] : f->last_agents)
      if (!present.count(id)) removed.push_back(id);
    std::sort(removed.begin(), removed.end());
    update_frame = std::make_shared<const std::string>(
        update_message(snap, status, alerts, to_lines(fresh, opts_.events_per_update), changed, removed));
  }

  f->last_agents.clear();
  for (auto& a : snap.agents) f->last_agents.emplace(a.id, a);
  for (auto& e : fresh) f->last_seq = std::max(f->last_seq, e.seq);
  f->started = true;

  for (auto& x : targets) x.client->deliver(x.snapshot ? snapshot_frame : update_frame, x.snapshot);
}

void hub::close_all() {
  auto status = engine_.status();
  std::vector<tenant_index> watched;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    for (auto& [t, f] : feeds_) watched.push_back(t);
  }
  for (auto t : watched) tick(t, status);
  std::vector<std::shared_ptr<hub_client>> all;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    for (auto& [t, f] : feeds_)
      for (auto& [ptr, m] : f.members)
        if (auto c = m.client.lock()) all.push_back(std::move(c));
  }
  for (auto& c : all) c->close_for_shutdown();
}

} // namespace ccsim::web
