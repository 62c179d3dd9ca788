#pragma once
// The WebSocket hub: one feed per watched tenant. A hub thread wakes at the
// update rate, takes each watched tenant's snapshot from the engine (a
// cheap copy, never a wait on an actor), and hands every client one shared,
// immutable frame: a full snapshot to clients that just joined or fell
// behind, else an update with what changed since the previous message.
//
//   join ──> pending ──tick──> snapshot frame ──> client
//                      tick──> update frame (diff against the last tick) ──> all others
//
// The hub never writes to a socket and holds no lock while handing frames
// over: clients queue (capped) on their own strand; see ws_session.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "live/engine.hpp"
#include "web/alerts.hpp"

namespace ccsim::web {

using frame = std::shared_ptr<const std::string>;

/// What the hub needs from a WebSocket client (ws_session implements it).
class hub_client {
public:
  virtual ~hub_client() = default;
  /// Hub thread: hand over a frame. Must only post to the client's own
  /// executor, never block or write.
  virtual void deliver(frame f, bool is_snapshot) = 0;
  /// Hub thread: the server is shutting down; close with a close frame.
  virtual void close_for_shutdown() = 0;
  /// Set by the client when it dropped updates: its next frame must be a snapshot.
  std::atomic<bool> wants_snapshot{false};
};

struct hub_options {
  double updates_per_second = 4;
  std::size_t events_in_snapshot = 50;  ///< most recent events a snapshot carries
  std::size_t events_per_update = 200;  ///< at most, newest kept
};

class hub {
public:
  /// `alerts_of` evaluates a tenant's alerts (it knows the request stats).
  using alerts_fn = std::function<std::vector<alert>(const live::tenant_snapshot&, const live::engine_status&)>;

  hub(live::engine& engine, hub_options opts, alerts_fn alerts_of);
  ~hub();  ///< stop()
  hub(const hub&) = delete;
  hub& operator=(const hub&) = delete;

  void start();
  /// Ends the hub thread (no more frames). Idempotent.
  void stop();

  /// The client's first frame (a snapshot) follows at once, on the hub thread.
  void join(tenant_index t, const std::string& tenant_name, const std::shared_ptr<hub_client>& c);
  void leave(const hub_client* c);
  std::size_t clients() const;

  /// One last update to everyone (so the final state is shown), then
  /// close_for_shutdown() on every client.
  void close_all();

private:
  struct member {
    std::weak_ptr<hub_client> client;
    bool needs_snapshot = true;
  };
  struct feed {
    std::string name;
    std::unordered_map<const hub_client*, member> members;
    std::unordered_map<agent_id, live::agent_info> last_agents;
    std::uint64_t last_seq = 0;
    bool started = false;  ///< a tick has run: last_agents/last_seq are a base for diffs
  };

  void loop();
  void tick_all();
  /// Builds and hands out this tenant's frames. Runs on the hub thread only.
  void tick(tenant_index t, const live::engine_status& status);

  live::engine& engine_;
  hub_options opts_;
  alerts_fn alerts_of_;

  mutable std::mutex mtx_;  ///< guards feeds_ membership, wake_, stop_
  std::condition_variable cv_;
  std::unordered_map<tenant_index, feed> feeds_;
  bool wake_ = false;
  bool stop_ = false;
  std::thread thread_;
  std::mutex tick_mtx_;  ///< one tick at a time (hub thread or close_all)
};

} // namespace ccsim::web
